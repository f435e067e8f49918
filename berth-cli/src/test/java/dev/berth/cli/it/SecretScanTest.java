package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scanner itself: a scan that never fails would prove nothing. */
class SecretScanTest {
  private final SecretScan scan = new SecretScan(CliHarness.REGISTRY_PASSWORD);

  @Test
  void findIn_findsTheSecretHoweverItIsEscaped() {
    String p = CliHarness.REGISTRY_PASSWORD;
    assertNotNull(scan.findIn("raw: " + p));
    assertNotNull(scan.findIn("{\"password\":\"pa\\\"ss'w\\\\o{rd}-ünï✓-Zq7pW9kXc\"}"));
    assertNotNull(
        scan.findIn("{\"password\":\"pa\\\"ss'w\\\\o{rd}-\\u00FCn\\u00EF\\u2713-Zq7pW9kXc\"}"));
    assertNotNull(scan.findIn("url: pa%22ss%27w%5Co%7Brd%7D-%C3%BCn%C3%AF%E2%9C%93-Zq7pW9kXc"));
    assertNotNull(scan.findIn("only the core: Zq7pW9kXc"));
  }

  @Test
  void findIn_ignoresTextWithoutTheSecret() {
    assertNull(scan.findIn("fingerprint wiKd8hfmwICnveB73Z8KuK, username acme-bot"));
    assertNull(scan.findIn(null));
  }

  @Test
  void assertClean_failsWithoutPrintingTheSecret() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> scan.assertClean("a log", "value=" + CliHarness.REGISTRY_PASSWORD + " end"));
    assertTrue(e.getMessage().contains("a log"), e.getMessage());
    assertTrue(e.getMessage().contains("<SECRET>"), e.getMessage());
    assertNull(scan.findIn(e.getMessage()), e.getMessage());
  }

  @Test
  void and_addsASecret() {
    assertNotNull(scan.and("another-S3cretValue9").findIn("x another-S3cretValue9 y"));
    assertNull(scan.findIn("x another-S3cretValue9 y"));
  }
}
