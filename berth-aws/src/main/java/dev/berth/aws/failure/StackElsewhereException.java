package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/**
 * The state records the stack in another region or AWS account than this run's: that is another
 * stack, and berth does not move one. Refused before any call that changes something.
 */
public final class StackElsewhereException extends BerthException {
  /** What differs. */
  public enum Where {
    REGION,
    ACCOUNT
  }

  private final String stack;
  private final Where where;
  private final String recorded;
  private final String requested;

  public StackElsewhereException(
      String message, String stack, Where where, String recorded, String requested) {
    super(message, hint(where, recorded, requested), FailureKind.BAD_INPUT, null);
    this.stack = stack;
    this.where = where;
    this.recorded = recorded;
    this.requested = requested;
  }

  public String stack() {
    return stack;
  }

  public Where where() {
    return where;
  }

  /** The region or account the state records. */
  public String recorded() {
    return recorded;
  }

  /** The region or account of this run. */
  public String requested() {
    return requested;
  }

  private static String hint(Where where, String recorded, String requested) {
    return where == Where.REGION
        ? "to move it, destroy it in "
            + recorded
            + " first, then deploy in "
            + requested
            + "; to keep both, deploy "
            + requested
            + " under another name (name: in the spec) or with another state"
        : "use credentials for account "
            + recorded
            + ", or deploy to "
            + requested
            + " with another state";
  }
}
