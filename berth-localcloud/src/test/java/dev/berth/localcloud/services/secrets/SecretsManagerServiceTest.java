package dev.berth.localcloud.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class SecretsManagerServiceTest {
  static final MutableClock CLOCK = new MutableClock();
  static final String VALUE = "{\"username\":\"bot\",\"password\":\"p\\\"w\\\\d\"}";
  static final String TOKEN_A = "00000000-0000-4000-a000-00000000000a";
  static final String TOKEN_B = "00000000-0000-4000-a000-00000000000b";

  @RegisterExtension
  static LocalCloudExtension ext = new LocalCloudExtension(CLOCK, Profile.instant());

  LocalCloud cloud;
  SecretsManagerClient sm;

  @BeforeEach
  void client() {
    cloud = ext.cloud();
    sm = Clients.of(SecretsManagerClient.builder(), cloud);
  }

  @AfterEach
  void close() {
    sm.close();
  }

  private String create(String name) {
    return sm.createSecret(r -> r.name(name).secretString(VALUE)).arn();
  }

  @Test
  void createSecret_thenGetSecretValue_returnsTheValueAsCurrentVersion() {
    var created =
        sm.createSecret(
            r ->
                r.name("hello/registry")
                    .secretString(VALUE)
                    .description("registry credentials")
                    .clientRequestToken(TOKEN_A)
                    .tags(Tag.builder().key("berth:stack").value("hello").build()));
    assertTrue(
        created
            .arn()
            .matches(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:hello/registry-[A-Za-z0-9]{6}"),
        created.arn());
    assertEquals("hello/registry", created.name());
    assertEquals(TOKEN_A, created.versionId());

    var value = sm.getSecretValue(r -> r.secretId("hello/registry"));
    assertEquals(VALUE, value.secretString());
    assertEquals(List.of("AWSCURRENT"), value.versionStages());
    assertEquals(TOKEN_A, value.versionId());
    assertEquals(VALUE, sm.getSecretValue(r -> r.secretId(created.arn())).secretString());
    String partialArn = created.arn().substring(0, created.arn().length() - 7);
    assertEquals(VALUE, sm.getSecretValue(r -> r.secretId(partialArn)).secretString());

    var d = sm.describeSecret(r -> r.secretId(created.arn()));
    assertEquals("registry credentials", d.description());
    assertEquals(List.of("AWSCURRENT"), d.versionIdsToStages().get(TOKEN_A));
    assertEquals("hello", d.tags().get(0).value());
    assertNotNull(d.createdDate());
    assertNull(d.deletedDate());
  }

  @Test
  void createSecret_withSameTokenAndValue_isIdempotent_otherwiseResourceExists() {
    String arn =
        sm.createSecret(r -> r.name("s").secretString(VALUE).clientRequestToken(TOKEN_A)).arn();
    assertEquals(
        arn,
        sm.createSecret(r -> r.name("s").secretString(VALUE).clientRequestToken(TOKEN_A)).arn());
    var e =
        assertThrows(
            ResourceExistsException.class,
            () ->
                sm.createSecret(r -> r.name("s").secretString(VALUE).clientRequestToken(TOKEN_B)));
    assertEquals(
        "The operation failed because the secret s already exists.",
        e.awsErrorDetails().errorMessage());
    assertEquals(1, cloud.world().of("secretsmanager", "secret").count());
  }

  @Test
  void putSecretValue_makesNewVersionCurrent_andPreviousAwsPrevious() {
    sm.createSecret(r -> r.name("s").secretString("one").clientRequestToken(TOKEN_A));
    var put =
        sm.putSecretValue(r -> r.secretId("s").secretString("two").clientRequestToken(TOKEN_B));
    assertEquals(List.of("AWSCURRENT"), put.versionStages());
    assertEquals("two", sm.getSecretValue(r -> r.secretId("s")).secretString());
    assertEquals(
        "one", sm.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS")).secretString());
    assertEquals("one", sm.getSecretValue(r -> r.secretId("s").versionId(TOKEN_A)).secretString());
    // the same token again is a no-op; with another value it is refused
    sm.putSecretValue(r -> r.secretId("s").secretString("two").clientRequestToken(TOKEN_B));
    assertThrows(
        ResourceExistsException.class,
        () ->
            sm.putSecretValue(
                r -> r.secretId("s").secretString("three").clientRequestToken(TOKEN_B)));
  }

  @Test
  void updateSecret_changesDescriptionAndValue() {
    create("s");
    var u = sm.updateSecret(r -> r.secretId("s").description("new").secretString("v2"));
    assertNotNull(u.versionId());
    assertEquals("new", sm.describeSecret(r -> r.secretId("s")).description());
    assertEquals("v2", sm.getSecretValue(r -> r.secretId("s")).secretString());
    assertNull(sm.updateSecret(r -> r.secretId("s").description("only")).versionId());
  }

  @Test
  void deleteSecret_withRecoveryWindow_schedulesDeletion_andBlocksTheName() {
    String arn = create("s");
    var del = sm.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(7L));
    assertEquals(CLOCK.instant().plus(Duration.ofDays(7)), del.deletionDate());
    assertNotNull(sm.describeSecret(r -> r.secretId(arn)).deletedDate());
    var get =
        assertThrows(InvalidRequestException.class, () -> sm.getSecretValue(r -> r.secretId("s")));
    assertEquals(
        "You can't perform this operation on the secret because it was marked for deletion.",
        get.awsErrorDetails().errorMessage());
    var again = assertThrows(InvalidRequestException.class, () -> create("s"));
    assertEquals(
        "You can't create this secret because a secret with this name is already scheduled for"
            + " deletion.",
        again.awsErrorDetails().errorMessage());
    assertTrue(sm.listSecrets().secretList().isEmpty());
    assertEquals(1, sm.listSecrets(r -> r.includePlannedDeletion(true)).secretList().size());

    sm.restoreSecret(r -> r.secretId("s"));
    assertEquals(VALUE, sm.getSecretValue(r -> r.secretId("s")).secretString());
    sm.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(7L));
    CLOCK.advance(Duration.ofDays(7));
    assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(arn)));
    create("s");
  }

  @Test
  void deleteSecret_withBadWindowOrBothOptions_returnsInvalidParameter() {
    create("s");
    var e =
        assertThrows(
            InvalidParameterException.class,
            () -> sm.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(3L)));
    assertEquals(
        "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
        e.awsErrorDetails().errorMessage());
    assertThrows(
        InvalidParameterException.class,
        () ->
            sm.deleteSecret(
                r -> r.secretId("s").recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)));
  }

  @Test
  void forceDelete_removesAtOnce_butHoldsTheNameForSecretsDeletionDelay() {
    cloud.world().profile(Profile.instant().with("secrets.deletion", Duration.ofSeconds(30)));
    create("s");
    sm.deleteSecret(r -> r.secretId("s").forceDeleteWithoutRecovery(true));
    assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId("s")));
    var e = assertThrows(InvalidRequestException.class, () -> create("s"));
    assertTrue(e.awsErrorDetails().errorMessage().contains("scheduled for deletion"));
    CLOCK.advance(Duration.ofSeconds(30));
    create("s");
    assertEquals(0, cloud.world().all().filter(r -> !r.name.equals("s")).count());
  }

  @Test
  void forceDelete_onInstantProfile_freesTheNameImmediately() {
    create("s");
    sm.deleteSecret(r -> r.secretId("s").forceDeleteWithoutRecovery(true));
    create("s");
  }

  @Test
  void listSecrets_filtersByNameAndTags_withNegation_andPaginates() {
    sm.createSecret(
        r ->
            r.name("hello/a")
                .secretString("x")
                .tags(Tag.builder().key("berth:stack").value("hello").build()));
    sm.createSecret(
        r ->
            r.name("hello/b")
                .secretString("x")
                .tags(Tag.builder().key("berth:stack").value("other").build()));
    sm.createSecret(r -> r.name("Hello/c").secretString("x"));

    assertEquals(List.of("hello/a", "hello/b"), names(filter(FilterNameStringType.NAME, "hello")));
    assertEquals(
        List.of("hello/a", "hello/b"), names(filter(FilterNameStringType.TAG_KEY, "berth:")));
    assertEquals(List.of("hello/a"), names(filter(FilterNameStringType.TAG_VALUE, "hel")));
    assertEquals(List.of("Hello/c"), names(filter(FilterNameStringType.NAME, "!hello")));
    assertEquals(3, names(filter(FilterNameStringType.ALL, "HELLO")).size());
    var both =
        sm.listSecrets(
            r ->
                r.filters(
                    Filter.builder().key(FilterNameStringType.NAME).values("hello").build(),
                    Filter.builder().key(FilterNameStringType.TAG_VALUE).values("other").build()));
    assertEquals(List.of("hello/b"), names(both.secretList()));

    List<String> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListSecretsResponse page = sm.listSecrets(r -> r.maxResults(2).nextToken(t));
      all.addAll(names(page.secretList()));
      token = page.nextToken();
    } while (token != null);
    assertEquals(3, all.size());
    SecretListEntry first = sm.listSecrets().secretList().get(0);
    assertFalse(first.secretVersionsToStages().isEmpty());
    assertNotNull(first.createdDate());
  }

  private List<SecretListEntry> filter(FilterNameStringType key, String value) {
    return sm.listSecrets(r -> r.filters(Filter.builder().key(key).values(value).build()))
        .secretList();
  }

  private static List<String> names(List<SecretListEntry> list) {
    return list.stream().map(SecretListEntry::name).sorted().toList();
  }

  @Test
  void tagResource_andUntagResource_changeTags() {
    create("s");
    sm.tagResource(
        r ->
            r.secretId("s")
                .tags(
                    Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
    sm.untagResource(r -> r.secretId("s").tagKeys("a"));
    assertEquals(
        List.of(Tag.builder().key("b").value("2").build()),
        sm.describeSecret(r -> r.secretId("s")).tags());
  }

  @Test
  void describeSecret_whenMissing_returnsResourceNotFound() {
    var e =
        assertThrows(
            ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId("nope")));
    assertEquals(
        "Secrets Manager can't find the specified secret.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void inventory_neverShowsSecretValues() throws Exception {
    create("s");
    sm.putSecretValue(r -> r.secretId("s").secretString("second-value"));
    String inventory =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(cloud.endpoint().resolve("/_localcloud/inventory")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(inventory.contains("\"s\""), inventory);
    assertFalse(inventory.contains("second-value"), inventory);
    assertFalse(inventory.contains("bot"), inventory);
  }
}
