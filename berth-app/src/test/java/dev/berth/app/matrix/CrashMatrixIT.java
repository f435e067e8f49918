package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For every mutating call of a first deploy (AWS and Cloudflare alike), the process dies right
 * after that call succeeded. A new process must then (a) converge with a second deploy to exactly
 * what a clean deploy makes, and (b) in another world, destroy everything with a destroy.
 */
class CrashMatrixIT {

  @ParameterizedTest
  @EnumSource(Example.class)
  void firstDeploy_whenKilledAfterAnyMutatingCall_redeployConvergesAndDestroyEmpties(
      Example example) {
    List<CallStep> steps;
    Map<String, Long> expected;
    try (StackHarness h = StackHarness.start(example)) {
      assertTrue(h.deploy().succeeded());
      steps = CallStep.of(h.calls(), true);
      expected = Inventory.countByKind(h.live());
    }
    List<String> failures = new ArrayList<>();
    int notReached = 0;
    for (CallStep step : steps) {
      String redeploy = crashThen(example, step, h -> converge(h, expected));
      String destroy = crashThen(example, step, CrashMatrixIT::destroyAll);
      if (redeploy == null || destroy == null) {
        notReached++;
        System.out.println("  " + step + ": not reached in this run");
        continue;
      }
      if (!redeploy.isEmpty()) {
        failures.add(step + ", then deploy: " + redeploy);
      }
      if (!destroy.isEmpty()) {
        failures.add(step + ", then destroy: " + destroy);
      }
    }
    System.out.println(
        "crash matrix ("
            + example
            + "): "
            + steps.size()
            + " steps, "
            + failures.size()
            + " failures"
            + (notReached > 0 ? ", " + notReached + " not reached" : ""));
    failures.forEach(f -> System.out.println("  killed after " + f));
    assertEquals(List.of(), failures);
  }

  /**
   * Kills a first deploy after {@code step}, then runs {@code after} with new clients: returns what
   * went wrong ("" for nothing), or null if the run never reached the step.
   */
  private static String crashThen(
      Example example, CallStep step, Function<StackHarness, String> after) {
    try (StackHarness h = StackHarness.start(example)) {
      CrashSwitch crash = new CrashSwitch(step.action(), step.occurrence());
      h.clients(crash);
      try {
        WebServiceStack.DeployReport r = h.deploy();
        if (!crash.fired()) {
          return null;
        }
        return "the killed deploy returned " + (r.succeeded() ? "success" : r.result().failures());
      } catch (SimulatedCrash expectedDeath) {
        // as after kill -9
      }
      h.clients(CrashSwitch.never());
      String problem = after.apply(h);
      h.assertNoSecrets();
      return problem;
    }
  }

  private static String converge(StackHarness h, Map<String, Long> expected) {
    WebServiceStack.DeployReport r = h.deploy();
    if (!r.succeeded()) {
      return "deploy failed: " + r.result().failures();
    }
    Map<String, Long> live = Inventory.countByKind(h.live());
    if (!live.equals(expected)) {
      return "live " + difference(expected, live);
    }
    State s = h.state().orElseThrow();
    List<String> unsettled =
        s.resources().values().stream()
            .filter(rs -> rs.status() != ResourceState.Status.CREATED || rs.isOldCopy())
            .map(rs -> rs.id() + " " + rs.status())
            .toList();
    if (!unsettled.isEmpty()) {
      return "state not settled: " + unsettled;
    }
    List<String> drift = h.drift();
    if (!drift.isEmpty()) {
      return "not as desired: " + drift;
    }
    if (!r.desired().equals(r.running())) {
      return "running " + r.running() + " of " + r.desired();
    }
    return "";
  }

  private static String destroyAll(StackHarness h) {
    DestroyResult d = h.destroy();
    List<Inventory.Item> live = h.live();
    State s = h.state().orElseThrow();
    if (!d.succeeded() || !live.isEmpty() || !s.resources().isEmpty()) {
      return "failures " + d.failures() + ", live " + live + ", recorded " + s.resources().keySet();
    }
    return "";
  }

  private static String difference(Map<String, Long> expected, Map<String, Long> actual) {
    Map<String, String> diff = new TreeMap<>();
    expected.forEach(
        (k, v) -> {
          long a = actual.getOrDefault(k, 0L);
          if (a != v) {
            diff.put(k, a + " (clean: " + v + ")");
          }
        });
    actual.keySet().stream()
        .filter(k -> !expected.containsKey(k))
        .forEach(k -> diff.put(k, actual.get(k) + " (clean: 0)"));
    return diff.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
