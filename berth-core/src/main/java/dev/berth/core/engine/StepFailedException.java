package dev.berth.core.engine;

/** A resource step that failed for good: classified, described, retries exhausted. Internal. */
final class StepFailedException extends Exception {
  private final String hint;

  StepFailedException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  String hint() {
    return hint;
  }
}
