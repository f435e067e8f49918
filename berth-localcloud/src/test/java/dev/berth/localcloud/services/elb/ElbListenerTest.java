package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.ElbLoadBalancerTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicyNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/** Listeners, rules and tags. */
class ElbListenerTest {
  private static final String TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext =
      new LocalCloudExtension(
          clock, Profile.instant().with("acm.inuse.after.listener", Duration.ofSeconds(10)));

  private LocalCloud cloud;
  private ElasticLoadBalancingV2Client elb;
  private String lb;
  private String tg;
  private String cert;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    elb = Clients.of(ElasticLoadBalancingV2Client.builder(), cloud);
    TestNetwork net = TestNetwork.create(cloud, true);
    lb =
        elb.createLoadBalancer(
                r -> r.name("web").subnets(net.subnetA(), net.subnetB()).securityGroups(net.sgId()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    tg =
        elb.createTargetGroup(
                r -> r.name("app").targetType("ip").protocol("HTTP").port(8080).vpcId(net.vpcId()))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    cert = TestNetwork.certificate(cloud, "hello.example.com", "ISSUED");
  }

  @AfterEach
  void tearDown() {
    elb.close();
  }

  static Action notFound() {
    return Action.builder()
        .type("fixed-response")
        .fixedResponseConfig(
            f -> f.statusCode("404").contentType("text/plain").messageBody("Not found"))
        .build();
  }

  static Action redirectToHttps() {
    return Action.builder()
        .type("redirect")
        .redirectConfig(
            r -> r.protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301))
        .build();
  }

  private Action forward(String arn) {
    return Action.builder().type("forward").targetGroupArn(arn).build();
  }

  private CreateListenerRequest.Builder https() {
    return CreateListenerRequest.builder()
        .loadBalancerArn(lb)
        .port(443)
        .protocol(ProtocolEnum.HTTPS)
        .sslPolicy(TLS13)
        .certificates(Certificate.builder().certificateArn(cert).build())
        .defaultActions(notFound());
  }

  private Listener create(CreateListenerRequest.Builder request) {
    return elb.createListener(request.build()).listeners().get(0);
  }

  private Listener describe(String arn) {
    return elb.describeListeners(r -> r.listenerArns(arn)).listeners().get(0);
  }

  private RuleCondition host(String host) {
    return RuleCondition.builder()
        .field("host-header")
        .hostHeaderConfig(h -> h.values(host))
        .build();
  }

  private Rule rule(String listener, int priority, String host) {
    return elb.createRule(
            r ->
                r.listenerArn(listener)
                    .priority(priority)
                    .conditions(host(host))
                    .actions(forward(tg)))
        .rules()
        .get(0);
  }

  @Test
  void createListener_https_keepsCertificatePolicyAndFixedResponse() {
    Listener l = create(https());

    assertTrue(l.listenerArn().startsWith(lb.replace(":loadbalancer/", ":listener/") + "/"));
    Listener seen = describe(l.listenerArn());
    assertEquals(ProtocolEnum.HTTPS, seen.protocol());
    assertEquals(443, seen.port());
    assertEquals(lb, seen.loadBalancerArn());
    assertEquals(TLS13, seen.sslPolicy());
    assertEquals(cert, seen.certificates().get(0).certificateArn());
    Action a = seen.defaultActions().get(0);
    assertEquals("fixed-response", a.typeAsString());
    assertEquals("404", a.fixedResponseConfig().statusCode());
    assertEquals("text/plain", a.fixedResponseConfig().contentType());
    assertEquals("Not found", a.fixedResponseConfig().messageBody());
    assertEquals(
        List.of(l.listenerArn()),
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
            .map(Listener::listenerArn)
            .toList());
  }

  @Test
  void createListener_httpsWithoutPolicy_usesDefaultPolicy() {
    assertEquals("ELBSecurityPolicy-2016-08", create(https().sslPolicy((String) null)).sslPolicy());
  }

  @Test
  void createListener_http_redirectGetsAwsDefaults() {
    Listener l =
        create(
            CreateListenerRequest.builder()
                .loadBalancerArn(lb)
                .port(80)
                .protocol("HTTP")
                .defaultActions(redirectToHttps()));

    var r = describe(l.listenerArn()).defaultActions().get(0).redirectConfig();
    assertEquals("HTTPS", r.protocol());
    assertEquals("443", r.port());
    assertEquals("#{host}", r.host());
    assertEquals("/#{path}", r.path());
    assertEquals("#{query}", r.query());
    assertEquals(RedirectActionStatusCodeEnum.HTTP_301, r.statusCode());
    assertNull(describe(l.listenerArn()).sslPolicy());
  }

  @Test
  void createListener_whenCertificateMissingOrUnusable_fails() {
    fails(
        "ValidationError",
        () -> create(https().certificates((java.util.Collection<Certificate>) null)));
    fails("ValidationError", () -> create(https().certificates(List.of())));
    CertificateNotFoundException e =
        assertThrows(
            CertificateNotFoundException.class,
            () ->
                create(
                    https()
                        .certificates(Certificate.builder().certificateArn(cert + "0").build())));
    assertEquals("CertificateNotFound", e.awsErrorDetails().errorCode());
    String pending = TestNetwork.certificate(cloud, "p.example.com", "PENDING_VALIDATION");
    fails(
        "UnsupportedCertificate",
        () -> create(https().certificates(Certificate.builder().certificateArn(pending).build())));
    fails(
        "ValidationError",
        () -> create(https().protocol(ProtocolEnum.HTTP).port(80).sslPolicy((String) null)));
  }

  @Test
  void createListener_whenPolicyUnknown_returnsSslPolicyNotFound() {
    SslPolicyNotFoundException e =
        assertThrows(SslPolicyNotFoundException.class, () -> create(https().sslPolicy("Modern")));
    assertEquals("SSLPolicyNotFound", e.awsErrorDetails().errorCode());
    assertEquals(
        "ELBSecurityPolicy-2016-08",
        create(https().sslPolicy("ELBSecurityPolicy-2016-08")).sslPolicy());
  }

  @Test
  void createListener_whenPortTaken_returnsSameListenerOrDuplicateListener() {
    String arn = create(https()).listenerArn();

    assertEquals(arn, create(https()).listenerArn());
    DuplicateListenerException e =
        assertThrows(
            DuplicateListenerException.class, () -> create(https().defaultActions(forward(tg))));
    assertEquals("DuplicateListener", e.awsErrorDetails().errorCode());
  }

  @Test
  void createListener_whenTargetGroupOrBalancerUnknown_returnsNotFound() {
    assertThrows(
        TargetGroupNotFoundException.class,
        () -> create(https().defaultActions(forward(tg.replace("/app/", "/nope/")))));
    assertThrows(
        LoadBalancerNotFoundException.class,
        () -> create(https().loadBalancerArn(lb.replace("/web/", "/nope/"))));
    fails(
        "ValidationError",
        () ->
            create(
                https()
                    .defaultActions(
                        Action.builder()
                            .type("fixed-response")
                            .fixedResponseConfig(f -> f.statusCode("302"))
                            .build())));
  }

  @Test
  void modifyListener_changesActionsPortAndPolicy() {
    String arn = create(https()).listenerArn();
    create(
        CreateListenerRequest.builder()
            .loadBalancerArn(lb)
            .port(80)
            .protocol("HTTP")
            .defaultActions(redirectToHttps()));

    Listener l =
        elb.modifyListener(
                r ->
                    r.listenerArn(arn)
                        .port(8443)
                        .sslPolicy("ELBSecurityPolicy-TLS13-1-3-2021-06")
                        .defaultActions(forward(tg)))
            .listeners()
            .get(0);

    assertEquals(8443, l.port());
    assertEquals("ELBSecurityPolicy-TLS13-1-3-2021-06", describe(arn).sslPolicy());
    assertEquals(cert, describe(arn).certificates().get(0).certificateArn());
    assertEquals(tg, describe(arn).defaultActions().get(0).targetGroupArn());
    assertEquals(
        List.of(lb),
        elb.describeTargetGroups(r -> r.targetGroupArns(tg))
            .targetGroups()
            .get(0)
            .loadBalancerArns());
    assertThrows(
        DuplicateListenerException.class,
        () -> elb.modifyListener(r -> r.listenerArn(arn).port(80)));
  }

  @Test
  void deleteListener_keepsCertificateInUseForAWhileAndDeletesRules() {
    String arn = create(https()).listenerArn();
    String rule = rule(arn, 10, "hello.example.com").ruleArn();

    elb.deleteListener(r -> r.listenerArn(arn));

    synchronized (cloud.world()) {
      var c = cloud.world().get("acm", "certificate", cert).orElseThrow();
      assertEquals(clock.millis() + 10_000, c.num("inUseUntil", 0));
    }
    assertThrows(RuleNotFoundException.class, () -> elb.describeRules(r -> r.ruleArns(rule)));
    assertThrows(
        ListenerNotFoundException.class, () -> elb.deleteListener(r -> r.listenerArn(arn)));
  }

  @Test
  void createRule_hostHeaderForward_isDescribedWithDefaultRuleLast() {
    String listener = create(https()).listenerArn();
    Rule created = rule(listener, 10, "hello.example.com");
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(5)
                .conditions(
                    RuleCondition.builder().field("host-header").values("api.example.com").build())
                .actions(forward(tg)));

    List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener)).rules();
    assertEquals(List.of("5", "10", "default"), rules.stream().map(Rule::priority).toList());
    Rule hello = rules.get(1);
    assertEquals(created.ruleArn(), hello.ruleArn());
    assertFalse(hello.isDefault());
    assertEquals("host-header", hello.conditions().get(0).field());
    assertEquals(
        List.of("hello.example.com"), hello.conditions().get(0).hostHeaderConfig().values());
    assertEquals(List.of("hello.example.com"), hello.conditions().get(0).values());
    assertEquals(tg, hello.actions().get(0).targetGroupArn());
    assertEquals(tg, hello.actions().get(0).forwardConfig().targetGroups().get(0).targetGroupArn());
    assertEquals(
        List.of("api.example.com"), rules.get(0).conditions().get(0).hostHeaderConfig().values());
    Rule dflt = rules.get(2);
    assertTrue(dflt.isDefault());
    assertEquals(List.of(), dflt.conditions());
    assertEquals("fixed-response", dflt.actions().get(0).typeAsString());
    assertTrue(
        created.ruleArn().startsWith(listener.replace(":listener/", ":listener-rule/") + "/"));
  }

  @Test
  void createRule_whenPriorityTaken_returnsPriorityInUse() {
    String listener = create(https()).listenerArn();
    rule(listener, 10, "a.example.com");

    PriorityInUseException e =
        assertThrows(PriorityInUseException.class, () -> rule(listener, 10, "b.example.com"));
    assertEquals("PriorityInUse", e.awsErrorDetails().errorCode());
    fails("ValidationError", () -> rule(listener, 0, "b.example.com"));
    fails(
        "ValidationError",
        () -> elb.createRule(r -> r.listenerArn(listener).priority(20).actions(forward(tg))));
  }

  @Test
  void modifyRule_setRulePriorities_andDeleteRule() {
    String listener = create(https()).listenerArn();
    String arn = rule(listener, 10, "a.example.com").ruleArn();

    Rule modified =
        elb.modifyRule(r -> r.ruleArn(arn).conditions(host("b.example.com")).actions(notFound()))
            .rules()
            .get(0);
    assertEquals(
        List.of("b.example.com"), modified.conditions().get(0).hostHeaderConfig().values());
    assertEquals("fixed-response", modified.actions().get(0).typeAsString());
    elb.setRulePriorities(
        r -> r.rulePriorities(RulePriorityPair.builder().ruleArn(arn).priority(20).build()));
    assertEquals("20", elb.describeRules(r -> r.ruleArns(arn)).rules().get(0).priority());

    String dflt = elb.describeRules(r -> r.listenerArn(listener)).rules().get(1).ruleArn();
    fails("OperationNotPermitted", () -> elb.deleteRule(r -> r.ruleArn(dflt)));
    elb.deleteRule(r -> r.ruleArn(arn));
    assertThrows(RuleNotFoundException.class, () -> elb.deleteRule(r -> r.ruleArn(arn)));
    assertEquals(1, elb.describeRules(r -> r.listenerArn(listener)).rules().size());
  }

  @Test
  void tags_addDescribeRemoveOnEveryKind() {
    String listener = create(https()).listenerArn();
    String rule = rule(listener, 10, "a.example.com").ruleArn();
    Tag tag = Tag.builder().key("berth:stack").value("hello").build();

    elb.addTags(r -> r.resourceArns(lb, tg, listener, rule).tags(tag));
    var described = elb.describeTags(r -> r.resourceArns(lb, tg, listener, rule)).tagDescriptions();
    assertEquals(
        List.of(lb, tg, listener, rule), described.stream().map(d -> d.resourceArn()).toList());
    described.forEach(d -> assertEquals(List.of(tag), d.tags()));

    elb.removeTags(r -> r.resourceArns(tg).tagKeys("berth:stack"));
    assertEquals(
        List.of(), elb.describeTags(r -> r.resourceArns(tg)).tagDescriptions().get(0).tags());
    assertThrows(
        LoadBalancerNotFoundException.class,
        () -> elb.describeTags(r -> r.resourceArns(lb.replace("/web/", "/nope/"))));
    List<String> many = java.util.Collections.nCopies(21, lb);
    fails("ValidationError", () -> elb.describeTags(r -> r.resourceArns(many)));
  }

  @Test
  void listenersAndRules_surviveARestartOfAPersistentCloud(@TempDir Path dir) {
    try (LocalCloud first = LocalCloud.builder().clock(clock).dataDir(dir).start()) {
      try (var c = Clients.of(ElasticLoadBalancingV2Client.builder(), first)) {
        TestNetwork net = TestNetwork.create(first, true);
        String lbArn =
            c.createLoadBalancer(
                    r ->
                        r.name("web")
                            .subnets(net.subnetA(), net.subnetB())
                            .securityGroups(net.sgId()))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        c.createListener(
            r ->
                r.loadBalancerArn(lbArn)
                    .port(80)
                    .protocol(ProtocolEnum.HTTP)
                    .defaultActions(redirectToHttps()));
      }
    }
    try (LocalCloud second = LocalCloud.builder().clock(clock).dataDir(dir).start();
        var c = Clients.of(ElasticLoadBalancingV2Client.builder(), second)) {
      String lbArn =
          c.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).loadBalancerArn();
      Listener l = c.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().get(0);
      assertEquals("443", l.defaultActions().get(0).redirectConfig().port());
      assertEquals(
          l.listenerArn(),
          c.createListener(
                  r ->
                      r.loadBalancerArn(lbArn)
                          .port(80)
                          .protocol(ProtocolEnum.HTTP)
                          .defaultActions(redirectToHttps()))
              .listeners()
              .get(0)
              .listenerArn());
      assertEquals(1, c.describeRules(r -> r.listenerArn(l.listenerArn())).rules().size());
    }
  }
}
