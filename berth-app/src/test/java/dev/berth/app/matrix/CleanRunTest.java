package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.engine.DestroyResult;
import dev.berth.localcloud.core.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/** The baseline every matrix builds on: a clean deploy succeeds and a destroy leaves nothing. */
class CleanRunTest {

  @ParameterizedTest
  @EnumSource(Example.class)
  void deployThenDestroy_whenNothingFails_leavesNoResource(Example example) {
    run(example, Profile.instant());
  }

  @ParameterizedTest
  @EnumSource(Example.class)
  void deployThenDestroy_withAwsTimings_leavesNoResource(Example example) {
    run(example, Profile.aws(1.0));
  }

  @Test
  void assertNoSecrets_whenThePasswordWasSaid_fails() {
    try (StackHarness h = StackHarness.start(Example.HELLO)) {
      h.heard(new IllegalStateException("login as x:" + StackHarness.REGISTRY_PASSWORD));
      assertThrows(AssertionFailedError.class, h::assertNoSecrets);
    }
  }

  /** The secret's JSON is built with a JSON library: quotes and backslashes survive. */
  private static void assertRegistrySecretHoldsTheCredentials(StackHarness h) {
    String arn = h.state().orElseThrow().resource("registry-secret").orElseThrow().physicalId();
    String json = h.aws().secrets().getSecretValue(b -> b.secretId(arn)).secretString();
    try {
      JsonNode value = new ObjectMapper().readTree(json);
      assertEquals(StackHarness.REGISTRY_USERNAME, value.path("username").asText());
      assertEquals(StackHarness.REGISTRY_PASSWORD, value.path("password").asText());
    } catch (JsonProcessingException e) {
      throw new AssertionError("the registry secret is not JSON", e);
    }
  }

  private static void run(Example example, Profile profile) {
    long t0 = System.nanoTime();
    try (StackHarness h = StackHarness.start(example, profile)) {
      WebServiceStack.DeployReport r = h.deploy();
      assertTrue(r.succeeded(), () -> "deploy failed: " + r.result().failures());
      assertEquals(r.desired(), r.running());
      assertEquals(java.util.List.of(), h.drift());
      if (example == Example.PRIVATE_REGISTRY) {
        assertRegistrySecretHoldsTheCredentials(h);
      }
      System.out.println(example + " live after deploy: " + Inventory.countByKind(h.live()));
      System.out.println(
          example
              + " mutating calls: "
              + h.calls().stream().filter(c -> c.mutating()).map(c -> c.action()).toList());
      DestroyResult d = h.destroy();
      assertTrue(d.succeeded(), () -> "destroy failed: " + d.failures());
      assertEquals(java.util.List.of(), h.live());
      assertTrue(h.state().orElseThrow().resources().isEmpty());
      h.assertNoSecrets();
      System.out.printf(
          "%s %s: %d calls, %d ms real%n",
          example, profile, h.calls().size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
