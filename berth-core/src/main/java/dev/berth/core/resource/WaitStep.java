package dev.berth.core.resource;

/** The answer of one poll of a wait: done with a value, still pending (and why), or failed. */
public sealed interface WaitStep<T> {

  record Done<T>(T value) implements WaitStep<T> {}

  record Pending<T>(String reason) implements WaitStep<T> {}

  record Failed<T>(String message, String hint) implements WaitStep<T> {}

  static <T> WaitStep<T> done(T value) {
    return new Done<>(value);
  }

  static <T> WaitStep<T> pending(String reason) {
    return new Pending<>(reason);
  }

  static <T> WaitStep<T> failed(String message, String hint) {
    return new Failed<>(message, hint);
  }
}
