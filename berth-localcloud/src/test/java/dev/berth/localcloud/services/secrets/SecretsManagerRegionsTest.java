package dev.berth.localcloud.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/** Secrets Manager is regional: a secret name is unique per region. */
@ExtendWith(LocalCloudExtension.class)
class SecretsManagerRegionsTest {
  private static final String NAME = "berth-x/registry";
  private SecretsManagerClient us;
  private SecretsManagerClient eu;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    us = Clients.of(SecretsManagerClient.builder(), cloud, Region.US_EAST_1);
    eu = Clients.of(SecretsManagerClient.builder(), cloud, Region.EU_CENTRAL_1);
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  private static String create(SecretsManagerClient sm, String value) {
    return sm.createSecret(r -> r.name(NAME).secretString(value)).arn();
  }

  private static List<String> names(SecretsManagerClient sm) {
    return sm.listSecrets(r -> {}).secretList().stream().map(SecretListEntry::name).toList();
  }

  @Test
  void createSecret_whenNameExistsInAnotherRegion_createsASecondSecret() {
    String first = create(us, "one");

    assertEquals(List.of(), names(eu));
    String second = create(eu, "two");

    assertNotEquals(first, second);
    assertTrue(first.startsWith("arn:aws:secretsmanager:us-east-1:"), first);
    assertTrue(second.startsWith("arn:aws:secretsmanager:eu-central-1:"), second);
    assertEquals("one", us.getSecretValue(r -> r.secretId(NAME)).secretString());
    assertEquals("two", eu.getSecretValue(r -> r.secretId(NAME)).secretString());
  }

  @Test
  void deleteSecret_inOneRegion_leavesTheOtherAndFreesOnlyItsOwnName() {
    create(us, "one");
    create(eu, "two");

    eu.deleteSecret(r -> r.secretId(NAME).forceDeleteWithoutRecovery(true));

    assertEquals(List.of(), names(eu));
    assertEquals(List.of(NAME), names(us));
    assertEquals("one", us.getSecretValue(r -> r.secretId(NAME)).secretString());
    us.putSecretValue(r -> r.secretId(NAME).secretString("three"));
    assertEquals("three", us.getSecretValue(r -> r.secretId(NAME)).secretString());
  }

  @Test
  void calls_withAnArnOfAnotherRegion_answerResourceNotFound() {
    String arn = create(us, "one");
    create(eu, "two");

    assertThrows(ResourceNotFoundException.class, () -> eu.getSecretValue(r -> r.secretId(arn)));
    assertThrows(ResourceNotFoundException.class, () -> eu.describeSecret(r -> r.secretId(arn)));
    assertThrows(
        ResourceNotFoundException.class,
        () -> eu.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true)));
    assertEquals("one", us.getSecretValue(r -> r.secretId(arn)).secretString());
  }
}
