package dev.berth.core.state;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** Another run holds the stack's state lock. Exit code 3. */
public class StateLockedException extends BerthException {
  private final transient LockHolder holder;

  /**
   * @param holder who holds it, or null if unknown
   */
  public StateLockedException(String stack, LockHolder holder, String hint) {
    super(
        "The state of stack "
            + stack
            + " is locked by "
            + (holder == null ? "another run (holder unknown)" : holder.describe()),
        hint,
        FailureKind.LOCKED,
        null);
    this.holder = holder;
  }

  public StateLockedException(String stack, LockHolder holder) {
    this(stack, holder, "Wait for that run to finish, or stop it; then run the command again.");
  }

  /** Who holds the lock, or null if unknown. */
  public LockHolder holder() {
    return holder;
  }
}
