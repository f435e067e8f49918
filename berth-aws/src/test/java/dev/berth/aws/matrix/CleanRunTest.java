package dev.berth.aws.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.stack.WebServiceStack;
import dev.berth.core.engine.DestroyResult;
import dev.berth.localcloud.core.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  private static void run(Example example, Profile profile) {
    long t0 = System.nanoTime();
    try (StackHarness h = StackHarness.start(example, profile)) {
      WebServiceStack.DeployReport r = h.deploy();
      assertTrue(r.succeeded(), () -> "deploy failed: " + r.result().failures());
      assertEquals(r.desired(), r.running());
      assertEquals(java.util.List.of(), h.drift());
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
