package dev.berth.core.engine;

import dev.berth.core.state.State;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of an apply.
 *
 * @param finalState the state as recorded at the end (also saved in the store)
 * @param failures every resource that failed, in the apply and in the rollback
 * @param rolledBack true if the run failed and removed what it had created
 * @param elapsed clock time from start to end
 */
public record ApplyResult(
    State finalState, List<Failure> failures, boolean rolledBack, Duration elapsed) {
  public ApplyResult {
    failures = List.copyOf(failures);
  }

  public boolean succeeded() {
    return failures.isEmpty();
  }
}
