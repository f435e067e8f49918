package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.state.State;
import dev.berth.localcloud.core.Faults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For every mutating call of a first deploy, a fresh world where exactly that call is refused with
 * a non-retryable error: the deploy must fail, roll back, and leave neither a live resource nor a
 * recorded one.
 */
class FaultMatrixIT {

  @ParameterizedTest
  @EnumSource(Example.class)
  void firstDeploy_whenAnyMutatingCallIsRefused_rollsBackWithoutLeaks(Example example) {
    List<CallStep> steps;
    try (StackHarness h = StackHarness.start(example)) {
      assertTrue(h.deploy().succeeded());
      steps = CallStep.of(h.calls(), false);
      System.out.println(
          example
              + ": a clean first deploy makes "
              + h.calls().size()
              + " calls, "
              + steps.size()
              + " mutating");
    }
    List<String> leaks = new ArrayList<>();
    int notReached = 0;
    for (CallStep step : steps) {
      try (StackHarness h = StackHarness.start(example)) {
        h.cloud.faults().add(refuse(step));
        WebServiceStack.DeployReport r = h.deploy();
        boolean fired =
            h.calls().stream().anyMatch(c -> c.action().equals(step.action()) && c.status() == 403);
        if (!fired) {
          notReached++;
          System.out.println("  " + step + ": not reached in this run");
          continue;
        }
        assertFalse(r.succeeded(), () -> step + ": deploy reported success");
        List<Inventory.Item> live = h.live();
        State state = h.state().orElseThrow();
        if (!live.isEmpty() || !state.resources().isEmpty()) {
          leaks.add(step + ": live " + live + ", recorded " + state.resources().keySet());
        }
        h.assertNoSecrets();
      }
    }
    System.out.println(
        "fault matrix ("
            + example
            + "): "
            + steps.size()
            + " steps, "
            + leaks.size()
            + " leaks"
            + (notReached > 0 ? ", " + notReached + " not reached" : ""));
    leaks.forEach(l -> System.out.println("  leak after " + l));
    assertEquals(List.of(), leaks);
  }

  private static Faults.Rule refuse(CallStep step) {
    Faults.Rule r = new Faults.Rule();
    r.action = step.action();
    r.service = step.service();
    r.after = step.occurrence();
    r.count = 1;
    r.status = 403;
    r.error = step.service().equals("ecs") ? "AccessDeniedException" : "AccessDenied";
    r.message = "matrix: not authorized to perform " + step.action();
    return r;
  }
}
