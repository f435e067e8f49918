package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.plan.Action;

/**
 * One resource the engine could not handle.
 *
 * @param id the state key (the logical id, or {@code <id>~old} for the old copy of a replacement)
 * @param action what was being done: CREATE, UPDATE, REPLACE or DELETE
 * @param message what failed, secret-free (the provider's error as the classifier describes it)
 * @param hint what the user can do, or null
 * @param cause the typed failure behind it, for a caller that words its own advice from the facts
 *     it carries; null if the failure was not a {@link BerthException}
 */
public record Failure(
    String id, String type, Action action, String message, String hint, BerthException cause) {
  public Failure(String id, String type, Action action, String message, String hint) {
    this(id, type, action, message, hint, null);
  }
}
