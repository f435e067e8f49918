package dev.berth.core.engine;

/** A provider error of a known kind, as {@link FakeCloud} raises them. */
final class FakeError extends RuntimeException {
  final ErrorKind kind;

  FakeError(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** The classifier for fake errors. */
  static final ErrorClassifier CLASSIFIER =
      new ErrorClassifier() {
        @Override
        public ErrorKind classify(Throwable e) {
          return e instanceof FakeError f ? f.kind : null;
        }

        @Override
        public String describe(Throwable e) {
          return e instanceof FakeError f ? "Fake " + f.kind + ": " + f.getMessage() : null;
        }
      };
}
