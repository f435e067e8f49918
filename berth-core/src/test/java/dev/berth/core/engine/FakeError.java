package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;

/** A provider error of a known kind, as {@link FakeCloud} raises them. */
final class FakeError extends RuntimeException {
  final ErrorKind kind;

  FakeError(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** A provider's error that is also a BerthException (with a hint), as Cloudflare's are. */
  static final class WithHint extends BerthException {
    private static final long serialVersionUID = 1L;
    final ErrorKind kind;

    WithHint(ErrorKind kind, String message) {
      super(message, "wait and run again");
      this.kind = kind;
    }
  }

  /** A provider that could not be reached at all, as a refused connection is. */
  static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable() {
      super("connection refused");
    }
  }

  static final String UNREACHABLE = "the fake endpoint http://fake:1 could not be reached";

  /** The classifier for fake errors. */
  static final ErrorClassifier CLASSIFIER =
      new ErrorClassifier() {
        @Override
        public ErrorKind classify(Throwable e) {
          if (e instanceof WithHint w) {
            return w.kind;
          }
          if (e instanceof Unreachable) {
            return ErrorKind.TRANSIENT;
          }
          return e instanceof FakeError f ? f.kind : null;
        }

        @Override
        public String describe(Throwable e) {
          return e instanceof FakeError f ? "Fake " + f.kind + ": " + f.getMessage() : null;
        }

        @Override
        public String unreachable(Throwable e) {
          return e instanceof Unreachable ? UNREACHABLE + ": connection refused" : null;
        }
      };
}
