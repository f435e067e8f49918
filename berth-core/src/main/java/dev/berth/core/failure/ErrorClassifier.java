package dev.berth.core.failure;

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

      @Override
      public String unreachable(Throwable e) {
        String u = first.unreachable(e);
        return u != null ? u : other.unreachable(e);
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

  /**
   * If {@code error} means the provider could not be reached at all (connection refused, unknown
   * host, connect timeout), what could not be reached and why, for example {@code the AWS endpoint
   * http://127.0.0.1:1 could not be reached: connection refused}; otherwise null. Such errors are
   * also {@link ErrorKind#TRANSIENT}, but the engine retries them only for {@code
   * EngineOptions#unreachableDeadline()}: a network that stays away is reported, not waited out.
   */
  default String unreachable(Throwable error) {
    return null;
  }
}
