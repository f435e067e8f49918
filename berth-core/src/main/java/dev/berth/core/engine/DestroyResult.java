package dev.berth.core.engine;

import dev.berth.core.state.State;
import java.util.List;

/**
 * The outcome of a destroy.
 *
 * @param remaining the state left: what could not be removed, each with its error (saved in the
 *     store, except for what {@code unrecorded} lists)
 * @param failures why each of them remains
 * @param unrecorded what the run changed in the cloud that the store does not hold, because it
 *     could not be written
 * @param stateError why the store could not be written at the end, or null if it holds {@code
 *     remaining}
 * @param gone the state keys whose delete found the resource already gone (removed from the state
 *     like the deleted ones), sorted
 */
public record DestroyResult(
    State remaining,
    List<Failure> failures,
    List<Unrecorded> unrecorded,
    String stateError,
    List<String> gone) {
  public DestroyResult {
    failures = List.copyOf(failures);
    unrecorded = List.copyOf(unrecorded);
    gone = gone.stream().sorted().toList();
  }

  public DestroyResult(
      State remaining, List<Failure> failures, List<Unrecorded> unrecorded, String stateError) {
    this(remaining, failures, unrecorded, stateError, List.of());
  }

  public DestroyResult(State remaining, List<Failure> failures) {
    this(remaining, failures, List.of(), null);
  }

  public boolean succeeded() {
    return failures.isEmpty() && stateError == null;
  }
}
