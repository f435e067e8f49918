package dev.berth.core.engine;

import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Action;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Deletes recorded resources (a rollback, a destroy): dependents first, past failures. */
final class Deletions {
  private Deletions() {}

  /**
   * Deletes {@code entries} in parallel where independent. A resource whose dependent could not be
   * deleted is left alone and reported: deleting it would only fail on the dependency.
   */
  static void run(
      DagRunner runner,
      StepExecutor steps,
      Collection<ResourceState> entries,
      Map<String, ResourceType> types) {
    run(runner, steps, entries, types, DagRunner.OnFailure.SKIP_DEPENDENTS);
  }

  /**
   * As {@link #run(DagRunner, StepExecutor, Collection, Map)}, in the order of {@code entries}
   * among what is ready at once; with {@link DagRunner.OnFailure#ORDER_ONLY} a resource whose
   * dependent could not be deleted is still tried.
   */
  static void run(
      DagRunner runner,
      StepExecutor steps,
      Collection<ResourceState> entries,
      Map<String, ResourceType> types,
      DagRunner.OnFailure policy) {
    StepGraph graph = StepGraph.forDeletion(entries, Action.DELETE, types);
    DagRunner.Outcome out =
        runner.run(graph.order(), graph.requires(), n -> steps.run(graph.step(n)), policy);
    if (out.crash() != null) {
      throw out.crash();
    }
    if (steps.cancelled() || steps.halted()) {
      // not started: the run was cancelled, or the state cannot be written; the result says so
      return;
    }
    for (String n : out.notRun()) {
      steps.reportNotRun(
          graph.step(n), "not deleted: something that depends on it could not be deleted first");
    }
  }

  /**
   * After a rollback, the old copy of a replaced resource whose new copy is gone is the current one
   * again.
   */
  static void restoreOldCopies(StateLedger ledger) {
    List<ResourceState> restore = new ArrayList<>();
    for (ResourceState rs : ledger.current().resources().values()) {
      if (rs.isOldCopy() && ledger.get(rs.logicalId()).isEmpty()) {
        restore.add(rs);
      }
    }
    if (restore.isEmpty()) {
      return;
    }
    ledger.change(
        s -> {
          State out = s;
          for (ResourceState rs : restore) {
            out = out.without(rs.id()).with(rs.withId(rs.logicalId()));
          }
          return out;
        });
  }
}
