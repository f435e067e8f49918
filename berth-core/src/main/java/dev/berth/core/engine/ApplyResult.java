package dev.berth.core.engine;

import dev.berth.core.state.State;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of an apply.
 *
 * @param finalState the state as the run knows it at the end: saved in the store, except for what
 *     {@code unrecorded} lists
 * @param failures every resource that failed, in the apply and in the rollback
 * @param rolledBack true if the run failed and its rollback ran ({@code created} lists what the
 *     rollback could not remove)
 * @param elapsed clock time from start to end
 * @param created state keys of what this run created that {@code finalState} still lists: after a
 *     complete rollback, none
 * @param unrecorded what the run changed in the cloud that the store does not hold, because it
 *     could not be written
 * @param stateError why the store could not be written at the end, or null if it holds {@code
 *     finalState}
 */
public record ApplyResult(
    State finalState,
    List<Failure> failures,
    boolean rolledBack,
    Duration elapsed,
    List<String> created,
    List<Unrecorded> unrecorded,
    String stateError) {
  public ApplyResult {
    failures = List.copyOf(failures);
    created = List.copyOf(created);
    unrecorded = List.copyOf(unrecorded);
  }

  public ApplyResult(
      State finalState, List<Failure> failures, boolean rolledBack, Duration elapsed) {
    this(finalState, failures, rolledBack, elapsed, List.of(), List.of(), null);
  }

  public boolean succeeded() {
    return failures.isEmpty() && stateError == null;
  }
}
