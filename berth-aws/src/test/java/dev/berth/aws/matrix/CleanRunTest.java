package dev.berth.aws.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.stack.WebServiceStack;
import dev.berth.core.engine.DestroyResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The baseline every matrix builds on: a clean deploy succeeds and a destroy leaves nothing. */
class CleanRunTest {

  @ParameterizedTest
  @EnumSource(Example.class)
  void deployThenDestroy_whenNothingFails_leavesNoResource(Example example) {
    try (StackHarness h = StackHarness.start(example)) {
      WebServiceStack.DeployReport r = h.deploy();
      assertTrue(r.succeeded(), () -> "deploy failed: " + r.result().failures());
      assertEquals(r.desired(), r.running());
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
    }
  }
}
