package dev.berth.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.GoneIsDeleted;
import dev.berth.aws.LocalAws;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretHandlerTest {
  static final SteppingClock CLOCK = new SteppingClock();
  static final String PASSWORD = "p\"a\\s's}{,\n\u00e9\u4e2d\ud83d\udd12 \u0000Zq9X";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static LocalCloudExtension ext = new LocalCloudExtension(CLOCK, Profile.aws(1.0));

  AwsClients aws;
  SecretsManagerClient sm;
  SecretHandler handler;

  @BeforeEach
  void setUp() {
    aws = LocalAws.clients(ext.cloud());
    sm = aws.secrets();
    handler = new SecretHandler(aws);
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private static TestContext ctx(String password) {
    return new TestContext("hello", "registry-secret", CLOCK)
        .secret("registry.username", "bot@example.com")
        .secret("registry.password", password);
  }

  private static Map<String, Object> props(String passwordFingerprint) {
    return Map.of(
        "name", "hello/registry",
        "username", new SecretRef("registry.username", "fp-user"),
        "password", new SecretRef("registry.password", passwordFingerprint));
  }

  private JsonNode stored(String arn) throws Exception {
    return JSON.readTree(sm.getSecretValue(r -> r.secretId(arn)).secretString());
  }

  @Test
  void create_withQuotesBackslashesAndUnicode_storesValidJsonThatRoundTrips() throws Exception {
    Observed o = handler.create(ctx(PASSWORD), props("fp-1"));
    assertTrue(
        o.physicalId()
            .startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:hello/registry-"));
    assertEquals(o.physicalId(), o.outputs().get("arn"));
    JsonNode value = stored(o.physicalId());
    assertEquals(2, value.size());
    assertEquals("bot@example.com", value.get("username").asText());
    assertEquals(PASSWORD, value.get("password").asText());
    assertFalse(o.toString().contains("Zq9X"), "no value in what is recorded");
  }

  @Test
  void update_putsANewValueOnlyWhenTheFingerprintChanged() throws Exception {
    Observed o = handler.create(ctx("first"), props("fp-1"));
    handler.update(ctx("ignored"), o.physicalId(), props("fp-1"), props("fp-1"), o.outputs());
    assertEquals("first", stored(o.physicalId()).get("password").asText());
    assertEquals(1, sm.describeSecret(r -> r.secretId(o.physicalId())).versionIdsToStages().size());

    handler.update(ctx("second"), o.physicalId(), props("fp-1"), props("fp-2"), o.outputs());
    assertEquals("second", stored(o.physicalId()).get("password").asText());
    handler.update(ctx("second"), o.physicalId(), props("fp-1"), props("fp-2"), o.outputs());
    assertEquals(2, sm.describeSecret(r -> r.secretId(o.physicalId())).versionIdsToStages().size());
  }

  @Test
  void delete_forcesDeletion_andLeavesNothing() throws Exception {
    Observed o = handler.create(ctx(PASSWORD), props("fp-1"));
    handler.delete(ctx(PASSWORD), o.physicalId(), props("fp-1"), o.outputs());
    assertThrows(
        ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(o.physicalId())));
    assertTrue(handler.read(ctx(PASSWORD), o.physicalId(), props("fp-1")).isEmpty());
    assertEquals(0, ext.cloud().world().all().count());
    GoneIsDeleted.delete(handler, ctx(PASSWORD), o.physicalId(), props("fp-1"), o.outputs());
  }

  @Test
  void create_whileNameIsStillBeingDeleted_isADependency_andNamesNoSecret() throws Exception {
    Observed o = handler.create(ctx(PASSWORD), props("fp-1"));
    handler.delete(ctx(PASSWORD), o.physicalId(), props("fp-1"), o.outputs());

    Exception e = assertThrows(Exception.class, () -> handler.create(ctx(PASSWORD), props("fp-2")));
    assertEquals(ErrorKind.DEPENDENCY, new AwsErrorClassifier().classify(e));
    assertTrue(e.getMessage().contains("scheduled for deletion"), e.getMessage());
    assertNoSecretIn(e);

    CLOCK.advance(Duration.ofSeconds(30));
    Observed again = handler.create(ctx(PASSWORD), props("fp-2"));
    assertEquals(PASSWORD, stored(again.physicalId()).get("password").asText());
  }

  @Test
  void failures_neverCarryThePasswordInTheirMessages() throws Exception {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "CreateSecret";
    rule.error = "InvalidParameterException";
    rule.status = 400;
    ext.cloud().faults().add(rule);
    Exception e = assertThrows(Exception.class, () -> handler.create(ctx(PASSWORD), props("fp-1")));
    assertNoSecretIn(e);

    var plain =
        Map.<String, Object>of("name", "hello/registry", "username", "bot", "password", PASSWORD);
    BerthException notRef =
        assertThrows(BerthException.class, () -> handler.create(ctx(PASSWORD), plain));
    assertEquals(FailureKind.BAD_INPUT, notRef.kind());
    assertNoSecretIn(notRef);
  }

  @Test
  void find_locatesThisStacksSecretByNameAndTags() throws Exception {
    Observed o = handler.create(ctx(PASSWORD), props("fp-1"));
    assertEquals(
        o.physicalId(), handler.find(ctx(PASSWORD), props("fp-1")).orElseThrow().physicalId());
    assertTrue(
        handler.find(new TestContext("other", "registry-secret", CLOCK), props("fp-1")).isEmpty());
  }

  private static void assertNoSecretIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()) + t;
      assertFalse(m.contains("p\"a\\s"), m);
      assertFalse(m.contains("Zq9X"), m);
      assertFalse(m.contains("bot@example.com"), m);
    }
  }

  // ---- ownership: another state's secret of the same name

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    handler.create(ctx(PASSWORD).lineage("state-a"), props("fp-1"));
    assertTrue(handler.find(ctx(PASSWORD).lineage("state-b"), props("fp-1")).isEmpty());
    assertTrue(handler.find(ctx(PASSWORD).lineage("state-a"), props("fp-1")).isPresent());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    Observed a = handler.create(ctx(PASSWORD).lineage("state-a"), props("fp-1"));
    // Same value and stack: the client token differs by lineage, so this is not a retry.
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.create(ctx("other").lineage("state-b"), props("fp-2")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Secrets Manager secret hello/registry already exists and belongs to berth stack"
                    + " hello (state lineage state-a"),
        e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD));
    assertEquals(PASSWORD, stored(a.physicalId()).get("password").asText());
  }

  @Test
  void holder_freeOursOtherLineageAndUntagged() throws Exception {
    assertTrue(handler.holder(ctx(PASSWORD), props("fp-1")).isEmpty());
    handler.create(ctx(PASSWORD).lineage("state-a"), props("fp-1"));
    Holder h = handler.holder(ctx(PASSWORD).lineage("state-b"), props("fp-1")).orElseThrow();
    assertEquals("Secrets Manager secret hello/registry", h.what());
    assertEquals("state-a", h.tags().get(Ownership.LINEAGE));
    assertTrue(Ownership.ours(ctx(PASSWORD).lineage("state-a"), h.tags()));

    sm.createSecret(r -> r.name("plain").secretString("x"));
    assertEquals(
        Map.of(), handler.holder(ctx(PASSWORD), Map.of("name", "plain")).orElseThrow().tags());
    sm.deleteSecret(r -> r.secretId("plain"));
    assertTrue(
        handler
            .holder(ctx(PASSWORD), Map.of("name", "plain"))
            .orElseThrow()
            .what()
            .endsWith("(scheduled for deletion)"),
        "a secret scheduled for deletion still holds its name");
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    String arn =
        sm.createSecret(
                r ->
                    r.name("hello/registry")
                        .secretString("{}")
                        .tags(
                            software.amazon.awssdk.services.secretsmanager.model.Tag.builder()
                                .key(Ownership.STACK)
                                .value("hello")
                                .build()))
            .arn();
    assertEquals(
        Map.of(Ownership.STACK, "hello"),
        handler.read(ctx(PASSWORD), arn, props("fp-1")).orElseThrow().tags());
    handler.tag(ctx(PASSWORD).lineage("state-a"), arn, props("fp-1"), Map.of());
    assertTrue(
        Ownership.ours(
            ctx(PASSWORD).lineage("state-a"),
            handler.read(ctx(PASSWORD), arn, props("fp-1")).orElseThrow().tags()));
  }
}
