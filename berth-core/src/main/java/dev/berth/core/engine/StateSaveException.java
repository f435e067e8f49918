package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/**
 * A change the engine could not record in the state store. The step that made it fails; the change
 * stays in the run's in-memory state, and the run's result says what the store is missing.
 */
final class StateSaveException extends BerthException {
  StateSaveException(RuntimeException cause) {
    super(
        "could not record it in the state: " + cause.getMessage(),
        cause instanceof BerthException b ? b.hint() : null,
        cause instanceof BerthException b ? b.kind() : FailureKind.CLOUD,
        cause);
  }
}
