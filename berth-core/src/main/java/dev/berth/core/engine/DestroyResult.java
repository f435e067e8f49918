package dev.berth.core.engine;

import dev.berth.core.state.State;
import java.util.List;

/**
 * The outcome of a destroy.
 *
 * @param remaining the state left: what could not be removed, each with its error
 * @param failures why each of them remains
 */
public record DestroyResult(State remaining, List<Failure> failures) {
  public DestroyResult {
    failures = List.copyOf(failures);
  }

  public boolean succeeded() {
    return failures.isEmpty();
  }
}
