package dev.berth.aws.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.GoneIsDeleted;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.NameTakenException;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** The ELBv2 handlers against localcloud with AWS's delays, on one stepping clock. */
class ElbHandlersTest {
  private static final String TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private LocalCloud cloud;
  private AwsClients aws;
  private ElasticLoadBalancingV2Client elb;
  private LoadBalancerHandler lbs;
  private TargetGroupHandler tgs;
  private ListenerHandler listeners;
  private ListenerRuleHandler rules;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
            cloud.endpoint());
    elb = aws.elb();
    lbs = new LoadBalancerHandler(aws);
    tgs = new TargetGroupHandler(aws);
    listeners = new ListenerHandler(aws);
    rules = new ListenerRuleHandler(aws);
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private TestContext ctx(String id) {
    return new TestContext("hello", id, clock);
  }

  private static Map<String, Object> lbProps(TestNetwork net) {
    return Map.of(
        "name", "hello-a1b2c3",
        "subnets", List.of(net.subnetA(), net.subnetB()),
        "securityGroups", List.of(net.sgId()));
  }

  private static Map<String, Object> tgProps(TestNetwork net) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "hello-tg-a1b2c3");
    p.put("vpcId", net.vpcId());
    p.put("port", 8080);
    p.put("healthCheckPath", "/healthz");
    p.put("healthCheckIntervalSeconds", 10);
    p.put("healthyThresholdCount", 2);
    p.put("deregistrationDelaySeconds", 30);
    return p;
  }

  private static Map<String, Object> httpsProps(String lb, TestNetwork net) {
    return Map.of(
        "loadBalancerArn",
        lb,
        "port",
        443,
        "protocol",
        "HTTPS",
        "certificateArn",
        net.certArn(),
        "sslPolicy",
        TLS13,
        "defaultAction",
        Map.of("type", "fixed-response", "statusCode", 404));
  }

  private static Map<String, Object> httpProps(String lb) {
    return Map.of(
        "loadBalancerArn",
        lb,
        "port",
        80,
        "protocol",
        "HTTP",
        "defaultAction",
        Map.of("type", "redirect", "protocol", "HTTPS", "port", 443, "statusCode", "HTTP_301"));
  }

  private static Map<String, Object> ruleProps(String listener, String tg, String host, int prio) {
    return Map.of(
        "listenerArn", listener, "priority", prio, "hostHeader", host, "targetGroupArn", tg);
  }

  private long elbResources() {
    synchronized (cloud.world()) {
      return cloud.world().all().filter(r -> r.service.equals("elasticloadbalancing")).count();
    }
  }

  @Test
  void loadBalancer_create_returnsAtOnceWithItsNameWhileProvisioning() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    TestContext ctx = ctx("lb");
    Instant start = clock.instant();

    Observed lb = lbs.create(ctx, lbProps(net));

    assertEquals("provisioning", lb.status());
    assertEquals(start, clock.instant());
    assertEquals(lb.physicalId(), lb.outputs().get("arn"));
    assertTrue(lb.outputs().get("dnsName").startsWith("hello-a1b2c3-"));
    assertEquals("Z35SXDOTRQ7X7K", lb.outputs().get("canonicalHostedZoneId"));
    assertEquals(lb.physicalId(), lbs.find(ctx, lbProps(net)).orElseThrow().physicalId());
    assertEquals(
        List.of(net.subnetA(), net.subnetB()),
        lbs.read(ctx, lb.physicalId(), lbProps(net)).orElseThrow().properties().get("subnets"));
  }

  @Test
  void loadBalancerReady_create_waitsUntilActiveAndReportsProvisioning() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String arn = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    TestContext ctx = ctx("lb-ready");
    Instant start = clock.instant();
    Map<String, Object> props = Map.of("loadBalancerArn", arn);

    Observed ready = ready().create(ctx, props);

    assertEquals(arn, ready.outputs().get("arn"));
    long waited = Duration.between(start, clock.instant()).toSeconds();
    assertTrue(waited >= 150 && waited <= 156, "polls land within 5 s of activation: " + waited);
    assertEquals(
        List.of("provisioning"),
        ctx.progressMessages().stream().filter(m -> !m.contains("(waited ")).toList(),
        "the state once, then a heartbeat every 30 s");
    assertEquals(5, ctx.progressMessages().size() - 1, ctx.progressMessages().toString());
    assertEquals("active", ready().find(ctx, props).orElseThrow().status());
  }

  @Test
  void loadBalancerReady_withoutInternetGateway_timesOutWithTheFix() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, false);
    String arn = lbs.create(ctx("lb"), lbProps(net)).physicalId();

    WaitTimeoutException e =
        assertThrows(
            WaitTimeoutException.class,
            () -> ready().create(ctx("lb-ready"), Map.of("loadBalancerArn", arn)));

    assertTrue(e.getMessage().contains("provisioning"), e.getMessage());
    assertTrue(e.getMessage().contains("hello-a1b2c3"), e.getMessage());
    assertTrue(e.hint().contains("internet gateway"), e.hint());
  }

  @Test
  void loadBalancer_delete_alsoDeletesItsListenersAndRules() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg"), tgProps(net)).physicalId();
    Observed https = listeners.create(ctx("https"), httpsProps(lb, net));
    Observed rule =
        rules.create(ctx("rule"), ruleProps(https.physicalId(), tg, "hello.example.com", 10));

    assertTrue(lbs.type().cascadesDelete());
    lbs.delete(ctx("lb"), lb, lbProps(net), Map.of());

    assertTrue(listeners.read(ctx("https"), https.physicalId(), Map.of()).isEmpty());
    assertTrue(rules.read(ctx("rule"), rule.physicalId(), Map.of()).isEmpty());
    GoneIsDeleted.delete(rules, ctx("rule"), rule.physicalId(), Map.of(), rule.outputs());
    GoneIsDeleted.delete(listeners, ctx("https"), https.physicalId(), Map.of(), https.outputs());
  }

  private LoadBalancerReadyHandler ready() {
    return new LoadBalancerReadyHandler(aws);
  }

  @Test
  void loadBalancer_find_ignoresBalancersOfOtherStacks() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    lbs.create(ctx("lb"), lbProps(net));

    assertFalse(lbs.find(new TestContext("other", "lb", clock), lbProps(net)).isPresent());
  }

  @Test
  void fullEdge_createThenDeleteInReverse_leavesNoElbResources() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg"), tgProps(net)).physicalId();
    Observed https = listeners.create(ctx("https"), httpsProps(lb, net));
    Observed http = listeners.create(ctx("http"), httpProps(lb));
    Observed rule =
        rules.create(ctx("rule"), ruleProps(https.physicalId(), tg, "hello.example.com", 10));

    Listener seenHttps =
        elb.describeListeners(r -> r.listenerArns(https.physicalId())).listeners().get(0);
    assertEquals(TLS13, seenHttps.sslPolicy());
    assertEquals(net.certArn(), seenHttps.certificates().get(0).certificateArn());
    var notFound = seenHttps.defaultActions().get(0).fixedResponseConfig();
    assertEquals("404", notFound.statusCode());
    assertEquals("text/plain", notFound.contentType());
    assertEquals("Not found", notFound.messageBody());
    var redirect =
        elb.describeListeners(r -> r.listenerArns(http.physicalId()))
            .listeners()
            .get(0)
            .defaultActions()
            .get(0)
            .redirectConfig();
    assertEquals(RedirectActionStatusCodeEnum.HTTP_301, redirect.statusCode());
    assertEquals("HTTPS", redirect.protocol());
    assertEquals("443", redirect.port());
    Rule seenRule = elb.describeRules(r -> r.ruleArns(rule.physicalId())).rules().get(0);
    assertEquals(
        List.of("hello.example.com"), seenRule.conditions().get(0).hostHeaderConfig().values());
    assertEquals(tg, seenRule.actions().get(0).targetGroupArn());
    assertEquals("10", seenRule.priority());
    assertEquals(
        "30",
        elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg)).attributes().stream()
            .filter(a -> a.key().equals("deregistration_delay.timeout_seconds"))
            .findFirst()
            .orElseThrow()
            .value());
    assertEquals(
        Map.of("type", "redirect", "protocol", "HTTPS", "port", 443, "statusCode", "HTTP_301"),
        listeners
            .read(ctx("http"), http.physicalId(), httpProps(lb))
            .orElseThrow()
            .properties()
            .get("defaultAction"));

    rules.delete(ctx("rule"), rule.physicalId(), Map.of(), rule.outputs());
    listeners.delete(ctx("http"), http.physicalId(), Map.of(), http.outputs());
    listeners.delete(ctx("https"), https.physicalId(), Map.of(), https.outputs());
    tgs.delete(ctx("tg"), tg, tgProps(net), Map.of());
    lbs.delete(ctx("lb"), lb, lbProps(net), Map.of());

    assertEquals(0, elbResources());
    assertTrue(lbs.read(ctx("lb"), lb, lbProps(net)).isEmpty());
    assertTrue(tgs.read(ctx("tg"), tg, tgProps(net)).isEmpty());
    assertTrue(listeners.read(ctx("https"), https.physicalId(), Map.of()).isEmpty());
    assertTrue(rules.read(ctx("rule"), rule.physicalId(), Map.of()).isEmpty());
    GoneIsDeleted.delete(rules, ctx("rule"), rule.physicalId(), Map.of(), rule.outputs());
    GoneIsDeleted.delete(listeners, ctx("https"), https.physicalId(), Map.of(), https.outputs());
  }

  @Test
  void targetGroup_deleteWhileInUse_isResourceInUseClassifiedAsDependency() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg"), tgProps(net)).physicalId();
    String https = listeners.create(ctx("https"), httpsProps(lb, net)).physicalId();
    rules.create(ctx("rule"), ruleProps(https, tg, "hello.example.com", 10));

    ResourceInUseException e =
        assertThrows(
            ResourceInUseException.class, () -> tgs.delete(ctx("tg"), tg, tgProps(net), Map.of()));

    assertEquals("ResourceInUse", e.awsErrorDetails().errorCode());
    assertEquals(ErrorKind.DEPENDENCY, new AwsErrorClassifier().classify(e));
  }

  @Test
  void updatesInPlace_targetGroupListenerAndRule() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    Map<String, Object> oldTg = tgProps(net);
    String tg = tgs.create(ctx("tg"), oldTg).physicalId();
    Map<String, Object> newTg = new LinkedHashMap<>(oldTg);
    newTg.put("healthCheckPath", "/ready");
    newTg.put("healthCheckIntervalSeconds", 5);
    newTg.put("deregistrationDelaySeconds", 60);
    tgs.update(ctx("tg"), tg, oldTg, newTg, Map.of());
    Map<String, Object> seenTg = tgs.read(ctx("tg"), tg, newTg).orElseThrow().properties();
    assertEquals("/ready", seenTg.get("healthCheckPath"));
    assertEquals(5, seenTg.get("healthCheckIntervalSeconds"));
    assertEquals(60, seenTg.get("deregistrationDelaySeconds"));

    Map<String, Object> oldL = httpsProps(lb, net);
    String listener = listeners.create(ctx("https"), oldL).physicalId();
    Map<String, Object> newL = new LinkedHashMap<>(oldL);
    newL.put("sslPolicy", "ELBSecurityPolicy-TLS13-1-3-2021-06");
    Observed l = listeners.update(ctx("https"), listener, oldL, newL, Map.of());
    assertEquals(listener, l.physicalId());
    assertEquals("ELBSecurityPolicy-TLS13-1-3-2021-06", l.properties().get("sslPolicy"));

    Map<String, Object> oldR = ruleProps(listener, tg, "hello.example.com", 10);
    String rule = rules.create(ctx("rule"), oldR).physicalId();
    Map<String, Object> newR = ruleProps(listener, tg, "www.example.com", 20);
    rules.update(ctx("rule"), rule, oldR, newR, Map.of());
    Map<String, Object> seenR = rules.read(ctx("rule"), rule, newR).orElseThrow().properties();
    assertEquals("www.example.com", seenR.get("hostHeader"));
    assertEquals(20, seenR.get("priority"));
    assertEquals(rule, rules.find(ctx("rule"), newR).orElseThrow().physicalId());
    assertTrue(rules.find(ctx("rule"), oldR).isEmpty());
  }

  @Test
  void find_locatesWhatACrashedRunCreated() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("lb"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg"), tgProps(net)).physicalId();
    String https = listeners.create(ctx("https"), httpsProps(lb, net)).physicalId();
    String rule =
        rules.create(ctx("rule"), ruleProps(https, tg, "hello.example.com", 10)).physicalId();

    assertEquals(tg, tgs.find(ctx("tg"), tgProps(net)).orElseThrow().physicalId());
    assertEquals(
        https, listeners.find(ctx("https"), httpsProps(lb, net)).orElseThrow().physicalId());
    assertTrue(listeners.find(ctx("http"), httpProps(lb)).isEmpty());
    assertEquals(
        rule,
        rules
            .find(ctx("rule"), ruleProps(https, tg, "HELLO.example.com", 10))
            .orElseThrow()
            .physicalId());
  }

  // ---- ownership: another state's load balancer and target group are never taken as ours

  private TestContext ctx(String id, String lineage) {
    return ctx(id).lineage(lineage);
  }

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("load-balancer", "state-a"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg", "state-a"), tgProps(net)).physicalId();

    assertTrue(lbs.find(ctx("load-balancer", "state-b"), lbProps(net)).isEmpty());
    assertTrue(tgs.find(ctx("tg", "state-b"), tgProps(net)).isEmpty());
    assertEquals(
        lb, lbs.find(ctx("load-balancer", "state-a"), lbProps(net)).orElseThrow().physicalId());
    assertEquals(tg, tgs.find(ctx("tg", "state-a"), tgProps(net)).orElseThrow().physicalId());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb = lbs.create(ctx("load-balancer", "state-a"), lbProps(net)).physicalId();
    String tg = tgs.create(ctx("tg", "state-a"), tgProps(net)).physicalId();

    // Same name and settings: ELBv2 answers with the existing one, which is not state-b's.
    var sameLb =
        assertThrows(
            BerthException.class, () -> lbs.create(ctx("load-balancer", "state-b"), lbProps(net)));
    assertTrue(
        sameLb
            .getMessage()
            .startsWith(
                "load balancer hello-a1b2c3 already exists and belongs to berth stack hello"
                    + " (state lineage state-a"),
        sameLb.getMessage());
    assertTrue(sameLb.getMessage().endsWith("berth did not change it"), sameLb.getMessage());
    assertTrue(((NameTakenException) sameLb).berths(), sameLb.toString()); // the CLI adds --state
    var sameTg =
        assertThrows(BerthException.class, () -> tgs.create(ctx("tg", "state-b"), tgProps(net)));
    assertTrue(sameTg.getMessage().contains("target group hello-tg-a1b2c3"), sameTg.getMessage());
    assertTrue(sameTg.getMessage().contains("state lineage state-a"), sameTg.getMessage());

    // Other settings: DuplicateLoadBalancerName / DuplicateTargetGroupName, refused the same way.
    Map<String, Object> otherLb = new LinkedHashMap<>(lbProps(net));
    otherLb.put("securityGroups", List.of());
    var dupLb =
        assertThrows(
            BerthException.class, () -> lbs.create(ctx("load-balancer", "state-b"), otherLb));
    assertTrue(dupLb.getMessage().contains("state lineage state-a"), dupLb.getMessage());
    Map<String, Object> otherTg = new LinkedHashMap<>(tgProps(net));
    otherTg.put("healthCheckPath", "/other");
    var dupTg = assertThrows(BerthException.class, () -> tgs.create(ctx("tg", "state-b"), otherTg));
    assertTrue(dupTg.getMessage().contains("state lineage state-a"), dupTg.getMessage());

    // Nothing of state-a's was changed.
    assertEquals("state-a", Tagging.tags(elb, lb).get(Ownership.LINEAGE));
    assertEquals("state-a", Tagging.tags(elb, tg).get(Ownership.LINEAGE));
    assertEquals(
        "/healthz",
        tgs.read(ctx("tg", "state-a"), tg, tgProps(net))
            .orElseThrow()
            .properties()
            .get("healthCheckPath"));
  }

  @Test
  void holder_isEmptyWhenFree_andNamesWhoeverHoldsTheName() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    assertTrue(lbs.holder(ctx("load-balancer", "state-a"), lbProps(net)).isEmpty());
    assertTrue(tgs.holder(ctx("tg", "state-a"), tgProps(net)).isEmpty());
    lbs.create(ctx("load-balancer", "state-a"), lbProps(net));
    tgs.create(ctx("tg", "state-a"), tgProps(net));

    Holder ours = lbs.holder(ctx("load-balancer", "state-a"), lbProps(net)).orElseThrow();
    assertEquals("load balancer hello-a1b2c3", ours.what());
    assertTrue(Ownership.ours(ctx("load-balancer", "state-a"), ours.tags()));
    Holder theirs = tgs.holder(ctx("tg", "state-b"), tgProps(net)).orElseThrow();
    assertEquals("target group hello-tg-a1b2c3", theirs.what());
    assertEquals("state-a", theirs.tags().get(Ownership.LINEAGE));
    assertFalse(Ownership.ours(ctx("tg", "state-b"), theirs.tags()));

    elb.createTargetGroup(r -> r.name("untagged-tg").protocol("HTTP").port(80).vpcId(net.vpcId()));
    Map<String, Object> untagged = new LinkedHashMap<>(tgProps(net));
    untagged.put("name", "untagged-tg");
    assertEquals(Map.of(), tgs.holder(ctx("tg", "state-a"), untagged).orElseThrow().tags());
    untagged.put("vpcId", dev.berth.core.graph.Ref.to("vpc", "vpcId"));
    untagged.put("name", dev.berth.core.graph.Ref.to("x", "name"));
    assertTrue(tgs.holder(ctx("tg", "state-a"), untagged).isEmpty(), "a Ref is not known yet");
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    String lb =
        elb.createLoadBalancer(
                r ->
                    r.name("hello-a1b2c3")
                        .subnets(net.subnetA(), net.subnetB())
                        .securityGroups(net.sgId()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(
                r -> r.name("hello-tg-a1b2c3").protocol("HTTP").port(8080).vpcId(net.vpcId()))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    String listener = listeners.create(ctx("http", "state-a"), httpProps(lb)).physicalId();
    String rule =
        rules
            .create(ctx("rule", "state-a"), ruleProps(listener, tg, "hello.example.com", 10))
            .physicalId();
    assertEquals(Map.of(), lbs.read(ctx("load-balancer"), lb, lbProps(net)).orElseThrow().tags());

    lbs.tag(ctx("load-balancer", "state-a"), lb, lbProps(net), Map.of());
    tgs.tag(ctx("tg", "state-a"), tg, tgProps(net), Map.of());

    assertTrue(
        Ownership.ours(
            ctx("load-balancer", "state-a"),
            lbs.read(ctx("load-balancer"), lb, lbProps(net)).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("tg", "state-a"), tgs.read(ctx("tg"), tg, tgProps(net)).orElseThrow().tags()));
    assertEquals(
        "state-a",
        listeners
            .read(ctx("http"), listener, httpProps(lb))
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));
    assertEquals(
        "state-a",
        rules
            .read(ctx("rule"), rule, ruleProps(listener, tg, "hello.example.com", 10))
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));
    assertTrue(lbs.find(ctx("load-balancer", "state-a"), lbProps(net)).isPresent());
  }
}
