package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.ElbLoadBalancerTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** Target groups, their attributes and target health; health checks take time (aws profile). */
class ElbTargetGroupTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private LocalCloud cloud;
  private ElasticLoadBalancingV2Client elb;
  private TestNetwork net;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    elb = Clients.of(ElasticLoadBalancingV2Client.builder(), cloud);
    net = TestNetwork.create(cloud, true);
  }

  @AfterEach
  void tearDown() {
    elb.close();
  }

  private CreateTargetGroupRequest.Builder request(String name) {
    return CreateTargetGroupRequest.builder()
        .name(name)
        .targetType(TargetTypeEnum.IP)
        .protocol(ProtocolEnum.HTTP)
        .port(8080)
        .vpcId(net.vpcId());
  }

  private TargetGroup create(String name) {
    return elb.createTargetGroup(request(name).build()).targetGroups().get(0);
  }

  private TargetGroup describe(String arn) {
    return elb.describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().get(0);
  }

  private String loadBalancer() {
    return elb.createLoadBalancer(
            r -> r.name("web").subnets(net.subnetA(), net.subnetB()).securityGroups(net.sgId()))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  private String forwardingListener(String lbArn, int port, String tgArn) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lbArn)
                    .port(port)
                    .protocol(ProtocolEnum.HTTP)
                    .defaultActions(Action.builder().type("forward").targetGroupArn(tgArn).build()))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private Res tgRes(String arn) {
    synchronized (cloud.world()) {
      return cloud.world().get("elasticloadbalancing", "targetgroup", arn).orElseThrow();
    }
  }

  @Test
  void createTargetGroup_appliesAwsDefaults() {
    TargetGroup tg = create("hello-tg");

    assertTrue(
        tg.targetGroupArn()
            .matches(
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/[0-9a-f]{16}"));
    assertEquals(TargetTypeEnum.IP, tg.targetType());
    assertEquals(ProtocolEnum.HTTP, tg.protocol());
    assertEquals(8080, tg.port());
    assertEquals(net.vpcId(), tg.vpcId());
    assertEquals("/", tg.healthCheckPath());
    assertEquals("traffic-port", tg.healthCheckPort());
    assertEquals(ProtocolEnum.HTTP, tg.healthCheckProtocol());
    assertEquals(30, tg.healthCheckIntervalSeconds());
    assertEquals(5, tg.healthCheckTimeoutSeconds());
    assertEquals(5, tg.healthyThresholdCount());
    assertEquals(2, tg.unhealthyThresholdCount());
    assertEquals("200", tg.matcher().httpCode());
    assertTrue(tg.healthCheckEnabled());
    assertEquals(List.of(), tg.loadBalancerArns());
  }

  @Test
  void createTargetGroup_withHealthCheckSettings_keepsThem() {
    TargetGroup tg =
        elb.createTargetGroup(
                request("hello-tg")
                    .healthCheckPath("/healthz")
                    .healthCheckIntervalSeconds(10)
                    .healthyThresholdCount(2)
                    .unhealthyThresholdCount(3)
                    .matcher(m -> m.httpCode("200-299"))
                    .build())
            .targetGroups()
            .get(0);

    TargetGroup seen = describe(tg.targetGroupArn());
    assertEquals("/healthz", seen.healthCheckPath());
    assertEquals(10, seen.healthCheckIntervalSeconds());
    assertEquals(2, seen.healthyThresholdCount());
    assertEquals(3, seen.unhealthyThresholdCount());
    assertEquals("200-299", seen.matcher().httpCode());
  }

  @Test
  void createTargetGroup_whenInvalid_returnsValidationError() {
    for (String name : List.of("t".repeat(33), "bad_name", "-x", "x-")) {
      fails("ValidationError", () -> create(name));
    }
    fails("ValidationError", () -> elb.createTargetGroup(request("tg").vpcId(null).build()));
    fails("ValidationError", () -> elb.createTargetGroup(request("tg").port(null).build()));
    fails(
        "ValidationError",
        () -> elb.createTargetGroup(request("tg").vpcId("vpc-0123456789abcdef0").build()));
    fails(
        "ValidationError",
        () -> elb.createTargetGroup(request("tg").healthCheckIntervalSeconds(4).build()));
    fails(
        "ValidationError",
        () ->
            elb.createTargetGroup(
                request("tg").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(5).build()));
  }

  @Test
  void createTargetGroup_whenNameTaken_returnsSameGroupOrDuplicateName() {
    String arn = create("hello-tg").targetGroupArn();

    assertEquals(arn, create("hello-tg").targetGroupArn());
    DuplicateTargetGroupNameException e =
        assertThrows(
            DuplicateTargetGroupNameException.class,
            () -> elb.createTargetGroup(request("hello-tg").port(9090).build()));
    assertEquals("DuplicateTargetGroupName", e.awsErrorDetails().errorCode());
  }

  @Test
  void describeTargetGroups_whenUnknown_returnsTargetGroupNotFound() {
    String arn = create("hello-tg").targetGroupArn();

    assertThrows(
        TargetGroupNotFoundException.class, () -> elb.describeTargetGroups(r -> r.names("nope")));
    assertThrows(
        TargetGroupNotFoundException.class,
        () -> elb.describeTargetGroups(r -> r.targetGroupArns(arn.replace("hello-tg", "nope"))));
    assertEquals(
        arn,
        elb.describeTargetGroups(r -> r.names("hello-tg")).targetGroups().get(0).targetGroupArn());
  }

  @Test
  void describeTargetGroups_listsBalancersWhoseListenersOrRulesForwardToIt() {
    String viaListener = create("via-listener").targetGroupArn();
    String viaRule = create("via-rule").targetGroupArn();
    String unused = create("unused").targetGroupArn();
    String lb = loadBalancer();
    String listener = forwardingListener(lb, 80, viaListener);
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(10)
                .conditions(
                    RuleCondition.builder().field("host-header").values("a.example.com").build())
                .actions(Action.builder().type("forward").targetGroupArn(viaRule).build()));

    assertEquals(List.of(lb), describe(viaListener).loadBalancerArns());
    assertEquals(List.of(lb), describe(viaRule).loadBalancerArns());
    assertEquals(List.of(), describe(unused).loadBalancerArns());
    assertEquals(
        List.of("via-listener", "via-rule"),
        elb.describeTargetGroups(r -> r.loadBalancerArn(lb)).targetGroups().stream()
            .map(TargetGroup::targetGroupName)
            .toList());
  }

  @Test
  void modifyTargetGroup_changesHealthCheck() {
    String arn = create("hello-tg").targetGroupArn();

    TargetGroup tg =
        elb.modifyTargetGroup(
                r ->
                    r.targetGroupArn(arn)
                        .healthCheckPath("/ready")
                        .healthCheckIntervalSeconds(15)
                        .healthyThresholdCount(3))
            .targetGroups()
            .get(0);

    assertEquals("/ready", tg.healthCheckPath());
    assertEquals(15, describe(arn).healthCheckIntervalSeconds());
    assertEquals(3, describe(arn).healthyThresholdCount());
    fails(
        "ValidationError",
        () -> elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthyThresholdCount(11)));
    assertEquals(3, describe(arn).healthyThresholdCount());
  }

  @Test
  void targetGroupAttributes_defaultAndModifiedDeregistrationDelay() {
    String arn = create("hello-tg").targetGroupArn();

    Map<String, String> attrs = attributes(arn);
    assertEquals("300", attrs.get("deregistration_delay.timeout_seconds"));
    assertEquals("false", attrs.get("stickiness.enabled"));
    assertEquals("lb_cookie", attrs.get("stickiness.type"));
    assertEquals("round_robin", attrs.get("load_balancing.algorithm.type"));
    assertEquals("0", attrs.get("slow_start.duration_seconds"));

    var changed =
        elb.modifyTargetGroupAttributes(
            r ->
                r.targetGroupArn(arn)
                    .attributes(attr("deregistration_delay.timeout_seconds", "30")));
    assertTrue(changed.attributes().contains(attr("deregistration_delay.timeout_seconds", "30")));
    assertEquals("30", attributes(arn).get("deregistration_delay.timeout_seconds"));
    assertEquals(30L, tgRes(arn).num("deregistrationDelay", 0));

    fails(
        "ValidationError",
        () ->
            elb.modifyTargetGroupAttributes(
                r ->
                    r.targetGroupArn(arn)
                        .attributes(attr("deregistration_delay.timeout_seconds", "4000"))));
    fails(
        "ValidationError",
        () ->
            elb.modifyTargetGroupAttributes(
                r -> r.targetGroupArn(arn).attributes(attr("no.such.key", "1"))));
  }

  private static TargetGroupAttribute attr(String key, String value) {
    return TargetGroupAttribute.builder().key(key).value(value).build();
  }

  private Map<String, String> attributes(String arn) {
    return elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
        .collect(Collectors.toMap(TargetGroupAttribute::key, TargetGroupAttribute::value));
  }

  @Test
  void deleteTargetGroup_whenUsedByListener_returnsResourceInUse() {
    String arn = create("hello-tg").targetGroupArn();
    String listener = forwardingListener(loadBalancer(), 80, arn);

    ResourceInUseException e =
        assertThrows(
            ResourceInUseException.class, () -> elb.deleteTargetGroup(r -> r.targetGroupArn(arn)));
    assertEquals("ResourceInUse", e.awsErrorDetails().errorCode());
    assertEquals(
        "Target group '" + arn + "' is currently in use by a listener or a rule",
        e.awsErrorDetails().errorMessage());

    elb.deleteListener(r -> r.listenerArn(listener));
    elb.deleteTargetGroup(r -> r.targetGroupArn(arn));
    assertThrows(
        TargetGroupNotFoundException.class,
        () -> elb.describeTargetGroups(r -> r.targetGroupArns(arn)));
    elb.deleteTargetGroup(r -> r.targetGroupArn(arn));
  }

  private TargetHealth health(String tg, String ip) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
        .filter(d -> d.target().id().equals(ip))
        .findFirst()
        .orElseThrow()
        .targetHealth();
  }

  @Test
  void describeTargetHealth_followsRegistrationHealthChecksAndDraining() {
    String tg = create("hello-tg").targetGroupArn();
    forwardingListener(loadBalancer(), 80, tg);

    elb.registerTargets(
        r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("10.0.1.10").build()));
    TargetHealth initial = health(tg, "10.0.1.10");
    assertEquals("initial", initial.stateAsString());
    assertEquals("Elb.RegistrationInProgress", initial.reasonAsString());
    var d = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().get(0);
    assertEquals(8080, d.target().port());
    assertEquals("8080", d.healthCheckPort());

    clock.advance(Duration.ofSeconds(150));
    TargetHealth healthy = health(tg, "10.0.1.10");
    assertEquals("healthy", healthy.stateAsString());
    assertNull(healthy.reason());

    synchronized (cloud.world()) {
      Targets.register(cloud.world(), tgRes(tg), "10.0.2.20", 8080, true);
    }
    clock.advance(Duration.ofSeconds(60));
    TargetHealth unhealthy = health(tg, "10.0.2.20");
    assertEquals("unhealthy", unhealthy.stateAsString());
    assertEquals("Target.ResponseCodeMismatch", unhealthy.reasonAsString());

    elb.deregisterTargets(
        r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("10.0.1.10").build()));
    TargetHealth draining = health(tg, "10.0.1.10");
    assertEquals("draining", draining.stateAsString());
    assertEquals("Target.DeregistrationInProgress", draining.reasonAsString());
    clock.advance(Duration.ofSeconds(300));
    assertEquals(
        List.of("10.0.2.20"),
        elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
            .map(x -> x.target().id())
            .toList());
  }

  @Test
  void describeTargetHealth_reportsUnusedGroupsAndUnregisteredTargets() {
    String tg = create("hello-tg").targetGroupArn();
    elb.registerTargets(
        r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("10.0.1.10").build()));

    TargetHealth notInUse = health(tg, "10.0.1.10");
    assertEquals("unused", notInUse.stateAsString());
    assertEquals("Target.NotInUse", notInUse.reasonAsString());

    TargetHealth notRegistered =
        elb.describeTargetHealth(
                r ->
                    r.targetGroupArn(tg)
                        .targets(TargetDescription.builder().id("10.0.9.9").build()))
            .targetHealthDescriptions()
            .get(0)
            .targetHealth();
    assertEquals("unused", notRegistered.stateAsString());
    assertEquals("Target.NotRegistered", notRegistered.reasonAsString());
    fails(
        "ValidationError",
        () ->
            elb.registerTargets(
                r ->
                    r.targetGroupArn(tg).targets(TargetDescription.builder().id("i-123").build())));
  }
}
