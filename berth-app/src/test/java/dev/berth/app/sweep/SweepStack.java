package dev.berth.app.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.aws.acm.CertificateHandler;
import dev.berth.aws.acm.CertificateValidationHandler;
import dev.berth.aws.dns.Route53RecordHandler;
import dev.berth.aws.elb.ListenerHandler;
import dev.berth.aws.elb.ListenerRuleHandler;
import dev.berth.aws.elb.LoadBalancerHandler;
import dev.berth.aws.elb.TargetGroupHandler;
import dev.berth.aws.iam.Policies;
import dev.berth.aws.iam.PolicyHandler;
import dev.berth.aws.iam.RoleHandler;
import dev.berth.aws.network.InternetGatewayHandler;
import dev.berth.aws.network.RouteHandler;
import dev.berth.aws.network.SecurityGroupHandler;
import dev.berth.aws.network.SubnetHandler;
import dev.berth.aws.network.VpcHandler;
import dev.berth.aws.secrets.SecretHandler;
import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.time.BerthClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stack's resources, made through berth's handlers as a deploy would (network, identity,
 * secret, certificate validated through Route 53, load balancer with HTTPS listener and host rule,
 * alias record), recording what each create observed: the physical ids a state would hold.
 */
final class SweepStack {
  final String name;

  /** Logical id → what the handler's create returned. */
  final Map<String, Observed> made = new LinkedHashMap<>();

  /** Logical id → type. */
  final Map<String, String> types = new LinkedHashMap<>();

  private final AwsClients aws;
  private final BerthClock clock;
  private final Map<String, String> marks;

  private SweepStack(String name, AwsClients aws, BerthClock clock, Map<String, String> marks) {
    this.name = name;
    this.aws = aws;
    this.clock = clock;
    this.marks = marks;
  }

  /**
   * Builds stack {@code name} in VPC {@code 10.<octet>.0.0/16}, hostname {@code name.example.com}.
   */
  static SweepStack build(String name, int octet, AwsClients aws, BerthClock clock)
      throws Exception {
    return build(name, octet, aws, clock, Map.of());
  }

  /** As {@link #build(String, int, AwsClients, BerthClock)}, every tag set adding {@code marks}. */
  static SweepStack build(
      String name, int octet, AwsClients aws, BerthClock clock, Map<String, String> marks)
      throws Exception {
    SweepStack s = new SweepStack(name, aws, clock, marks);
    s.build(octet);
    return s;
  }

  /** The physical ids a state file of this stack would hold. */
  java.util.Set<String> physicalIds() {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    made.values().forEach(o -> ids.add(o.physicalId()));
    return ids;
  }

  String id(String logicalId) {
    return made.get(logicalId).physicalId();
  }

  String out(String logicalId, String output) {
    return made.get(logicalId).outputs().get(output);
  }

  private void build(int octet) throws Exception {
    String host = name + ".example.com";
    make(new VpcHandler(aws), "vpc", Map.of("cidr", "10." + octet + ".0.0/16"));
    make(new InternetGatewayHandler(aws), "internet-gateway", Map.of("vpcId", id("vpc")));
    make(
        new RouteHandler(aws),
        "route",
        Map.of(
            "routeTableId",
            out("vpc", "mainRouteTableId"),
            "destinationCidr",
            "0.0.0.0/0",
            "gatewayId",
            id("internet-gateway")));
    for (String zone : List.of("a", "b")) {
      make(
          new SubnetHandler(aws),
          "subnet-" + zone,
          Map.of(
              "vpcId",
              id("vpc"),
              "cidr",
              "10." + octet + "." + (zone.equals("a") ? 1 : 2) + ".0/24",
              "availabilityZone",
              "us-east-1" + zone,
              "mapPublicIpOnLaunch",
              true));
    }
    make(
        new SecurityGroupHandler(aws),
        "lb-security-group",
        Map.of(
            "vpcId",
            id("vpc"),
            "name",
            "berth-" + name + "-lb",
            "description",
            "load balancer",
            "ingress",
            List.of(
                Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0"))));
    make(
        new SecurityGroupHandler(aws),
        "task-security-group",
        Map.of(
            "vpcId",
            id("vpc"),
            "name",
            "berth-" + name + "-tasks",
            "description",
            "tasks",
            "ingress",
            List.of(
                Map.of(
                    "protocol",
                    "tcp",
                    "fromPort",
                    8080,
                    "toPort",
                    8080,
                    "sourceGroupId",
                    id("lb-security-group")))));
    make(
        new SecretHandler(aws),
        "registry-secret",
        Map.of(
            "name",
            "berth/" + name + "/registry",
            "username",
            new SecretRef("registry.username", "fp-u"),
            "password",
            new SecretRef("registry.password", "fp-p")));
    make(
        new PolicyHandler(aws),
        "secrets-policy",
        Map.of(
            "name",
            "berth-" + name + "-secrets",
            "document",
            Policies.secretsReadPolicy(List.of(id("registry-secret")), List.of())));
    make(
        new RoleHandler(aws),
        "execution-role",
        Map.of(
            "name",
            "berth-" + name + "-execution",
            "assumeService",
            "ecs-tasks.amazonaws.com",
            "managedPolicyArns",
            List.of(id("secrets-policy"))));
    make(new CertificateHandler(aws), "certificate", Map.of("domainName", host));
    make(
        new Route53RecordHandler(aws.route53()),
        "certificate-dns",
        Map.of(
            "name",
            out("certificate", "validationName"),
            "type",
            "CNAME",
            "value",
            out("certificate", "validationValue"),
            "ttl",
            60));
    make(
        new CertificateValidationHandler(aws),
        "certificate-validation",
        Map.of("certificateArn", id("certificate")));
    make(
        new LoadBalancerHandler(aws),
        "load-balancer",
        Map.of(
            "name",
            name + "-lb",
            "subnets",
            List.of(id("subnet-a"), id("subnet-b")),
            "securityGroups",
            List.of(id("lb-security-group"))));
    make(
        new TargetGroupHandler(aws),
        "target-group",
        Map.of("name", name + "-tg", "vpcId", id("vpc"), "port", 8080, "healthCheckPath", "/"));
    make(
        new ListenerHandler(aws),
        "https-listener",
        Map.of(
            "loadBalancerArn",
            id("load-balancer"),
            "port",
            443,
            "protocol",
            "HTTPS",
            "certificateArn",
            id("certificate"),
            "sslPolicy",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "defaultAction",
            Map.of("type", "fixed-response", "statusCode", 404)));
    make(
        new ListenerRuleHandler(aws),
        "host-rule",
        Map.of(
            "listenerArn",
            id("https-listener"),
            "priority",
            100,
            "hostHeader",
            host,
            "targetGroupArn",
            id("target-group")));
    make(
        new Route53RecordHandler(aws.route53()),
        "dns-record",
        Map.of(
            "name",
            host,
            "type",
            "A",
            "alias",
            Map.of(
                "dnsName",
                out("load-balancer", "dnsName"),
                "hostedZoneId",
                out("load-balancer", "canonicalHostedZoneId"))));
  }

  private void make(ResourceHandler handler, String logicalId, Map<String, Object> props)
      throws Exception {
    StandaloneContext ctx =
        new MarkedContext(name, logicalId, clock, marks)
            .secret("registry.username", "bot")
            .secret("registry.password", "pa\"ss");
    made.put(logicalId, handler.create(ctx, props));
    types.put(logicalId, handler.type().name());
  }
}
