package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import dev.berth.localcloud.core.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * For every mutating call of an image update, a fresh deployed stack where exactly that call is
 * refused. berth must report the failure, and the service must serve one revision completely: the
 * previous one when the refusal came before the service was moved, with the stack as it was; the
 * new one when only the cleanup after the move was refused (updates are not undone), with the old
 * revision kept in the state for the next run. Either way the next deploy converges.
 */
class UpdateFaultMatrixIT {

  @ParameterizedTest
  @EnumSource(Example.class)
  void imageUpdate_whenAnyMutatingCallIsRefused_servesOneRevisionCompletely(Example example) {
    List<CallStep> steps;
    Map<String, Long> expected;
    try (StackHarness h = StackHarness.start(example)) {
      assertTrue(h.deploy().succeeded());
      expected = Inventory.countByKind(h.live());
      int mark = h.calls().size();
      h.editSpec(example.image, example.nextImage);
      assertTrue(h.deploy().succeeded());
      steps = CallStep.of(h.calls().subList(mark, h.calls().size()), false);
    }
    List<String> failures = new ArrayList<>();
    int kept = 0;
    for (CallStep step : steps) {
      try (StackHarness h = StackHarness.start(example)) {
        assertTrue(h.deploy().succeeded());
        String before = service(h).taskDefinition();
        h.editSpec(example.image, example.nextImage);
        h.cloud.faults().add(refuse(step));
        WebServiceStack.DeployReport r = h.deploy();
        String recorded = recordedTaskDefinition(h);
        boolean moved = !before.equals(recorded);
        kept += moved ? 0 : 1;
        String problem =
            r.succeeded()
                ? "the update reported success"
                : moved ? checkMoved(h, recorded) : checkKept(h, before, expected);
        if (problem.isEmpty()) {
          WebServiceStack.DeployReport again = h.deploy();
          problem =
              !again.succeeded()
                  ? "the next deploy failed: " + again.result().failures()
                  : !Inventory.countByKind(h.live()).equals(expected)
                      ? "the next deploy left " + Inventory.countByKind(h.live())
                      : "";
        }
        System.out.println(
            "  refused "
                + step
                + ": serves the "
                + (moved ? "new" : "previous")
                + " revision"
                + (problem.isEmpty() ? "" : "; FAILED: " + problem));
        if (!problem.isEmpty()) {
          failures.add(step + ": " + problem);
        }
        h.assertNoSecrets();
      }
    }
    System.out.println(
        "update faults ("
            + example
            + "): "
            + steps.size()
            + " steps ("
            + kept
            + " keep the previous revision), "
            + failures.size()
            + " failures");
    assertEquals(List.of(), failures);
  }

  @ParameterizedTest
  @EnumSource(Example.class)
  void imageUpdate_whenTheNewImageCrashes_keepsServingThePreviousRevision(Example example) {
    try (StackHarness h = StackHarness.start(example)) {
      assertTrue(h.deploy().succeeded());
      Map<String, Long> expected = Inventory.countByKind(h.live());
      String before = service(h).taskDefinition();
      String tag = example.image.substring(0, example.image.indexOf(':'));
      h.editSpec(example.image, tag + ":crashloop");

      WebServiceStack.DeployReport r = h.deploy();

      assertTrue(!r.succeeded(), "a crashing image reported success");
      // berth fails fast on the first stopped task; ECS's circuit breaker then returns the
      // service to the previous revision on its own time.
      String kept = checkKept(h, before, expected);
      for (int i = 0; i < 60 && !kept.isEmpty(); i++) {
        h.clock.advance(Duration.ofSeconds(30));
        kept = checkKept(h, before, expected);
      }
      assertEquals("", kept);
      h.editSpec(example.image, example.nextImage);
      assertTrue(h.deploy().succeeded());
      assertEquals(expected, Inventory.countByKind(h.live()));
      h.assertNoSecrets();
    }
  }

  /** Refused before the service moved: all as before the update. */
  private static String checkKept(StackHarness h, String before, Map<String, Long> expected) {
    String serving = serving(h, before);
    if (!serving.isEmpty()) {
      return serving;
    }
    Map<String, Long> live = Inventory.countByKind(h.live());
    if (!live.equals(expected)) {
      return "live " + live + " (before the update: " + expected + ")";
    }
    // The service's entry may stay UPDATING (its old properties kept): the next run applies it.
    List<String> unsettled =
        h.state().orElseThrow().resources().values().stream()
            .filter(
                rs ->
                    rs.isOldCopy()
                        || rs.status() != Status.CREATED
                            && !(rs.id().equals("service") && rs.status() == Status.UPDATING))
            .map(rs -> rs.id() + " " + rs.status())
            .toList();
    return unsettled.isEmpty() ? "" : "state not settled: " + unsettled;
  }

  /** Refused after the service moved: the new revision serves, the old one awaits deletion. */
  private static String checkMoved(StackHarness h, String recorded) {
    String serving = serving(h, recorded);
    if (!serving.isEmpty()) {
      return serving;
    }
    State s = h.state().orElseThrow();
    if (s.resource("task-definition~old").isEmpty()) {
      return "the previous revision is no longer recorded: " + s.resources().keySet();
    }
    return "";
  }

  private static String serving(StackHarness h, String taskDefinition) {
    Service s = service(h);
    Deployment primary =
        s.deployments().stream()
            .filter(d -> d.status().equals("PRIMARY"))
            .findFirst()
            .orElseThrow();
    if (!primary.taskDefinition().equals(taskDefinition)) {
      return "serves " + primary.taskDefinition() + ", the state records " + taskDefinition;
    }
    // Older deployments may still be draining: ECS stops their tasks on its own time.
    if (primary.runningCount() != s.desiredCount()) {
      return "running " + primary.runningCount() + " of " + s.desiredCount();
    }
    return "";
  }

  private static String recordedTaskDefinition(StackHarness h) {
    ResourceState svc = h.state().orElseThrow().resource("service").orElseThrow();
    return String.valueOf(svc.properties().get("taskDefinitionArn"));
  }

  static Service service(StackHarness h) {
    ResourceState svc = h.state().orElseThrow().resource("service").orElseThrow();
    String cluster = String.valueOf(svc.properties().get("cluster"));
    return h.aws()
        .ecs()
        .describeServices(b -> b.cluster(cluster).services(svc.physicalId()))
        .services()
        .get(0);
  }

  private static Faults.Rule refuse(CallStep step) {
    Faults.Rule r = new Faults.Rule();
    r.action = step.action();
    r.service = step.service();
    r.after = step.occurrence();
    r.count = 1;
    r.status = 400;
    r.error = step.service().equals("ecs") ? "InvalidParameterException" : "InvalidParameterValue";
    r.message = "matrix: refused " + step.action();
    return r;
  }
}
