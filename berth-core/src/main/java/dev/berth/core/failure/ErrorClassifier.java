package dev.berth.core.failure;

import java.time.Duration;
import java.util.Optional;

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

      @Override
      public Optional<Duration> retryAfter(Throwable e) {
        Optional<Duration> d = first.retryAfter(e);
        return d.isPresent() ? d : other.retryAfter(e);
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

  /**
   * How long the provider asked the caller to wait before trying {@code error}'s call again (for
   * example an HTTP {@code Retry-After} header on a rate limit), or empty. The engine waits at
   * least this long, capped, on its own clock, before the next attempt of a retryable error.
   */
  default Optional<Duration> retryAfter(Throwable error) {
    return Optional.empty();
  }
}
