package dev.berth.aws.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53RecordHandlerTest {
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private LocalCloud cloud;
  private AwsClients aws;
  private Route53Client r53;
  private Route53RecordHandler handler;
  private static final RunOptions ADOPT = RunOptions.DEFAULT.withAdoptDns(true);
  private TestContext ctx;
  private String zoneId;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
            cloud.endpoint());
    r53 = aws.route53();
    handler = new Route53RecordHandler(r53);
    ctx = new TestContext("hello", "dns", clock);
    zoneId = cloud.route53Zone("example.com").id;
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private static Map<String, Object> alias(String dnsName) {
    Map<String, Object> p = new HashMap<>();
    p.put("name", "hello.example.com");
    p.put("type", "A");
    p.put("alias", Map.of("dnsName", dnsName, "hostedZoneId", "Z35SXDOTRQ7X7K"));
    return p;
  }

  private static Map<String, Object> cname(String name, String value) {
    Map<String, Object> p = new HashMap<>();
    p.put("name", name);
    p.put("type", "CNAME");
    p.put("value", value);
    p.put("ttl", 60);
    return p;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> records() {
    Res zone = cloud.world().get("route53", "hostedzone", zoneId).orElseThrow();
    return (List<Map<String, Object>>) (List<?>) zone.listAttr("records");
  }

  private Map<String, Object> record(String name, String type) {
    return records().stream()
        .filter(r -> r.get("name").equals(name) && r.get("type").equals(type))
        .findFirst()
        .orElse(null);
  }

  private void createForeign(String name, RRType type, String value) {
    ResourceRecordSet set =
        ResourceRecordSet.builder()
            .name(name)
            .type(type)
            .ttl(300L)
            .resourceRecords(ResourceRecord.builder().value(value).build())
            .build();
    r53.changeResourceRecordSets(
        b ->
            b.hostedZoneId(zoneId)
                .changeBatch(
                    cb ->
                        cb.changes(
                            Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(set)
                                .build())));
  }

  @Test
  void read_whenPropertiesSpellNamesWithTrailingDots_reportsThemAsSpelled() throws Exception {
    Map<String, Object> p = cname("_abc.Hello.example.com.", "_v.acm-validations.aws.");
    Observed created = handler.create(ctx, p);

    Observed read = handler.read(ctx, created.physicalId(), p).orElseThrow();

    assertEquals("_abc.Hello.example.com.", read.properties().get("name"));
    assertEquals("_v.acm-validations.aws.", read.properties().get("value"));
  }

  @Test
  void create_aliasRecord_withMarker_waitsForInsync() throws Exception {
    Instant before = clock.instant();
    Observed o = handler.create(ctx, alias("hello-lb-1.us-east-1.elb.amazonaws.com"));
    assertEquals(zoneId, o.outputs().get("zoneId"));
    assertEquals(zoneId + "/hello.example.com./A", o.physicalId());
    Duration waited = Duration.between(before, clock.instant());
    assertTrue(waited.compareTo(Duration.ofSeconds(40)) >= 0, "waited only " + waited);
    assertTrue(waited.compareTo(Duration.ofSeconds(80)) < 0, "waited " + waited);
    assertTrue(ctx.progressMessages().stream().anyMatch(m -> m.contains("PENDING")));
    @SuppressWarnings("unchecked")
    Map<String, Object> aliasTarget =
        (Map<String, Object>) record("hello.example.com.", "A").get("alias");
    assertEquals("hello-lb-1.us-east-1.elb.amazonaws.com.", aliasTarget.get("dnsName"));
    assertEquals(false, aliasTarget.get("evaluateTargetHealth"));
    assertEquals(
        List.of("\"berth stack=hello id=dns lineage=standalone-lineage\""),
        record("_berth.hello.example.com.", "TXT").get("values"));
  }

  @Test
  void read_whenNamesWereGivenWithTrailingDots_reportsThemAsGivenSoNothingLooksDrifted()
      throws Exception {
    Map<String, Object> validation = cname("_a1.Hello.example.com.", "_b2.acm-validations.aws.");
    Observed o = handler.create(ctx, validation);

    Observed read = handler.read(ctx, o.physicalId(), validation).orElseThrow();

    assertEquals("_a1.Hello.example.com.", read.properties().get("name"));
    assertEquals("_b2.acm-validations.aws.", read.properties().get("value"));
    Observed alias = handler.create(ctx, alias("Hello-LB-1.us-east-1.elb.amazonaws.com"));
    assertEquals(
        Map.of(
            "dnsName", "Hello-LB-1.us-east-1.elb.amazonaws.com", "hostedZoneId", "Z35SXDOTRQ7X7K"),
        handler
            .read(ctx, alias.physicalId(), alias("Hello-LB-1.us-east-1.elb.amazonaws.com"))
            .orElseThrow()
            .properties()
            .get("alias"));
    assertEquals(
        "hello.example.com",
        handler
            .read(ctx, alias.physicalId(), alias("other.example.net"))
            .orElseThrow()
            .properties()
            .get("name"));
  }

  @Test
  void readUpdateDelete_roundTrip() throws Exception {
    Observed o = handler.create(ctx, cname("www.example.com", "a.example.net"));
    Observed read = handler.read(ctx, o.physicalId(), Map.of()).orElseThrow();
    assertEquals("a.example.net", read.properties().get("value"));
    assertEquals(60L, read.properties().get("ttl"));

    handler.update(
        ctx,
        o.physicalId(),
        cname("www.example.com", "a.example.net"),
        cname("www.example.com", "b.example.net"),
        o.outputs());
    assertEquals(List.of("b.example.net"), record("www.example.com.", "CNAME").get("values"));

    handler.delete(ctx, o.physicalId(), Map.of(), o.outputs());
    assertEquals(null, record("www.example.com.", "CNAME"));
    assertEquals(null, record("_berth.www.example.com.", "TXT"));
    assertEquals(2, records().size());
    assertTrue(handler.read(ctx, o.physicalId(), Map.of()).isEmpty());
    handler.delete(ctx, o.physicalId(), Map.of(), o.outputs());
  }

  @Test
  void create_whenForeignRecordExists_refusesAndLeavesItIntact() {
    createForeign("hello.example.com", RRType.A, "192.0.2.1");
    var e =
        assertThrows(
            BerthException.class, () -> handler.create(ctx, alias("lb.elb.amazonaws.com")));
    assertEquals(FailureKind.CLOUD, e.kind());
    assertEquals(
        "DNS record hello.example.com (A) already exists in Route 53 zone example.com and was not"
            + " created by berth",
        e.getMessage());
    // The CLI words it with --adopt-dns (AdviceTest); the library names the facts.
    assertEquals(
        ForeignRecordException.Situation.NOT_MADE_BY_BERTH,
        ((ForeignRecordException) e).situation());
    assertTrue(((ForeignRecordException) e).adoptable());
    assertEquals(List.of("192.0.2.1"), record("hello.example.com.", "A").get("values"));
    assertEquals(null, record("_berth.hello.example.com.", "TXT"));
  }

  @Test
  void refuseForeignRecord_beforeTheAliasTargetIsKnown_refusesAsCreateWould() throws Exception {
    Map<String, Object> unknownTarget = alias("lb.elb.amazonaws.com");
    unknownTarget.remove("alias");
    handler.refuseForeignRecord("hello", "dns", false, unknownTarget);
    Observed ours = handler.create(ctx, alias("lb.elb.amazonaws.com"));
    handler.refuseForeignRecord(
        "hello", "dns", false, unknownTarget); // its own record is no conflict
    var other =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("other", "dns", false, unknownTarget));
    assertTrue(
        other.getMessage().contains("is managed by berth stack hello (state lineage"),
        other.getMessage());

    handler.delete(ctx, ours.physicalId(), Map.of(), ours.outputs());
    createForeign("hello.example.com", RRType.A, "192.0.2.1");
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("hello", "dns", false, unknownTarget));
    assertEquals(FailureKind.CLOUD, e.kind());
    assertTrue(e.getMessage().startsWith("DNS record hello.example.com (A)"), e.getMessage());
    handler.refuseForeignRecord("hello", "dns", true, unknownTarget);
  }

  @Test
  void create_withAdopt_takesOverTheRecord() throws Exception {
    createForeign("hello.example.com", RRType.CNAME, "old.example.net");
    Map<String, Object> p = alias("lb.elb.amazonaws.com");
    Observed o = handler.create(ctx.withOptions(ADOPT), p);
    assertEquals(null, record("hello.example.com.", "CNAME"));
    assertTrue(record("hello.example.com.", "A") != null);
    assertTrue(record("_berth.hello.example.com.", "TXT") != null);
    assertTrue(ctx.progressMessages().get(0).contains("adopting"));
    handler.delete(ctx, o.physicalId(), p, o.outputs());
    assertEquals(null, record("hello.example.com.", "A"));
  }

  @Test
  void create_afterACrash_reusesItsOwnRecord_andFindLocatesIt() throws Exception {
    Observed first = handler.create(ctx, alias("lb.elb.amazonaws.com"));
    Observed again = handler.create(ctx, alias("lb.elb.amazonaws.com"));
    assertEquals(first.physicalId(), again.physicalId());
    assertEquals(4, records().size());
    assertEquals(first.physicalId(), handler.find(ctx, alias("x")).orElseThrow().physicalId());
    assertTrue(handler.find(ctx.forResource("other"), alias("x")).isEmpty());
  }

  @Test
  void create_whenAnotherStacksMarkerIsThere_refuses_andDeleteLeavesIt() throws Exception {
    TestContext other = new TestContext("other", "dns", clock);
    Observed theirs = handler.create(other, alias("a.elb.amazonaws.com"));
    var e =
        assertThrows(BerthException.class, () -> handler.create(ctx, alias("b.elb.amazonaws.com")));
    assertTrue(
        e.getMessage().contains("is managed by berth stack other (state lineage"), e.getMessage());
    handler.delete(ctx, theirs.physicalId(), Map.of(), theirs.outputs());
    assertTrue(record("hello.example.com.", "A") != null);
    assertTrue(ctx.progressMessages().stream().anyMatch(m -> m.contains("left DNS record")));
  }

  @Test
  void create_whenGetChangeIsThrottled_keepsWaiting() throws Exception {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "GetChange";
    rule.status = 400;
    rule.error = "Throttling";
    rule.message = "Rate exceeded";
    rule.count = 4;
    cloud.faults().add(rule);
    handler.create(ctx, alias("lb.elb.amazonaws.com"));
    assertTrue(
        cloud.world().calls().stream()
                .filter(c -> c.action().equals("GetChange") && c.status() == 400)
                .count()
            == 4);
  }

  @Test
  void zones_longestPublicMatch_explicitZone_andNoZone() {
    String sub = cloud.route53Zone("sub.example.com").id;
    Res internal = cloud.route53Zone("internal.example.com");
    internal.attrs.put("private", true);
    assertEquals(sub, Route53Zones.find(r53, "a.sub.example.com", null).id());
    assertEquals("sub.example.com.", Route53Zones.find(r53, "a.sub.example.com", null).name());
    assertEquals(zoneId, Route53Zones.find(r53, "app.internal.example.com", null).id());
    assertEquals(zoneId, Route53Zones.find(r53, "a.sub.example.com", "example.com").id());
    var e = assertThrows(BerthException.class, () -> Route53Zones.find(r53, "x.other.org", null));
    assertEquals("no public Route 53 hosted zone found for x.other.org.", e.getMessage());
    assertFalse(e.hint().isEmpty());
    assertThrows(BerthException.class, () -> Route53Zones.find(r53, "x.example.com", "nope.org"));
  }

  // ---- ownership: the lineage in the TXT marker

  private void marker(String name, String value) {
    createForeign("_berth." + name, RRType.TXT, value);
  }

  @Test
  void markerTags_parsesOldAndNewForms() {
    assertEquals(
        java.util.Optional.of(
            Map.of(Ownership.STACK, "s", Ownership.ID, "dns", Ownership.LINEAGE, "l-1")),
        Route53RecordHandler.markerTags("\"berth stack=s id=dns lineage=l-1\""));
    assertEquals(
        java.util.Optional.of(Map.of(Ownership.STACK, "s", Ownership.ID, "dns")),
        Route53RecordHandler.markerTags("\"berth stack=s id=dns\""));
    assertTrue(Route53RecordHandler.markerTags("\"v=spf1 -all\"").isEmpty());
  }

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    handler.create(ctx.forResource("dns").lineage("state-a"), alias("a.elb.amazonaws.com"));
    assertTrue(handler.find(ctx.forResource("dns").lineage("state-b"), alias("x")).isEmpty());
    assertTrue(handler.find(ctx.forResource("dns").lineage("state-a"), alias("x")).isPresent());
    // An older berth's marker (no lineage) is never adopted by find.
    createForeign("old.example.com", RRType.CNAME, "o.elb.amazonaws.com");
    marker("old.example.com", "\"berth stack=hello id=dns\"");
    assertTrue(handler.find(ctx, cname("old.example.com", "x")).isEmpty());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    handler.create(ctx.forResource("dns").lineage("state-a"), alias("a.elb.amazonaws.com"));
    Map<String, Object> p = alias("b.elb.amazonaws.com");
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.create(ctx.forResource("dns").lineage("state-b"), p));
    assertEquals(
        "DNS record hello.example.com (A) already exists in Route 53 zone example.com and is"
            + " managed by berth stack hello (state lineage state-a), as its TXT record"
            + " _berth.hello.example.com says; berth did not change it",
        e.getMessage());
    assertEquals(
        ForeignRecordException.Situation.OTHER_STATE, ((ForeignRecordException) e).situation());
    assertEquals("state-a", ((ForeignRecordException) e).owner().get(Ownership.LINEAGE));
    assertThrows(
        BerthException.class,
        () -> handler.create(ctx.forResource("dns").lineage("state-b").withOptions(ADOPT), p));
    assertEquals(
        List.of("\"berth stack=hello id=dns lineage=state-a\""),
        record("_berth.hello.example.com.", "TXT").get("values"));
    assertEquals(
        "a.elb.amazonaws.com.",
        ((Map<?, ?>) record("hello.example.com.", "A").get("alias")).get("dnsName"));
  }

  @Test
  void refuseForeignRecord_whenARenamedStackKeepsItsHostname_namesTheOldStack() {
    // Issue 9, point 11: stack "base" made the record; the same hostname under stack "web".
    createForeign("hello.example.com", RRType.CNAME, "base-lb.elb.amazonaws.com");
    marker("hello.example.com", "\"berth stack=base id=dns-record lineage=1a2b\"");
    Map<String, Object> p = cname("hello.example.com", "x");
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("web", "dns-record", "l", false, p));
    assertTrue(
        e.getMessage().contains("is managed by berth stack base (state lineage 1a2b)"),
        e.getMessage());
    assertTrue(e.hint().startsWith("destroy that stack, or deploy from its state"), e.hint());
    assertThrows(
        BerthException.class, () -> handler.refuseForeignRecord("web", "dns-record", "l", true, p));
    handler.refuseForeignRecord("base", "dns-record", "1a2b", true, p);
  }

  @Test
  void holder_freeOursOtherLineageAndUntagged() throws Exception {
    Map<String, Object> unknown = alias("x");
    unknown.remove("alias");
    TestContext a = ctx.forResource("dns").lineage("state-a");
    TestContext b = ctx.forResource("dns").lineage("state-b");
    assertTrue(handler.holder(a, unknown).isEmpty());
    handler.create(a, alias("a.elb.amazonaws.com"));

    Holder ours = handler.holder(a, unknown).orElseThrow();
    assertEquals("Route 53 record hello.example.com (A) in zone example.com", ours.what());
    assertTrue(Ownership.ours(a, ours.tags()));
    Holder theirs = handler.holder(b, unknown).orElseThrow();
    assertFalse(Ownership.ours(b, theirs.tags()));
    assertEquals("state-a", theirs.tags().get(Ownership.LINEAGE));

    createForeign("plain.example.com", RRType.CNAME, "elsewhere.example.net");
    Map<String, Object> plain = cname("plain.example.com", "x");
    assertEquals(Map.of(), handler.holder(a, plain).orElseThrow().tags());
    assertTrue(
        handler.holder(a.withOptions(ADOPT), plain).isEmpty(),
        "adopt takes over what berth did not make");
    plain.put("name", dev.berth.core.graph.Ref.to("certificate", "validationName"));
    assertTrue(handler.holder(a.withOptions(ADOPT), plain).isEmpty());
  }

  @Test
  void tag_addsLineage_toAnOlderMarker_andReadReportsTags() throws Exception {
    createForeign("hello.example.com", RRType.CNAME, "o.elb.amazonaws.com");
    marker("hello.example.com", "\"berth stack=hello id=dns\"");
    String id = zoneId + "/hello.example.com./CNAME";
    Map<String, Object> p = cname("hello.example.com", "o.elb.amazonaws.com");
    assertEquals(
        Map.of(Ownership.STACK, "hello", Ownership.ID, "dns"),
        handler.read(ctx, id, p).orElseThrow().tags());

    handler.tag(ctx, id, p, Map.of());

    assertEquals(
        List.of("\"berth stack=hello id=dns lineage=standalone-lineage\""),
        record("_berth.hello.example.com.", "TXT").get("values"));
    assertTrue(Ownership.ours(ctx, handler.read(ctx, id, p).orElseThrow().tags()));
    assertTrue(handler.find(ctx, p).isPresent());
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.tag(ctx.forResource("dns").lineage("other"), id, p, Map.of()));
    assertTrue(e.getMessage().contains("berth stack hello"), e.getMessage());
  }

  @Test
  void recordedRecordWithAnOlderMarker_staysOurs_andSweepDeletesWithItsLineage() throws Exception {
    createForeign("hello.example.com", RRType.CNAME, "o.elb.amazonaws.com");
    marker("hello.example.com", "\"berth stack=hello id=dns\"");
    String id = zoneId + "/hello.example.com./CNAME";
    Map<String, Object> p = cname("hello.example.com", "o.elb.amazonaws.com");
    handler.update(ctx, id, p, cname("hello.example.com", "n.elb.amazonaws.com"), Map.of());
    assertEquals(
        List.of("\"berth stack=hello id=dns lineage=standalone-lineage\""),
        record("_berth.hello.example.com.", "TXT").get("values"));
    handler.delete(ctx.forResource("dns").lineage("other"), id, p, Map.of());
    assertTrue(record("hello.example.com.", "CNAME") != null, "another lineage leaves it");
    handler.delete(ctx, id, p, Map.of());
    assertEquals(null, record("hello.example.com.", "CNAME"));
    assertEquals(null, record("_berth.hello.example.com.", "TXT"));
  }
}
