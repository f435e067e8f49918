package dev.berth.core.state;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** A save based on a state that is no longer the stored one: another run wrote in between. */
public class StateConflictException extends BerthException {
  public StateConflictException(String stack, long expectedSerial, long storedSerial) {
    super(
        "The state of stack "
            + stack
            + " changed under this run (expected serial "
            + expectedSerial
            + ", found "
            + storedSerial
            + ")",
        "Another berth run wrote it. Run the command again to plan from the current state.",
        FailureKind.LOCKED,
        null);
  }
}
