package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.it.CliHarness;
import dev.berth.localcloud.core.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --output json}: stdout holds exactly one JSON document (or one per line for logs), so
 * scripts can parse it; progress goes to stderr. Runs on localcloud's instant profile.
 */
class JsonOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CliHarness h = new CliHarness("private-registry", Profile.instant());

  @Test
  void everyCommand_withOutputJson_printsOneParsableDocument() {
    JsonNode plan = json(h.berth("plan", "--output", "json"));
    assertEquals("app", plan.path("stack").asText());
    assertEquals("123456789012", plan.path("account").asText());
    assertTrue(plan.path("changes").size() > 20, plan::toString);

    JsonNode deploy = json(h.berth("deploy", "-o", "json"));
    assertTrue(deploy.path("succeeded").asBoolean(), deploy::toString);
    assertEquals("https://app.example.org", deploy.path("url").asText());
    assertEquals(2, deploy.path("running").asInt());
    assertEquals(2, deploy.path("desired").asInt());
    assertEquals(0, deploy.path("failures").size());

    JsonNode status = json(h.berth("status", "-o", "json"));
    assertEquals(27, status.path("resources").size(), status::toString);
    status
        .path("resources")
        .forEach(r -> assertFalse(r.path("drift").asBoolean(), () -> "drift: " + r));
    assertEquals("ACTIVE", status.path("service").path("status").asText());

    JsonNode state = json(h.berth("state", "show", "-o", "json"));
    assertEquals("app", state.path("stack").asText());
    assertEquals(27, state.path("resources").size());
    JsonNode password = state.path("resources").path("registry-secret").path("properties");
    assertEquals("registry.password", password.path("password").path("$secret").asText());

    JsonNode list = json(h.berth("state", "list", "-o", "json"));
    assertEquals("app", list.get(0).path("stack").asText());
    assertEquals(27, list.get(0).path("resources").asInt());

    CliHarness.Run logs = h.berth("logs", "--since", "1h", "-o", "json");
    assertEquals(0, logs.exitCode(), logs::toString);
    assertFalse(logs.out().isBlank(), logs::toString);
    for (String line : logs.out().split("\n")) {
      assertTrue(parse(line).has("message"), line);
    }

    JsonNode destroy = json(h.berth("destroy", "--yes", "-o", "json"));
    assertTrue(destroy.path("succeeded").asBoolean(), destroy::toString);
    assertEquals(0, destroy.path("remaining").asInt());
    JsonNode nothing = json(h.berth("destroy", "--yes", "-o", "json"));
    assertEquals(0, nothing.path("remaining").asInt());
  }

  @Test
  void failedDeploy_withOutputJson_stillPrintsOneDocumentAndExitsOne() {
    h.replaceInSpec("ghcr.io/acme/app:1.4.2", "ghcr.io/acme/app:crashloop");

    CliHarness.Run r = h.berth("deploy", "-o", "json");

    assertEquals(1, r.exitCode(), r::toString);
    JsonNode deploy = parse(r.out());
    assertFalse(deploy.path("succeeded").asBoolean());
    assertTrue(deploy.path("rolledBack").asBoolean());
    JsonNode failure = deploy.path("failures").get(0);
    assertEquals("service", failure.path("id").asText());
    assertTrue(
        failure.path("message").asText().contains("Essential container in task exited"),
        failure::toString);
    // A first deploy has no previous version that could keep serving.
    assertTrue(failure.path("hint").asText().contains("berth logs"), failure::toString);
    assertFalse(failure.path("hint").asText().contains("previous version"), failure::toString);
  }

  private static JsonNode json(CliHarness.Run r) {
    assertEquals(0, r.exitCode(), r::toString);
    return parse(r.out());
  }

  private static JsonNode parse(String s) {
    try {
      // readTree of the whole text fails on trailing garbage only when asked to.
      return JSON.reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException("not one JSON document:\n" + s, e);
    }
  }
}
