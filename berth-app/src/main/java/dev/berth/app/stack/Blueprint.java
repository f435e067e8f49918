package dev.berth.app.stack;

import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.spec.DnsProvider;
import dev.berth.core.spec.RegistryCredentials;
import dev.berth.core.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The "web service" blueprint: turns a validated spec into the resources of DESIGN.md, with
 * dependencies expressed as {@link Ref}s so the engine can run everything else in parallel.
 */
public final class Blueprint {
  public static final String TASK_EXECUTION_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  public static final String REGISTRY_USERNAME = "registry.username";
  public static final String REGISTRY_PASSWORD = "registry.password";

  /** The host rule's priority when the stack has its load balancer to itself. */
  public static final int RULE_PRIORITY = 100;

  private static final String VPC_CIDR = "10.0.0.0/16";

  /**
   * @param spec the validated spec, with its region set
   * @param availabilityZones the zones to spread subnets over (2 or 3), unused with an existing
   *     network
   * @param fingerprint salted fingerprint of a secret value, for {@link SecretRef}
   * @param rulePriority the host rule's priority on the HTTPS listener (unique per listener: the
   *     services sharing one load balancer each take their own)
   */
  public record Input(
      ServiceSpec spec,
      List<String> availabilityZones,
      Function<String, String> fingerprint,
      int rulePriority) {
    /** With the host rule at {@link #RULE_PRIORITY}, the one service of its load balancer. */
    public Input(
        ServiceSpec spec, List<String> availabilityZones, Function<String, String> fingerprint) {
      this(spec, availabilityZones, fingerprint, RULE_PRIORITY);
    }
  }

  private Blueprint() {}

  /** The secret values the graph's {@link SecretRef}s name, by key. */
  public static Map<String, String> secrets(ServiceSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    spec.image()
        .registryCredentials()
        .ifPresent(
            c -> {
              out.put(REGISTRY_USERNAME, c.username());
              out.put(REGISTRY_PASSWORD, c.password());
            });
    return out;
  }

  public static List<Resource> resources(Input in) {
    Parts p = new Parts(in);
    p.identity();
    p.network();
    p.certificate();
    p.loadBalancer();
    p.dns();
    p.compute();
    return p.out;
  }

  /**
   * The graph, part by part; each part adds its resources to {@code out} and names what later parts
   * refer to (the VPC, the subnets, what the load balancer waits for).
   */
  private static final class Parts {
    final Input in;
    final ServiceSpec spec;
    final String stack;
    final String region;
    final String hostname;
    final RegistryCredentials creds;
    final List<Resource> out = new ArrayList<>();
    final List<Object> subnets = new ArrayList<>();
    Object vpcId;
    Set<String> networkReady;

    Parts(Input in) {
      this.in = in;
      this.spec = in.spec();
      this.stack = spec.name();
      this.region = spec.region();
      this.hostname = spec.domain().hostname();
      this.creds = spec.image().credentials();
    }

    /** Roles for ECS and the tasks; the registry secret and the policy that reads secrets. */
    void identity() {
      out.add(
          new Resource(
              "service-linked-role",
              "aws.iam.service-linked-role",
              Map.of("service", "ecs.amazonaws.com")));
      List<Object> execPolicies = new ArrayList<>(List.of(TASK_EXECUTION_POLICY));
      List<Object> secretArns = new ArrayList<>();
      List<Object> ssmArns = new ArrayList<>();
      if (creds != null) {
        out.add(
            new Resource(
                "registry-secret",
                "aws.secretsmanager.secret",
                Map.of(
                    "name", Names.registrySecret(stack),
                    "username",
                        new SecretRef(REGISTRY_USERNAME, in.fingerprint().apply(creds.username())),
                    "password",
                        new SecretRef(
                            REGISTRY_PASSWORD, in.fingerprint().apply(creds.password())))));
        secretArns.add(Ref.to("registry-secret", "arn"));
      }
      for (String arn : spec.secrets().values()) {
        (arn.startsWith("arn:aws:ssm:") ? ssmArns : secretArns).add(arn);
      }
      if (!secretArns.isEmpty() || !ssmArns.isEmpty()) {
        out.add(
            new Resource(
                "secrets-policy",
                "aws.iam.policy",
                Map.of(
                    "name",
                    Names.secretsPolicy(stack, region),
                    "document",
                    secretsReadPolicy(secretArns, ssmArns))));
        execPolicies.add(Ref.to("secrets-policy", "arn"));
      }
      out.add(
          new Resource(
              "execution-role",
              "aws.iam.role",
              Map.of(
                  "name",
                  Names.executionRole(stack, region),
                  "assumeService",
                  "ecs-tasks.amazonaws.com",
                  "managedPolicyArns",
                  execPolicies)));
      out.add(
          new Resource(
              "task-role",
              "aws.iam.role",
              Map.of(
                  "name", Names.taskRole(stack, region),
                  "assumeService", "ecs-tasks.amazonaws.com",
                  "managedPolicyArns", List.of())));
    }

    /**
     * The VPC, gateway, route and subnets (unless the spec names a network), and the two security
     * groups.
     */
    void network() {
      if (spec.network() != null) {
        vpcId = spec.network().vpc();
        subnets.addAll(spec.network().subnets());
        networkReady = Set.of();
      } else {
        out.add(new Resource("vpc", "aws.ec2.vpc", Map.of("cidr", VPC_CIDR)));
        vpcId = Ref.to("vpc", "vpcId");
        out.add(
            new Resource("internet-gateway", "aws.ec2.internet-gateway", Map.of("vpcId", vpcId)));
        out.add(
            new Resource(
                "route",
                "aws.ec2.route",
                Map.of(
                    "routeTableId", Ref.to("vpc", "mainRouteTableId"),
                    "destinationCidr", "0.0.0.0/0",
                    "gatewayId", Ref.to("internet-gateway", "internetGatewayId"))));
        List<String> azs = in.availabilityZones();
        for (int i = 0; i < azs.size(); i++) {
          String id = "subnet-" + azs.get(i).substring(azs.get(i).length() - 1);
          out.add(
              new Resource(
                  id,
                  "aws.ec2.subnet",
                  Map.of(
                      "vpcId",
                      vpcId,
                      "cidr",
                      "10.0." + (i * 16) + ".0/20",
                      "availabilityZone",
                      azs.get(i),
                      "mapPublicIpOnLaunch",
                      true)));
          subnets.add(Ref.to(id, "subnetId"));
        }
        // An internet-facing load balancer never leaves "provisioning" without a gateway.
        networkReady = Set.of("route");
      }
      out.add(
          new Resource(
              "lb-security-group",
              "aws.ec2.security-group",
              Map.of(
                  "vpcId",
                  vpcId,
                  "name",
                  Names.securityGroup(stack, "lb"),
                  "description",
                  "berth " + stack + ": HTTP and HTTPS from anywhere to the load balancer",
                  "ingress",
                  List.of(
                      Map.of("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0"),
                      Map.of(
                          "protocol",
                          "tcp",
                          "fromPort",
                          443,
                          "toPort",
                          443,
                          "cidr",
                          "0.0.0.0/0")))));
      out.add(
          new Resource(
              "task-security-group",
              "aws.ec2.security-group",
              Map.of(
                  "vpcId",
                  vpcId,
                  "name",
                  Names.securityGroup(stack, "tasks"),
                  "description",
                  "berth " + stack + ": container port from the load balancer only",
                  "ingress",
                  List.of(
                      Map.of(
                          "protocol", "tcp",
                          "fromPort", spec.port(),
                          "toPort", spec.port(),
                          "sourceGroupId", Ref.to("lb-security-group", "groupId"))))));
    }

    /** The certificate, its validation record, and the wait until it is issued. */
    void certificate() {
      out.add(new Resource("certificate", "aws.acm.certificate", Map.of("domainName", hostname)));
      out.add(
          dnsRecord(
              in,
              "certificate-record",
              Ref.to("certificate", "validationName"),
              "CNAME",
              Ref.to("certificate", "validationValue"),
              null));
      out.add(
          new Resource(
              "certificate-validation",
              "aws.acm.certificate-validation",
              Map.of("certificateArn", Ref.to("certificate", "arn")),
              Set.of("certificate-record")));
    }

    /** The load balancer, its readiness wait, target group, listeners and the host rule. */
    void loadBalancer() {
      out.add(
          new Resource(
              "load-balancer",
              "aws.elbv2.load-balancer",
              Map.of(
                  "name", Names.loadBalancer(stack, region),
                  "subnets", subnets,
                  "securityGroups", List.of(Ref.to("lb-security-group", "groupId"))),
              networkReady));
      // Listeners, rules, the DNS record and the service need only its ARN and DNS name; the deploy
      // still ends only once it is active.
      out.add(
          new Resource(
              "load-balancer-ready",
              "aws.elbv2.load-balancer-ready",
              Map.of("loadBalancerArn", Ref.to("load-balancer", "arn"))));
      String vpcKey = spec.network() != null ? spec.network().vpc() : "berth";
      out.add(
          new Resource(
              "target-group",
              "aws.elbv2.target-group",
              Map.of(
                  "name", Names.targetGroup(stack, region, spec.port(), vpcKey),
                  "vpcId", vpcId,
                  "port", spec.port(),
                  "healthCheckPath", spec.healthCheck().path(),
                  "healthCheckIntervalSeconds", spec.healthCheck().intervalSeconds(),
                  "healthyThresholdCount", spec.healthCheck().healthyThreshold(),
                  "deregistrationDelaySeconds", spec.deregistrationDelay())));
      out.add(
          new Resource(
              "https-listener",
              "aws.elbv2.listener",
              Map.of(
                  "loadBalancerArn",
                  Ref.to("load-balancer", "arn"),
                  "port",
                  443,
                  "protocol",
                  "HTTPS",
                  "certificateArn",
                  Ref.to("certificate-validation", "arn"),
                  "sslPolicy",
                  TLS_POLICY,
                  "defaultAction",
                  Map.of("type", "fixed-response", "statusCode", 404))));
      out.add(
          new Resource(
              "http-listener",
              "aws.elbv2.listener",
              Map.of(
                  "loadBalancerArn",
                  Ref.to("load-balancer", "arn"),
                  "port",
                  80,
                  "protocol",
                  "HTTP",
                  "defaultAction",
                  Map.of(
                      "type",
                      "redirect",
                      "protocol",
                      "HTTPS",
                      "port",
                      443,
                      "statusCode",
                      "HTTP_301"))));
      out.add(
          new Resource(
              "host-rule",
              "aws.elbv2.listener-rule",
              Map.of(
                  "listenerArn",
                  Ref.to("https-listener", "arn"),
                  "priority",
                  in.rulePriority(),
                  "hostHeader",
                  hostname,
                  "targetGroupArn",
                  Ref.to("target-group", "arn"))));
    }

    /** The hostname's record, pointing at the load balancer. */
    void dns() {
      boolean route53 = spec.domain().dns() == DnsProvider.ROUTE53;
      out.add(
          route53
              ? dnsRecord(
                  in,
                  "dns-record",
                  hostname,
                  "A",
                  null,
                  Map.of(
                      "dnsName", Ref.to("load-balancer", "dnsName"),
                      "hostedZoneId", Ref.to("load-balancer", "canonicalHostedZoneId")))
              : dnsRecord(
                  in, "dns-record", hostname, "CNAME", Ref.to("load-balancer", "dnsName"), null));
    }

    /** Logs, cluster, task definition and the service. */
    void compute() {
      out.add(
          new Resource(
              "log-group",
              "aws.logs.log-group",
              Map.of("name", Names.logGroup(stack), "retentionDays", spec.logRetentionDays())));
      out.add(new Resource("cluster", "aws.ecs.cluster", Map.of("name", Names.cluster(stack))));
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("family", Names.taskFamily(stack));
      task.put("cpu", spec.cpu());
      task.put("memory", spec.memory());
      task.put("executionRoleArn", Ref.to("execution-role", "arn"));
      task.put("taskRoleArn", Ref.to("task-role", "arn"));
      task.put("containerName", stack);
      task.put("image", spec.image().name());
      task.put("port", spec.port());
      task.put("environment", spec.env());
      task.put("secrets", spec.secrets());
      task.put("command", spec.command());
      task.put("entryPoint", spec.entrypoint());
      task.put("logGroup", Ref.to("log-group", "name"));
      task.put("logRegion", region);
      if (creds != null) {
        task.put("repositoryCredentialsArn", Ref.to("registry-secret", "arn"));
      }
      out.add(new Resource("task-definition", "aws.ecs.task-definition", task));
      Map<String, Object> service = new LinkedHashMap<>();
      service.put("name", Names.service(stack));
      service.put("cluster", Ref.to("cluster", "name"));
      service.put("taskDefinitionArn", Ref.to("task-definition", "arn"));
      service.put("desiredCount", spec.instances());
      service.put("subnets", subnets);
      service.put("securityGroups", List.of(Ref.to("task-security-group", "groupId")));
      service.put("targetGroupArn", Ref.to("target-group", "arn"));
      service.put("containerName", stack);
      service.put("containerPort", spec.port());
      service.put("healthCheckGracePeriodSeconds", spec.healthCheck().gracePeriodSeconds());
      // The target group must be attached to the load balancer (through the rule) before ECS
      // accepts
      // it, and the service-linked role must exist before the first service of an account.
      out.add(
          new Resource(
              "service", "aws.ecs.service", service, Set.of("host-rule", "service-linked-role")));
    }
  }

  private static Resource dnsRecord(
      Input in, String id, Object name, String type, Object value, Map<String, Object> alias) {
    Map<String, Object> p = new LinkedHashMap<>();
    in.spec().domain().zoneName().ifPresent(z -> p.put("zone", z));
    p.put("name", name);
    p.put("type", type);
    boolean route53 = in.spec().domain().dns() == DnsProvider.ROUTE53;
    if (alias != null) {
      p.put("alias", alias);
    } else {
      p.put(route53 ? "value" : "content", value);
      p.put("ttl", route53 ? 300 : 60);
    }
    if (!route53) {
      p.put("proxied", false);
    }
    return new Resource(id, route53 ? "aws.route53.record" : "cloudflare.dns-record", p);
  }

  /** Allows exactly {@code secretsmanager:GetSecretValue} / {@code ssm:GetParameters} on these. */
  static Map<String, Object> secretsReadPolicy(List<Object> secretArns, List<Object> ssmArns) {
    List<Object> statements = new ArrayList<>();
    if (!secretArns.isEmpty()) {
      statements.add(
          Map.of(
              "Effect",
              "Allow",
              "Action",
              List.of("secretsmanager:GetSecretValue"),
              "Resource",
              secretArns));
    }
    if (!ssmArns.isEmpty()) {
      statements.add(
          Map.of("Effect", "Allow", "Action", List.of("ssm:GetParameters"), "Resource", ssmArns));
    }
    return Map.of("Version", "2012-10-17", "Statement", statements);
  }
}
