package dev.berth.core.failure;

/**
 * A failure with a message a user can act on: what failed, why, and what to do. The message must
 * never contain a secret. The hint names no command-line flag or command: a failure whose advice
 * depends on how berth is run is a subclass carrying the facts, worded by the caller.
 */
public class BerthException extends RuntimeException {
  private final String hint;
  private final FailureKind kind;

  public BerthException(String message, String hint, FailureKind kind, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.kind = kind;
  }

  public BerthException(String message, String hint) {
    this(message, hint, FailureKind.CLOUD, null);
  }

  /** What the user should do, or null. */
  public String hint() {
    return hint;
  }

  /** What kind of failure this is. */
  public FailureKind kind() {
    return kind;
  }
}
