package dev.berth.core.engine;

/** A wait that reached its deadline. */
public class WaitTimeoutException extends BerthException {
  public WaitTimeoutException(String message, String hint) {
    super(message, hint);
  }
}
