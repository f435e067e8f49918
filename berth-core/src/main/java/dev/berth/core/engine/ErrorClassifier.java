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
    return e -> {
      ErrorKind k = classify(e);
      return k != null ? k : other.classify(e);
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
