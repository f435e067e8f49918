package dev.berth.core.engine;

/**
 * Classifies a provider's errors, in one place per provider. Providers are combined with {@link
 * #or}: the first classifier that recognises the error decides.
 */
@FunctionalInterface
public interface ErrorClassifier {

  /** The kind of {@code error}, or null if this classifier does not know it. */
  ErrorKind classify(Throwable error);

  default ErrorClassifier or(ErrorClassifier other) {
    ErrorClassifier first = this;
    return new ErrorClassifier() {
      @Override
      public ErrorKind classify(Throwable e) {
        ErrorKind k = first.classify(e);
        return k != null ? k : other.classify(e);
      }

      @Override
      public String describe(Throwable e) {
        String d = first.describe(e);
        return d != null ? d : other.describe(e);
      }
    };
  }

  /**
   * A short, secret-free description of a provider error for messages: service, error code and
   * message, for example {@code EC2 DependencyViolation: resource sg-123 has a dependent object}.
   * Null if unknown.
   */
  default String describe(Throwable error) {
    return null;
  }
}
