package dev.berth.core.failure;

import java.time.Duration;

/** A wait that reached its deadline. */
public class WaitTimeoutException extends BerthException {
  private final String what;
  private final Duration timeout;
  private final String lastSeen;

  /** A handler's own timeout, with its own message and advice. */
  public WaitTimeoutException(String message, String hint) {
    super(message, hint);
    this.what = null;
    this.timeout = null;
    this.lastSeen = null;
  }

  /**
   * The engine's timeout of a wait for {@code what} after {@code timeout}; {@code lastSeen} is the
   * last reason the poll gave, or null.
   */
  public WaitTimeoutException(String what, Duration timeout, String lastSeen) {
    super(
        "Timed out after "
            + timeout.toSeconds()
            + " s waiting for "
            + what
            + (lastSeen == null ? "" : " (last seen: " + lastSeen + ")"),
        "It may still get there: run the command again to resume waiting.");
    this.what = what;
    this.timeout = timeout;
    this.lastSeen = lastSeen;
  }

  /** What was waited for; null for a handler's own timeout. */
  public String what() {
    return what;
  }

  /** How long it was waited for; null for a handler's own timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** The last reason the wait gave, or null. */
  public String lastSeen() {
    return lastSeen;
  }
}
