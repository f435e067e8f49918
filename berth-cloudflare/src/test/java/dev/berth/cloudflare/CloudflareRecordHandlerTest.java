package dev.berth.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cloudflare.CloudflareClient.RecordInput;
import dev.berth.cloudflare.CloudflareClient.Zone;
import dev.berth.core.engine.ApplyOptions;
import dev.berth.core.engine.ApplyResult;
import dev.berth.core.engine.Engine;
import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Resource;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Planner;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.state.InMemoryStateStore;
import dev.berth.core.state.State;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CloudflareRecordHandlerTest {
  private static final String TOKEN = "cf-test-token-7f3a9c";
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private LocalCloud cloud;
  private CloudflareClient client;
  private CloudflareRecordHandler handler;
  private static final RunOptions ADOPT = RunOptions.DEFAULT.withAdoptDns(true);
  private TestContext ctx;
  private Zone zone;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    Res z = cloud.cloudflareZone("example.com", TOKEN);
    zone = new Zone(z.id, z.name);
    client = new CloudflareClient(cloud.cloudflareBase(), TOKEN, clock);
    handler = new CloudflareRecordHandler(client);
    ctx = new TestContext("hello", "dns", clock);
  }

  private static Map<String, Object> props(String content) {
    Map<String, Object> p = new HashMap<>();
    p.put("name", "hello.example.com");
    p.put("type", "CNAME");
    p.put("content", content);
    p.put("ttl", 1);
    p.put("proxied", false);
    return p;
  }

  private Res stored(Observed o) {
    String id = o.physicalId().substring(o.physicalId().indexOf('/') + 1);
    return cloud.world().get("cloudflare", "dns_record", id).orElse(null);
  }

  @Test
  void read_whenPropertiesSpellNamesWithTrailingDots_reportsThemAsSpelled() throws Exception {
    Map<String, Object> p = props("_v.acm-validations.aws.");
    p.put("name", "_abc.Hello.example.com.");
    Observed created = handler.create(ctx, p);

    Observed read = handler.read(ctx, created.physicalId(), p).orElseThrow();

    assertEquals("_abc.Hello.example.com.", read.properties().get("name"));
    assertEquals("_v.acm-validations.aws.", read.properties().get("content"));
  }

  @Test
  void createReadUpdateDelete_roundTrip() throws Exception {
    Observed created = handler.create(ctx, props("lb-1.elb.amazonaws.com"));
    assertEquals(zone.id(), created.outputs().get("zoneId"));
    Res r = stored(created);
    assertEquals("hello.example.com", r.name);
    assertEquals("CNAME", r.str("type"));
    assertEquals("lb-1.elb.amazonaws.com", r.str("content"));
    assertEquals("managed by berth stack=hello id=dns lineage=standalo", r.str("comment"));
    assertFalse(r.bool("proxied"));

    Observed read = handler.read(ctx, created.physicalId(), props("x")).orElseThrow();
    assertEquals("lb-1.elb.amazonaws.com", read.properties().get("content"));

    Observed updated =
        handler.update(
            ctx,
            created.physicalId(),
            props("lb-1.elb.amazonaws.com"),
            props("lb-2.elb.amazonaws.com"),
            created.outputs());
    assertEquals(created.physicalId(), updated.physicalId());
    assertEquals("lb-2.elb.amazonaws.com", stored(created).str("content"));

    handler.delete(ctx, created.physicalId(), props("lb-2.elb.amazonaws.com"), created.outputs());
    assertEquals(0, cloud.world().of("cloudflare", "dns_record").count());
    assertTrue(handler.read(ctx, created.physicalId(), props("x")).isEmpty());
    handler.delete(ctx, created.physicalId(), props("x"), created.outputs());
  }

  @Test
  void read_whenNamesWereGivenWithTrailingDots_reportsThemAsGivenSoNothingLooksDrifted()
      throws Exception {
    Map<String, Object> p = props("_b2.acm-validations.aws.");
    p.put("name", "_a1.Hello.example.com.");
    Observed created = handler.create(ctx, p);

    Observed read = handler.read(ctx, created.physicalId(), p).orElseThrow();

    assertEquals("_a1.Hello.example.com.", read.properties().get("name"));
    assertEquals("_b2.acm-validations.aws.", read.properties().get("content"));
    assertEquals("_a1.hello.example.com", stored(created).name);
    Map<String, Object> other = props("elsewhere.example.net");
    other.put("name", "_a1.hello.example.com.");
    assertEquals(
        "_b2.acm-validations.aws",
        handler.read(ctx, created.physicalId(), other).orElseThrow().properties().get("content"));
  }

  @Test
  void create_whenForeignRecordExists_refusesAndLeavesItIntact() throws Exception {
    var foreign =
        client.createRecord(
            zone, new RecordInput("hello.example.com", "A", "192.0.2.10", 300, false, "mine"));
    var e =
        assertThrows(
            BerthException.class, () -> handler.create(ctx, props("lb.elb.amazonaws.com")));
    assertEquals(FailureKind.CLOUD, e.kind());
    assertEquals(
        "DNS record hello.example.com (A 192.0.2.10) already exists in Cloudflare zone example.com"
            + " and was not created by berth",
        e.getMessage());
    // The CLI words it with --adopt-dns (AdviceTest); the library names the facts.
    assertEquals(
        ForeignRecordException.Situation.NOT_MADE_BY_BERTH,
        ((ForeignRecordException) e).situation());
    assertTrue(((ForeignRecordException) e).adoptable());
    Res still = cloud.world().get("cloudflare", "dns_record", foreign.id()).orElseThrow();
    assertEquals("192.0.2.10", still.str("content"));
    assertEquals("mine", still.str("comment"));
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void refuseForeignRecord_beforeTheContentIsKnown_refusesAsCreateWould() throws Exception {
    Map<String, Object> unknownContent = props(null);
    handler.refuseForeignRecord("hello", "dns", false, unknownContent);
    Observed ours = handler.create(ctx, props("lb.elb.amazonaws.com"));
    handler.refuseForeignRecord(
        "hello", "dns", false, unknownContent); // its own record is no conflict

    client.deleteRecord(zone, ours.physicalId().substring(ours.physicalId().indexOf('/') + 1));
    client.createRecord(
        zone, new RecordInput("hello.example.com", "CNAME", "old.example.net", 300, false, null));
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("hello", "dns", false, unknownContent));
    assertEquals(FailureKind.CLOUD, e.kind());
    assertTrue(
        e.getMessage().contains("hello.example.com (CNAME old.example.net)"), e.getMessage());
    assertTrue(((ForeignRecordException) e).adoptable(), e.toString());
    handler.refuseForeignRecord("hello", "dns", true, unknownContent);
  }

  @Test
  void create_withAdopt_takesOverTheRecord_andDeleteThenRemovesIt() throws Exception {
    var foreign =
        client.createRecord(
            zone,
            new RecordInput("hello.example.com", "CNAME", "old.example.net", 300, false, null));
    Map<String, Object> p = props("lb.elb.amazonaws.com");
    Observed o = handler.create(ctx.withOptions(ADOPT), p);
    assertEquals(zone.id() + "/" + foreign.id(), o.physicalId());
    Res r = stored(o);
    assertEquals("lb.elb.amazonaws.com", r.str("content"));
    assertEquals("managed by berth stack=hello id=dns lineage=standalo", r.str("comment"));
    assertTrue(
        ctx.progressMessages().get(0).contains("adopting"), ctx.progressMessages().toString());
    handler.delete(ctx, o.physicalId(), p, o.outputs());
    assertEquals(0, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void create_afterACrash_reusesItsOwnRecord_andFindLocatesIt() throws Exception {
    Observed first = handler.create(ctx, props("lb.elb.amazonaws.com"));
    Observed again = handler.create(ctx, props("lb.elb.amazonaws.com"));
    assertEquals(first.physicalId(), again.physicalId());
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
    assertEquals(first.physicalId(), handler.find(ctx, props("x")).orElseThrow().physicalId());
    assertTrue(handler.find(ctx.forResource("other"), props("x")).isEmpty());
  }

  @Test
  void create_whenAnotherStackOwnsTheName_refusesNamingIt_evenWithAdopt() throws Exception {
    // Issue 9, point 11: a stack renamed while keeping its hostname meets its old stack's record.
    handler.create(
        new TestContext("base", "dns-record", clock)
            .lineage("1a2b3c4d-0000-4000-8000-000000000000"),
        props("a.elb.amazonaws.com"));
    Map<String, Object> p = props("b.elb.amazonaws.com");
    var e = assertThrows(BerthException.class, () -> handler.create(ctx, p));
    assertEquals(
        "DNS record hello.example.com (CNAME a.elb.amazonaws.com) already exists in Cloudflare"
            + " zone example.com and is managed by berth stack base (state lineage 1a2b3c4d);"
            + " berth did not change it",
        e.getMessage());
    assertTrue(e.hint().startsWith("destroy that stack, or deploy from its state"), e.hint());
    var adopt = assertThrows(BerthException.class, () -> handler.create(ctx.withOptions(ADOPT), p));
    assertTrue(adopt.getMessage().contains("berth stack base"), adopt.getMessage());
    assertEquals(
        "a.elb.amazonaws.com",
        cloud.world().of("cloudflare", "dns_record").findFirst().orElseThrow().str("content"));
    var plan =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("hello", "dns", ctx.lineage(), true, p));
    assertTrue(plan.getMessage().contains("berth stack base"), plan.getMessage());
  }

  // ---- ownership: the lineage in the comment marker

  private String comment(String content) {
    return cloud
        .world()
        .of("cloudflare", "dns_record")
        .filter(r -> content.equals(r.str("content")))
        .findFirst()
        .orElseThrow()
        .str("comment");
  }

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    handler.create(ctx.forResource("dns").lineage("state-a-1"), props("a.elb.amazonaws.com"));
    assertTrue(handler.find(ctx.forResource("dns").lineage("state-b-1"), props("x")).isEmpty());
    assertTrue(handler.find(ctx.forResource("dns").lineage("state-a-1"), props("x")).isPresent());
    // An older berth's marker (no lineage) is never adopted by find.
    client.createRecord(
        zone,
        new RecordInput(
            "old.example.com",
            "CNAME",
            "o.elb.amazonaws.com",
            1,
            false,
            "managed by berth stack=hello id=dns"));
    Map<String, Object> old = props("x");
    old.put("name", "old.example.com");
    assertTrue(handler.find(ctx, old).isEmpty());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    handler.create(ctx.forResource("dns").lineage("state-a-1"), props("a.elb.amazonaws.com"));
    var e =
        assertThrows(
            BerthException.class,
            () ->
                handler.create(
                    ctx.forResource("dns").lineage("state-b-1"), props("b.elb.amazonaws.com")));
    assertTrue(
        e.getMessage().contains("is managed by berth stack hello (state lineage state-a-)"),
        e.getMessage());
    assertEquals(
        "managed by berth stack=hello id=dns lineage=state-a-", comment("a.elb.amazonaws.com"));
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void holder_freeOursOtherLineageAndUntagged() throws Exception {
    Map<String, Object> unknown = props(null);
    TestContext a = ctx.forResource("dns").lineage("aaaaaaaa-1111-4000-8000-000000000000");
    TestContext b = ctx.forResource("dns").lineage("bbbbbbbb-2222-4000-8000-000000000000");
    assertTrue(handler.holder(a, unknown).isEmpty());
    handler.create(a, props("a.elb.amazonaws.com"));

    Holder ours = handler.holder(a, unknown).orElseThrow();
    assertEquals(
        "Cloudflare record hello.example.com (CNAME a.elb.amazonaws.com) in zone example.com",
        ours.what());
    assertTrue(Ownership.ours(a, ours.tags()), "the short lineage reads as this state's whole one");
    Holder theirs = handler.holder(b, unknown).orElseThrow();
    assertEquals("aaaaaaaa", theirs.tags().get(Ownership.LINEAGE));
    assertFalse(Ownership.ours(b, theirs.tags()));
    Map<String, Object> adopt = props(null);
    assertTrue(
        handler.holder(b.withOptions(ADOPT), adopt).isPresent(),
        "adopt never takes another stack's record");

    client.createRecord(
        zone, new RecordInput("plain.example.com", "A", "192.0.2.1", 1, false, null));
    Map<String, Object> plain = props(null);
    plain.put("name", "plain.example.com");
    assertEquals(Map.of(), handler.holder(a, plain).orElseThrow().tags());
    assertTrue(
        handler.holder(a.withOptions(ADOPT), plain).isEmpty(),
        "adopt takes over what berth did not make");
    plain.put("name", dev.berth.core.graph.Ref.to("certificate", "validationName"));
    assertTrue(handler.holder(a.withOptions(ADOPT), plain).isEmpty());
  }

  @Test
  void tag_addsLineage_toAnOlderMarker_andReadReportsTags() throws Exception {
    var old =
        client.createRecord(
            zone,
            new RecordInput(
                "hello.example.com",
                "CNAME",
                "o.elb.amazonaws.com",
                1,
                false,
                "managed by berth stack=hello id=dns"));
    String id = zone.id() + "/" + old.id();
    Observed before = handler.read(ctx, id, props("o.elb.amazonaws.com")).orElseThrow();
    assertEquals(
        Map.of(Ownership.STACK, "hello", Ownership.ID, "dns"), before.tags(), "older berth");

    handler.tag(ctx, id, props("o.elb.amazonaws.com"), Map.of());

    assertEquals(
        "managed by berth stack=hello id=dns lineage=standalo", comment("o.elb.amazonaws.com"));
    Observed after = handler.read(ctx, id, props("o.elb.amazonaws.com")).orElseThrow();
    assertTrue(Ownership.ours(ctx, after.tags()), after.tags().toString());
    assertEquals("o.elb.amazonaws.com", after.properties().get("content"));
    assertTrue(handler.find(ctx, props("x")).isPresent());
    // Another state's marker is not rewritten.
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.tag(ctx.forResource("dns").lineage("other-1"), id, props("x"), Map.of()));
    assertTrue(e.getMessage().contains("berth stack hello"), e.getMessage());
  }

  @Test
  void recordedRecordWithAnOlderMarker_staysOurs_forUpdateAndDelete() throws Exception {
    var old =
        client.createRecord(
            zone,
            new RecordInput(
                "hello.example.com",
                "CNAME",
                "o.elb.amazonaws.com",
                1,
                false,
                "managed by berth stack=hello id=dns"));
    String id = zone.id() + "/" + old.id();
    handler.update(ctx, id, props("o.elb.amazonaws.com"), props("n.elb.amazonaws.com"), Map.of());
    assertEquals(
        "managed by berth stack=hello id=dns lineage=standalo", comment("n.elb.amazonaws.com"));
    // A sweep deletes with the record's own lineage, as its marker names it.
    handler.delete(ctx.forResource("dns").lineage("standalo"), id, props("x"), Map.of());
    assertEquals(0, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void delete_whenAnotherLineageMarksTheRecord_leavesIt() throws Exception {
    Observed o =
        handler.create(ctx.forResource("dns").lineage("state-a-1"), props("a.elb.amazonaws.com"));
    handler.delete(
        ctx.forResource("dns").lineage("state-b-1"), o.physicalId(), props("x"), o.outputs());
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void markerTags_parsesOldAndNewForms() {
    assertEquals(
        java.util.Optional.of(
            Map.of(
                Ownership.STACK, "s", Ownership.ID, "dns-record", Ownership.LINEAGE, "1a2b3c4d")),
        CloudflareRecordHandler.markerTags(
            "managed by berth stack=s id=dns-record lineage=1a2b3c4d"));
    assertEquals(
        java.util.Optional.of(Map.of(Ownership.STACK, "s", Ownership.ID, "dns")),
        CloudflareRecordHandler.markerTags("managed by berth stack=s id=dns"));
    assertTrue(CloudflareRecordHandler.markerTags("mine").isEmpty());
    assertTrue(CloudflareRecordHandler.markerTags(null).isEmpty());
    String longest =
        CloudflareRecordHandler.marker(
            "a".repeat(28), "certificate-record", "1a2b3c4d-0000-4000-8000-000000000000");
    assertTrue(longest.length() <= 100, longest);
  }

  @Test
  void delete_whenTheRecordIsNoLongerMarkedAsOurs_leavesIt() throws Exception {
    Observed o = handler.create(ctx, props("lb.elb.amazonaws.com"));
    stored(o).attrs.put("comment", "taken over by hand");
    handler.delete(ctx, o.physicalId(), props("lb.elb.amazonaws.com"), o.outputs());
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
    assertTrue(
        ctx.progressMessages().get(0).contains("left DNS record hello.example.com in place"));
  }

  @Test
  void create_picksTheLongestMatchingZone_orTheExplicitOne() throws Exception {
    Res sub = cloud.cloudflareZone("sub.example.com", TOKEN);
    Map<String, Object> p = props("lb.elb.amazonaws.com");
    p.put("name", "app.sub.example.com");
    assertEquals(sub.id, handler.create(ctx, p).outputs().get("zoneId"));
    Map<String, Object> explicit = props("lb.elb.amazonaws.com");
    explicit.put("name", "other.sub.example.com");
    explicit.put("zone", "example.com");
    assertEquals(
        zone.id(), handler.create(ctx.forResource("dns2"), explicit).outputs().get("zoneId"));
  }

  @Test
  void create_whenNoZoneIsVisibleToTheToken_failsWithHint() {
    cloud.cloudflareZone("other.org", "other-token");
    Map<String, Object> p = props("lb.elb.amazonaws.com");
    p.put("name", "app.other.org");
    var e = assertThrows(BerthException.class, () -> handler.create(ctx, p));
    assertEquals("no Cloudflare zone found for app.other.org", e.getMessage());
    assertTrue(e.hint().contains("CLOUDFLARE_API_TOKEN"));
  }

  @Test
  void create_withWrongToken_is401Fatal_withHint_andNoTokenInAnyMessage() {
    String secret = "wrong-token-SECRET-42";
    var bad =
        new CloudflareRecordHandler(new CloudflareClient(cloud.cloudflareBase(), secret, clock));
    var e =
        assertThrows(
            CloudflareException.class, () -> bad.create(ctx, props("lb.elb.amazonaws.com")));
    assertEquals(401, e.status());
    assertTrue(e.hasCode(10000));
    assertEquals(ErrorKind.FATAL, new CloudflareErrorClassifier().classify(e));
    assertTrue(
        e.hint().startsWith("check CLOUDFLARE_API_TOKEN has Zone.DNS edit permission on"),
        e.hint());
    String everything =
        e.getMessage()
            + e.hint()
            + e
            + new CloudflareErrorClassifier().describe(e)
            + ctx.progressMessages()
            + bad
            + new CloudflareClient(cloud.cloudflareBase(), secret, clock);
    assertFalse(everything.contains(secret), everything);
  }

  /** Creates a record of {@code props} through the engine: its retries, on {@link #clock}. */
  private ApplyResult createThroughTheEngine(Map<String, Object> props) {
    Engine engine =
        Engine.builder()
            .handler(handler)
            .classifier(new CloudflareErrorClassifier())
            .clock(clock)
            .store(new InMemoryStateStore("hello"))
            .random(new Random(7))
            .parallelism(1)
            .build();
    DesiredGraph g =
        DesiredGraph.of(new Resource("dns", CloudflareRecordHandler.TYPE.name(), props));
    State s = State.initial("hello", clock.instant());
    Plan plan =
        Planner.plan(
            g,
            s,
            Map.of(CloudflareRecordHandler.TYPE.name(), CloudflareRecordHandler.TYPE),
            Map.of());
    return engine.apply(g, plan, s, ApplyOptions.DEFAULT);
  }

  @Test
  void rateLimited_isRetriedWithBackoffOnTheEngineClock() throws Exception {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "ListDnsRecords";
    rule.status = 429;
    rule.error = "971";
    rule.count = 2;
    cloud.faults().add(rule);
    Instant before = clock.instant();
    ApplyResult result = createThroughTheEngine(props("lb.elb.amazonaws.com"));
    assertTrue(result.succeeded(), result.failures().toString());
    String physicalId = result.finalState().resource("dns").orElseThrow().physicalId();
    String recordId = physicalId.substring(physicalId.indexOf('/') + 1);
    assertTrue(cloud.world().get("cloudflare", "dns_record", recordId).isPresent());
    Duration waited = Duration.between(before, clock.instant());
    assertTrue(waited.compareTo(Duration.ofMillis(500)) >= 0, "waited " + waited);
    long throttled =
        cloud.world().calls().stream()
            .filter(c -> c.action().equals("ListDnsRecords") && c.status() == 429)
            .count();
    assertEquals(2, throttled);
  }

  @Test
  void rateLimitedForever_endsAsTransientError() {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "ListZones";
    rule.status = 429;
    rule.error = "971";
    rule.count = 0;
    cloud.faults().add(rule);
    // One attempt: a transient error with Cloudflare's advice, for the engine to retry.
    var e =
        assertThrows(
            CloudflareException.class, () -> handler.create(ctx, props("lb.elb.amazonaws.com")));
    assertEquals(429, e.status());
    assertEquals(ErrorKind.TRANSIENT, new CloudflareErrorClassifier().classify(e));
    assertNotEquals(null, e.hint());
    // Through the engine: retried until its transient deadline, then failed with that advice.
    Instant before = clock.instant();
    ApplyResult result = createThroughTheEngine(props("lb.elb.amazonaws.com"));
    assertFalse(result.succeeded());
    Failure f = result.failures().get(0);
    assertTrue(f.message().contains("HTTP 429"), f.message());
    assertEquals(e.hint(), f.hint());
    assertTrue(
        !Duration.between(before, clock.instant())
            .minus(EngineOptions.DEFAULT.transientDeadline())
            .isNegative(),
        "retried until the transient deadline");
  }

  @Test
  void verifyToken_isActive() throws Exception {
    assertEquals("active", client.verifyToken());
  }
}
