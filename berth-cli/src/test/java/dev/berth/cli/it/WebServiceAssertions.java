package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.stack.Blueprint;
import dev.berth.app.stack.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one deploy of the web-service blueprint must leave in the cloud and in the state, checked
 * resource by resource against localcloud's inventory: types, derived names, tags and the
 * properties that make the service safe (TLS policy, redirect, ingress, circuit breaker, roles).
 */
final class WebServiceAssertions {
  static final String REGION = "us-east-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the spec asks for. */
  record Expected(
      String stack,
      String hostname,
      int port,
      int instances,
      String image,
      String healthCheckPath,
      int logRetentionDays,
      Map<String, String> userTags,
      boolean privateRegistry) {}

  private WebServiceAssertions() {}

  static Set<String> taggedIds(boolean privateRegistry) {
    Set<String> ids =
        new TreeSet<>(
            List.of(
                "vpc",
                "internet-gateway",
                "subnet-a",
                "subnet-b",
                "subnet-c",
                "lb-security-group",
                "task-security-group",
                "execution-role",
                "task-role",
                "certificate",
                "load-balancer",
                "target-group",
                "https-listener",
                "http-listener",
                "host-rule",
                "log-group",
                "cluster",
                "task-definition",
                "service"));
    if (privateRegistry) {
      ids.add("registry-secret");
      ids.add("secrets-policy");
    }
    return ids;
  }

  /** Checks the inventory one resource at a time, then the state against it. */
  static StackView assertDeployed(CliHarness h, Expected e) {
    StackView v = StackView.of(h, e.stack());
    assertEquals(taggedIds(e.privateRegistry()), v.byId().keySet(), "berth-tagged resources");
    Map<String, String> tags = e.userTags();
    String stack = e.stack();

    // identity
    JsonNode slr =
        h.inventory().stream()
            .filter(r -> r.path("type").asText().equals("role"))
            .filter(r -> r.path("name").asText().equals("AWSServiceRoleForECS"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ECS service-linked role"));
    assertEquals(
        "/aws-service-role/ecs.amazonaws.com/", slr.path("attributes").path("path").asText());
    v.expect("execution-role", "iam/role", Names.executionRole(stack, REGION), tags);
    v.expect("task-role", "iam/role", Names.taskRole(stack, REGION), tags);
    assertEquals(
        "ecs-tasks.amazonaws.com", assumedBy(v.attr("execution-role", "assumeRolePolicyDocument")));
    assertEquals(
        "ecs-tasks.amazonaws.com", assumedBy(v.attr("task-role", "assumeRolePolicyDocument")));
    Set<String> execPolicies = new TreeSet<>(List.of(Blueprint.TASK_EXECUTION_POLICY));
    if (e.privateRegistry()) {
      execPolicies.add(v.get("secrets-policy").path("arn").asText());
    }
    assertEquals(execPolicies, strings(v.attr("execution-role", "attachedPolicies")));
    assertEquals(Set.of(), strings(v.attr("task-role", "attachedPolicies")));

    // network
    v.expect("vpc", "ec2/vpc", null, tags);
    String vpc = v.id("vpc");
    assertEquals("10.0.0.0/16", v.attr("vpc", "cidr").asText());
    v.expect("internet-gateway", "ec2/internet-gateway", null, tags);
    assertEquals(vpc, v.attr("internet-gateway", "vpcId").asText());
    assertDefaultRoute(h, v.attr("vpc", "mainRouteTableId").asText(), v.id("internet-gateway"));
    String[] zones = {"a", "b", "c"};
    List<String> subnets = new ArrayList<>();
    for (int i = 0; i < zones.length; i++) {
      String id = "subnet-" + zones[i];
      v.expect(id, "ec2/subnet", null, tags);
      assertEquals(vpc, v.attr(id, "vpcId").asText(), id);
      assertEquals("10.0." + (16 * i) + ".0/20", v.attr(id, "cidr").asText(), id);
      assertEquals(REGION + zones[i], v.attr(id, "availabilityZone").asText(), id);
      assertTrue(v.attr(id, "mapPublicIpOnLaunch").asBoolean(), id);
      subnets.add(v.id(id));
    }
    v.expect("lb-security-group", "ec2/security-group", Names.securityGroup(stack, "lb"), tags);
    v.expect(
        "task-security-group", "ec2/security-group", Names.securityGroup(stack, "tasks"), tags);
    String lbSg = v.id("lb-security-group");
    String taskSg = v.id("task-security-group");
    assertEquals(vpc, v.attr("lb-security-group", "vpcId").asText());
    assertEquals(vpc, v.attr("task-security-group", "vpcId").asText());
    assertEquals(
        Set.of("tcp 80-80 from 0.0.0.0/0", "tcp 443-443 from 0.0.0.0/0"),
        ingress(v.attr("lb-security-group", "ingress")),
        "load balancer ingress");
    assertEquals(
        Set.of("tcp " + e.port() + "-" + e.port() + " from " + lbSg),
        ingress(v.attr("task-security-group", "ingress")),
        "task ingress: the container port from the load balancer's group only");

    // TLS
    v.expect("certificate", "acm/certificate", e.hostname(), tags);
    assertEquals("ISSUED", v.get("certificate").path("state").asText());
    String certArn = v.id("certificate");

    // edge
    v.expect(
        "load-balancer",
        "elasticloadbalancing/loadbalancer",
        Names.loadBalancer(stack, REGION),
        tags);
    assertEquals("active", v.get("load-balancer").path("state").asText());
    assertEquals("internet-facing", v.attr("load-balancer", "scheme").asText());
    assertEquals(new TreeSet<>(subnets), strings(v.attr("load-balancer", "subnets")));
    assertEquals(Set.of(lbSg), strings(v.attr("load-balancer", "securityGroups")));
    String lbArn = v.id("load-balancer");
    v.expect(
        "target-group",
        "elasticloadbalancing/targetgroup",
        Names.targetGroup(stack, REGION, e.port(), "berth"),
        tags);
    String tgArn = v.id("target-group");
    assertEquals(e.port(), v.attr("target-group", "port").asInt());
    assertEquals("ip", v.attr("target-group", "targetType").asText());
    assertEquals(vpc, v.attr("target-group", "vpcId").asText());
    assertEquals(e.healthCheckPath(), v.attr("target-group", "healthCheckPath").asText());

    v.expect("https-listener", "elasticloadbalancing/listener", null, tags);
    assertEquals(lbArn, v.attr("https-listener", "loadBalancerArn").asText());
    assertEquals(443, v.attr("https-listener", "port").asInt());
    assertEquals("HTTPS", v.attr("https-listener", "protocol").asText());
    assertEquals(
        "ELBSecurityPolicy-TLS13-1-2-2021-06", v.attr("https-listener", "sslPolicy").asText());
    assertEquals(certArn, v.attr("https-listener", "certificateArn").asText());
    JsonNode https = single(v.attr("https-listener", "defaultActions"), "HTTPS default actions");
    assertEquals("fixed-response", https.path("Type").asText());
    assertEquals("404", https.path("FixedResponseConfig").path("StatusCode").asText());

    v.expect("http-listener", "elasticloadbalancing/listener", null, tags);
    assertEquals(lbArn, v.attr("http-listener", "loadBalancerArn").asText());
    assertEquals(80, v.attr("http-listener", "port").asInt());
    assertEquals("HTTP", v.attr("http-listener", "protocol").asText());
    JsonNode redirect = single(v.attr("http-listener", "defaultActions"), "HTTP default actions");
    assertEquals("redirect", redirect.path("Type").asText());
    assertEquals("HTTPS", redirect.path("RedirectConfig").path("Protocol").asText());
    assertEquals("443", redirect.path("RedirectConfig").path("Port").asText());
    assertEquals("HTTP_301", redirect.path("RedirectConfig").path("StatusCode").asText());

    assertHostRule(v, e.hostname());

    // logs and compute
    v.expect("log-group", "logs/loggroup", Names.logGroup(stack), tags);
    assertEquals(e.logRetentionDays(), v.attr("log-group", "retentionInDays").asInt());
    v.expect("cluster", "ecs/cluster", Names.cluster(stack), tags);
    assertEquals("ACTIVE", v.get("cluster").path("state").asText());
    v.expect("task-definition", "ecs/taskdefinition", Names.taskFamily(stack), tags);
    assertEquals("ACTIVE", v.get("task-definition").path("state").asText());
    String tdArn = v.id("task-definition");
    JsonNode container =
        single(v.attr("task-definition", "containerDefinitions"), "container definitions");
    assertEquals(stack, container.path("name").asText());
    assertEquals(e.image(), container.path("image").asText());
    assertEquals(
        e.port(), single(container.path("portMappings"), "ports").path("containerPort").asInt());
    assertEquals(
        Names.logGroup(stack),
        container.path("logConfiguration").path("options").path("awslogs-group").asText());
    assertEquals("awsvpc", v.attr("task-definition", "networkMode").asText());
    assertEquals(
        v.get("execution-role").path("arn").asText(),
        v.attr("task-definition", "executionRoleArn").asText());
    assertEquals(
        v.get("task-role").path("arn").asText(), v.attr("task-definition", "taskRoleArn").asText());

    v.expect("service", "ecs/service", Names.service(stack), tags);
    assertEquals("ACTIVE", v.get("service").path("state").asText());
    assertEquals(tdArn, v.attr("service", "taskDefinition").asText());
    assertEquals(e.instances(), v.attr("service", "desiredCount").asInt());
    JsonNode breaker =
        v.attr("service", "deploymentConfiguration").path("deploymentCircuitBreaker");
    assertTrue(breaker.path("enable").asBoolean(), "circuit breaker enabled");
    assertTrue(breaker.path("rollback").asBoolean(), "circuit breaker rolls back");
    JsonNode lb = single(v.attr("service", "loadBalancers"), "service load balancers");
    assertEquals(tgArn, lb.path("targetGroupArn").asText());
    assertEquals(stack, lb.path("containerName").asText());
    assertEquals(e.port(), lb.path("containerPort").asInt());
    JsonNode awsvpc = v.attr("service", "networkConfiguration").path("awsvpcConfiguration");
    assertEquals(Set.of(taskSg), strings(awsvpc.path("securityGroups")));
    assertEquals(new TreeSet<>(subnets), strings(awsvpc.path("subnets")));
    assertEquals(e.instances(), v.tasks().size(), "running tasks");
    for (JsonNode t : v.tasks()) {
      assertEquals("RUNNING", t.path("attributes").path("lastStatus").asText());
      assertEquals(tdArn, t.path("attributes").path("taskDefinitionArn").asText());
    }

    assertStateMatches(h, v, e);
    return v;
  }

  static void assertHostRule(StackView v, String hostname) {
    JsonNode rule = v.get("host-rule");
    assertEquals(v.id("https-listener"), rule.path("attributes").path("listenerArn").asText());
    assertEquals("100", rule.path("attributes").path("priority").asText());
    JsonNode condition = single(rule.path("attributes").path("conditions"), "rule conditions");
    assertEquals("host-header", condition.path("Field").asText());
    List<String> values = new ArrayList<>();
    condition.path("HostHeaderConfig").path("Values").forEach(x -> values.add(x.asText()));
    assertEquals(List.of(hostname), values, "host-header values");
    JsonNode forward = single(rule.path("attributes").path("actions"), "rule actions");
    assertEquals("forward", forward.path("Type").asText());
    assertEquals(v.id("target-group"), forward.path("TargetGroupArn").asText());
  }

  /** Every resource recorded as CREATED, with the physical id the cloud knows it by. */
  static void assertStateMatches(CliHarness h, StackView v, Expected e) {
    JsonNode resources = h.state(e.stack()).path("resources");
    Set<String> recorded = new TreeSet<>();
    resources.fieldNames().forEachRemaining(recorded::add);
    Set<String> expected = new TreeSet<>(taggedIds(e.privateRegistry()));
    expected.addAll(
        List.of(
            "service-linked-role",
            "route",
            "certificate-record",
            "certificate-validation",
            "load-balancer-ready",
            "dns-record"));
    assertEquals(expected, recorded, "resources in the state");
    resources
        .properties()
        .forEach(
            en ->
                assertEquals(
                    "CREATED",
                    en.getValue().path("status").asText(),
                    () -> "state of " + en.getKey()));
    for (String id : v.byId().keySet()) {
      assertEquals(
          v.id(id), resources.path(id).path("physicalId").asText(), () -> "physical id of " + id);
    }
    assertEquals(
        v.id("certificate"), resources.path("certificate-validation").path("physicalId").asText());
  }

  private static void assertDefaultRoute(CliHarness h, String routeTable, String gateway) {
    JsonNode rt =
        h.inventory().stream()
            .filter(r -> r.path("id").asText().equals(routeTable))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no route table " + routeTable));
    Set<String> routes = new TreeSet<>();
    rt.path("attributes")
        .path("routes")
        .forEach(
            r ->
                routes.add(
                    r.path("destinationCidrBlock").asText()
                        + " -> "
                        + r.path("gatewayId").asText()));
    assertEquals(Set.of("10.0.0.0/16 -> local", "0.0.0.0/0 -> " + gateway), routes, "main routes");
  }

  static Set<String> ingress(JsonNode rules) {
    Set<String> out = new TreeSet<>();
    rules.forEach(
        r ->
            out.add(
                r.path("ipProtocol").asText()
                    + " "
                    + r.path("fromPort").asInt()
                    + "-"
                    + r.path("toPort").asInt()
                    + " from "
                    + (r.hasNonNull("cidrIp")
                        ? r.path("cidrIp").asText()
                        : r.path("sourceGroupId").asText())));
    return out;
  }

  static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  static JsonNode single(JsonNode array, String what) {
    assertEquals(1, array.size(), () -> what + ": " + array);
    return array.get(0);
  }

  /** The service principal of a role's trust policy (a JSON document in a string). */
  static String assumedBy(JsonNode document) {
    JsonNode doc = parse(document.asText());
    JsonNode statement = single(doc.path("Statement"), "trust statements");
    assertEquals("sts:AssumeRole", statement.path("Action").asText());
    return statement.path("Principal").path("Service").asText();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
