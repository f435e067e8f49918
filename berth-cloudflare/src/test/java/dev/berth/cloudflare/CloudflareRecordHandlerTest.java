package dev.berth.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cloudflare.CloudflareClient.RecordInput;
import dev.berth.cloudflare.CloudflareClient.Zone;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.ErrorKind;
import dev.berth.core.engine.Observed;
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
    assertEquals("managed by berth stack=hello id=dns", r.str("comment"));
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
    assertEquals(1, e.exitCode());
    assertEquals(
        "DNS record hello.example.com (A 192.0.2.10) already exists in Cloudflare zone example.com"
            + " and was not created by berth",
        e.getMessage());
    assertTrue(e.hint().contains("run with --adopt-dns"), e.hint());
    Res still = cloud.world().get("cloudflare", "dns_record", foreign.id()).orElseThrow();
    assertEquals("192.0.2.10", still.str("content"));
    assertEquals("mine", still.str("comment"));
    assertEquals(1, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void refuseForeignRecord_beforeTheContentIsKnown_refusesAsCreateWould() throws Exception {
    Map<String, Object> unknownContent = props(null);
    handler.refuseForeignRecord("hello", "dns", unknownContent);
    Observed ours = handler.create(ctx, props("lb.elb.amazonaws.com"));
    handler.refuseForeignRecord("hello", "dns", unknownContent); // its own record is no conflict

    client.deleteRecord(zone, ours.physicalId().substring(ours.physicalId().indexOf('/') + 1));
    client.createRecord(
        zone, new RecordInput("hello.example.com", "CNAME", "old.example.net", 300, false, null));
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.refuseForeignRecord("hello", "dns", unknownContent));
    assertEquals(1, e.exitCode());
    assertTrue(
        e.getMessage().contains("hello.example.com (CNAME old.example.net)"), e.getMessage());
    assertTrue(e.hint().contains("--adopt-dns"), e.hint());
    unknownContent.put("adopt", true);
    handler.refuseForeignRecord("hello", "dns", unknownContent);
  }

  @Test
  void create_withAdopt_takesOverTheRecord_andDeleteThenRemovesIt() throws Exception {
    var foreign =
        client.createRecord(
            zone,
            new RecordInput("hello.example.com", "CNAME", "old.example.net", 300, false, null));
    Map<String, Object> p = props("lb.elb.amazonaws.com");
    p.put("adopt", true);
    Observed o = handler.create(ctx, p);
    assertEquals(zone.id() + "/" + foreign.id(), o.physicalId());
    Res r = stored(o);
    assertEquals("lb.elb.amazonaws.com", r.str("content"));
    assertEquals("managed by berth stack=hello id=dns", r.str("comment"));
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
  void create_whenAnotherStackOwnsTheName_refuses() throws Exception {
    handler.create(new TestContext("other", "dns", clock), props("a.elb.amazonaws.com"));
    var e =
        assertThrows(BerthException.class, () -> handler.create(ctx, props("b.elb.amazonaws.com")));
    assertTrue(e.getMessage().contains("was not created by berth"));
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

  @Test
  void rateLimited_isRetriedWithBackoffOnTheEngineClock() throws Exception {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "ListDnsRecords";
    rule.status = 429;
    rule.error = "971";
    rule.count = 2;
    cloud.faults().add(rule);
    Instant before = clock.instant();
    Observed o = handler.create(ctx, props("lb.elb.amazonaws.com"));
    assertTrue(stored(o) != null);
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
    var e =
        assertThrows(
            CloudflareException.class, () -> handler.create(ctx, props("lb.elb.amazonaws.com")));
    assertEquals(429, e.status());
    assertEquals(ErrorKind.TRANSIENT, new CloudflareErrorClassifier().classify(e));
    assertNotEquals(null, e.hint());
  }

  @Test
  void verifyToken_isActive() throws Exception {
    assertEquals("active", client.verifyToken());
  }
}
