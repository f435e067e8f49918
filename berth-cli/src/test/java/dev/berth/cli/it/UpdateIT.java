package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Changes to a deployed examples/hello: image, environment and size; a crashing image; hostname.
 */
class UpdateIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello");

  private String firstRevision;

  @BeforeEach
  void deployHello() {
    CliHarness.Run r = h.berth("deploy");
    assertEquals(0, r.exitCode(), r::toString);
    firstRevision = StackView.of(h, "hello").id("task-definition");
    assertTrue(firstRevision.endsWith(":1"), firstRevision);
  }

  @Test
  void deploy_newImageEnvAndInstances_rollsOutExactlyOneNewRevision() {
    h.replaceInSpec("nginx:1.27", "nginx:1.28");
    h.replaceInSpec("instances: 2", "instances: 3\nenv:\n  GREETING: hello from berth");
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("  tasks          3 running of 3 desired"), r::toString);
    List<String> calls = h.mutatingCallsSince(mark);
    assertEquals(1, count(calls, "ecs:RegisterTaskDefinition"), calls::toString);
    assertEquals(1, count(calls, "ecs:DeregisterTaskDefinition"), calls::toString);
    assertEquals(1, count(calls, "ecs:UpdateService"), calls::toString);
    assertEquals(
        Set.of("ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:UpdateService"),
        Set.copyOf(calls),
        "nothing but the task definition and the service changes");

    StackView v = StackView.of(h, "hello");
    String second = v.id("task-definition");
    assertTrue(second.endsWith(":2"), second);
    JsonNode container = v.attr("task-definition", "containerDefinitions").get(0);
    assertEquals("public.ecr.aws/nginx/nginx:1.28", container.path("image").asText());
    assertEquals(Map.of("GREETING", "hello from berth"), nameValues(container.path("environment")));
    assertEquals("INACTIVE", taskDefinitionStatus(firstRevision), "old revision deregistered");

    // deploy returns once the new version serves; the old one's tasks may still be draining.
    Service svc = service();
    assertEquals(second, svc.taskDefinition());
    assertEquals(3, svc.desiredCount());
    Deployment primary = primary(svc);
    assertEquals(second, primary.taskDefinition());
    assertEquals(DeploymentRolloutState.COMPLETED, primary.rolloutState());
    assertEquals(3, primary.runningCount());
    for (Deployment d : svc.deployments()) {
      if (d != primary) {
        assertEquals(firstRevision, d.taskDefinition(), "only the old version drains");
      }
    }
    sleep(Duration.ofMinutes(3));
    svc = service();
    Deployment only = single(svc.deployments());
    assertEquals(second, only.taskDefinition());
    assertEquals(3, svc.runningCount(), "stable: the old tasks are gone");
    v = StackView.of(h, "hello");
    assertEquals(3, v.tasks().size(), "running tasks");
    v.tasks()
        .forEach(
            t -> assertEquals(second, t.path("attributes").path("taskDefinitionArn").asText()));

    JsonNode state = h.state("hello").path("resources");
    assertEquals(second, state.path("task-definition").path("physicalId").asText());
    assertFalse(state.has("task-definition~old"), "old revision still in the state");
    assertEquals(3, state.path("service").path("properties").path("desiredCount").asInt());
    assertEquals(
        second, state.path("service").path("properties").path("taskDefinitionArn").asText());
    assertEquals("CREATED", state.path("service").path("status").asText());
  }

  @Test
  void deploy_crashingImage_failsWithTheStopReasonAndServiceStaysOnThePreviousRevision() {
    h.replaceInSpec("nginx:1.27", "nginx:crashloop");

    CliHarness.Run r = h.berth("deploy");

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Deploy of hello failed"), r::toString);
    assertTrue(r.err().contains("Essential container in task exited"), r::toString);
    assertTrue(r.err().matches("(?s).*exit code [1-9][0-9]*.*"), r::toString);
    Service svc = service();
    assertEquals(firstRevision, svc.taskDefinition(), "service back on the previous revision");
    assertEquals(firstRevision, primary(svc).taskDefinition());
    assertEquals(DeploymentRolloutState.COMPLETED, primary(svc).rolloutState());
    assertEquals(2, primary(svc).runningCount());
    StackView v = StackView.of(h, "hello");
    assertEquals(firstRevision, v.id("task-definition"), "the only live revision");
    JsonNode state = h.state("hello").path("resources");
    assertEquals(firstRevision, state.path("task-definition").path("physicalId").asText());
    assertFalse(state.has("task-definition~old"), state::toString);
    assertEquals(
        firstRevision,
        state.path("service").path("properties").path("taskDefinitionArn").asText(),
        "the state records the revision the service runs");

    // Back to a good image: converges in one deploy.
    h.replaceInSpec("nginx:crashloop", "nginx:1.28");
    CliHarness.Run fixed = h.berth("deploy");
    assertEquals(0, fixed.exitCode(), fixed::toString);
    assertTrue(fixed.out().contains("2 running of 2 desired"), fixed::toString);
    assertTrue(service().taskDefinition().endsWith(":3"), service().taskDefinition());
  }

  @Test
  void deploy_newHostname_movesCertificateRuleAndRecordThenRemovesTheOldOnes() {
    StackView before = StackView.of(h, "hello");
    String oldCertificate = before.id("certificate");
    int mark = h.mark();
    h.replaceInSpec("hostname: hello.example.com", "hostname: www.example.com");

    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("  URL            https://www.example.com\n"), r::toString);
    StackView v = StackView.of(h, "hello");
    String newCertificate = v.id("certificate");
    assertFalse(newCertificate.equals(oldCertificate), "a new certificate");
    assertEquals("www.example.com", v.get("certificate").path("name").asText());
    assertEquals("ISSUED", v.get("certificate").path("state").asText());
    assertEquals(newCertificate, v.attr("https-listener", "certificateArn").asText());
    WebServiceAssertions.assertHostRule(v, "www.example.com");
    assertTrue(
        h.inventory().stream().noneMatch(x -> x.path("id").asText().equals(oldCertificate)),
        "old certificate deleted");

    String dnsName = v.attr("load-balancer", "dnsName").asText();
    JsonNode record = HelloCloudflareIT.single(h.cloudflareRecords("www.example.com"));
    assertEquals(dnsName, HelloCloudflareIT.attr(record, "content"));
    assertEquals(List.of(), h.cloudflareRecords("hello.example.com"), "old record removed");
    assertEquals(2, h.cloudflareRecords(null).size(), "the new record and its validation record");

    // Order: the new certificate serves before the old one goes; the new record exists before
    // the old one is removed.
    List<JsonNode> calls = h.callsSince(mark);
    int listenerMoved = indexOf(calls, "elasticloadbalancing", "ModifyListener");
    int oldCertDeleted = indexOf(calls, "acm", "DeleteCertificate");
    assertTrue(listenerMoved >= 0 && oldCertDeleted > listenerMoved, calls::toString);
    int ruleMoved = indexOf(calls, "elasticloadbalancing", "ModifyRule");
    assertTrue(ruleMoved >= 0 && oldCertDeleted > ruleMoved, calls::toString);
    int recordCreated = indexOf(calls, "cloudflare", "CreateDnsRecord");
    int recordDeleted = indexOf(calls, "cloudflare", "DeleteDnsRecord");
    assertTrue(recordCreated >= 0 && recordDeleted > recordCreated, calls::toString);

    JsonNode state = h.state("hello").path("resources");
    assertEquals(newCertificate, state.path("certificate").path("physicalId").asText());
    state
        .fieldNames()
        .forEachRemaining(k -> assertFalse(k.endsWith("~old"), () -> "left in the state: " + k));
    assertEquals(
        "www.example.com", state.path("dns-record").path("properties").path("name").asText());
  }

  private Service service() {
    return h.aws()
        .ecs()
        .describeServices(b -> b.cluster("berth-hello").services("hello"))
        .services()
        .get(0);
  }

  private static Deployment primary(Service svc) {
    return svc.deployments().stream()
        .filter(d -> d.status().equals("PRIMARY"))
        .findFirst()
        .orElseThrow();
  }

  /** Lets virtual time pass while berth is not running (the test thread is no clock worker). */
  private void sleep(Duration d) {
    try {
      h.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String taskDefinitionStatus(String arn) {
    return h.aws()
        .ecs()
        .describeTaskDefinition(b -> b.taskDefinition(arn))
        .taskDefinition()
        .statusAsString();
  }

  private static int indexOf(List<JsonNode> calls, String service, String action) {
    for (int i = 0; i < calls.size(); i++) {
      JsonNode c = calls.get(i);
      if (c.path("service").asText().equals(service)
          && c.path("action").asText().equals(action)
          && c.path("status").asInt() < 300) {
        return i;
      }
    }
    return -1;
  }

  private static long count(List<String> calls, String call) {
    return calls.stream().filter(call::equals).count();
  }

  private static <T> T single(List<T> list) {
    assertEquals(1, list.size(), list::toString);
    return list.get(0);
  }

  private static Map<String, String> nameValues(JsonNode array) {
    Map<String, String> out = new TreeMap<>();
    array.forEach(x -> out.put(x.path("name").asText(), x.path("value").asText()));
    return out;
  }
}
