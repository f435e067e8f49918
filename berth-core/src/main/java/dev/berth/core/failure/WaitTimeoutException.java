package dev.berth.core.failure;

/** A wait that reached its deadline. */
public class WaitTimeoutException extends BerthException {
  public WaitTimeoutException(String message, String hint) {
    super(message, hint);
  }
}
