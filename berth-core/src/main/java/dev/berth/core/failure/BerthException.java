package dev.berth.core.failure;

/**
 * A failure with a message a user can act on: what failed, why, and what to do. The message must
 * never contain a secret.
 */
public class BerthException extends RuntimeException {
  private final String hint;
  private final int exitCode;

  public BerthException(String message, String hint, int exitCode, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  public BerthException(String message, String hint) {
    this(message, hint, 1, null);
  }

  /** What the user should do, or null. */
  public String hint() {
    return hint;
  }

  /** The process exit code this failure maps to: 1 cloud, 2 input, 3 locked. */
  public int exitCode() {
    return exitCode;
  }
}
