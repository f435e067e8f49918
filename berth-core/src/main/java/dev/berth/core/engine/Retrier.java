package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.Backoff;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Calls a handler and retries what the classifier says is worth retrying: TRANSIENT until the
 * transient deadline, DEPENDENCY until the dependency deadline, each fixed at its first failure.
 * GONE is success for deletes, absence for finds, and a consistency window (like TRANSIENT) for
 * creates and updates. Errors the classifier does not know (a handler's own BerthException) are
 * fatal. A provider that cannot be reached at all is retried only until the unreachable deadline
 * (and not at all once the run gave up on it): a network that stays away is reported, not waited
 * out for minutes. A provider that says how long to wait (a rate limit's {@code Retry-After}, see
 * {@link ErrorClassifier#retryAfter}) is waited for at least that long, up to {@link
 * #MAX_RETRY_AFTER}. This is the one retry loop of calls: provider clients make one attempt each
 * (the AWS SDK's own retries are off) and every wait is on the engine's clock.
 */
final class Retrier {
  /** The longest a provider's {@code Retry-After} makes a retry wait. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

  /** A handler call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }

  /** Told before each retry. */
  @FunctionalInterface
  interface Listener {
    void retrying(String reason, int attempt, Duration delay);
  }

  private final BerthClock clock;
  private final ErrorClassifier classifier;
  private final EngineOptions options;
  private final RandomGenerator random;
  private final Listener listener;
  private final Reachability reachability;

  Retrier(
      BerthClock clock,
      ErrorClassifier classifier,
      EngineOptions options,
      RandomGenerator random,
      Listener listener,
      Reachability reachability) {
    this.clock = clock;
    this.classifier = classifier;
    this.options = options;
    this.random = random;
    this.listener = listener;
    this.reachability = reachability;
  }

  /**
   * A create or update. Before each retry, {@code recover} (may be null) is asked whether the
   * failed attempt took effect anyway, for example a create that succeeded server-side.
   */
  <T> T mutate(Call<T> call, Call<Optional<T>> recover) throws StepFailedException {
    return run(call, recover, null);
  }

  void delete(Call<Void> call) throws StepFailedException {
    delete(call, () -> {});
  }

  /** A delete; {@code onGone} is told when the provider answered that the resource is gone. */
  void delete(Call<Void> call, Runnable onGone) throws StepFailedException {
    run(
        call,
        null,
        () -> {
          onGone.run();
          return null;
        });
  }

  <T> Optional<T> find(Call<Optional<T>> call) throws StepFailedException {
    return run(call, null, Optional::empty);
  }

  private <T> T run(Call<T> call, Call<Optional<T>> recover, Supplier<T> onGone)
      throws StepFailedException {
    Instant transientDeadline = null;
    Instant dependencyDeadline = null;
    Instant unreachableSince = null;
    for (int attempt = 0; ; attempt++) {
      try {
        if (attempt > 0 && recover != null) {
          Optional<T> done = recover.run();
          if (done.isPresent()) {
            return done.get();
          }
        }
        return call.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepFailedException("interrupted", null, e);
      } catch (Cancellation.Cancelled e) {
        throw new StepFailedException(e.getMessage(), e.hint(), e);
      } catch (Exception e) {
        ErrorKind kind = kindOf(e);
        if (kind == ErrorKind.GONE && onGone != null) {
          return onGone.get();
        }
        if (kind == ErrorKind.FATAL) {
          throw failed(e, null);
        }
        Instant now = clock.instant();
        boolean dependency = kind == ErrorKind.DEPENDENCY;
        if (dependency && dependencyDeadline == null) {
          dependencyDeadline = now.plus(options.dependencyDeadline());
        } else if (!dependency && transientDeadline == null) {
          transientDeadline = now.plus(options.transientDeadline());
        }
        Instant deadline = dependency ? dependencyDeadline : transientDeadline;
        String unreachable = kind == ErrorKind.TRANSIENT ? classifier.unreachable(e) : null;
        if (unreachable != null) {
          unreachableSince = unreachableSince == null ? now : unreachableSince;
          Instant giveUp = unreachableSince.plus(options.unreachableDeadline());
          if (reachability.gaveUp(unreachable) || !now.isBefore(giveUp)) {
            reachability.giveUp(unreachable);
            throw new StepFailedException(unreachable, Reachability.hint(options), e);
          }
          deadline = giveUp.isBefore(deadline) ? giveUp : deadline;
        } else {
          unreachableSince = null;
        }
        if (!now.isBefore(deadline)) {
          throw failed(e, gaveUp(dependency));
        }
        Backoff backoff = dependency ? options.dependencyBackoff() : options.retryBackoff();
        Duration delay = delay(backoff.delay(attempt, random), classifier.retryAfter(e));
        Duration left = Duration.between(now, deadline);
        delay = delay.compareTo(left) < 0 ? delay : left;
        listener.retrying(Describe.message(classifier, e), attempt + 1, delay);
        try {
          clock.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new StepFailedException("interrupted", null, ie);
        }
      }
    }
  }

  /**
   * The backoff's delay, or the provider's {@code Retry-After} when that is longer, capped at
   * {@link #MAX_RETRY_AFTER}: the wait before the next attempt of a retryable error.
   */
  static Duration delay(Duration backoff, Optional<Duration> retryAfter) {
    if (retryAfter.isEmpty() || retryAfter.get().compareTo(backoff) <= 0) {
      return backoff;
    }
    Duration asked = retryAfter.get();
    return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
  }

  /**
   * The classifier decides first: a provider's own exceptions may be BerthExceptions (Cloudflare's
   * carry a hint) and still be transient, like a rate limit. What it does not know is fatal.
   */
  private ErrorKind kindOf(Exception e) {
    ErrorKind k = classifier.classify(e);
    return k == null ? ErrorKind.FATAL : k;
  }

  private StepFailedException failed(Exception e, String hint) {
    String h = e instanceof BerthException b ? b.hint() : hint;
    return new StepFailedException(Describe.message(classifier, e), h, e);
  }

  private String gaveUp(boolean dependency) {
    return dependency
        ? "Something still depends on it; berth waited "
            + options.dependencyDeadline().toMinutes()
            + " min. Remove what depends on it, then run the command again."
        : "The provider kept failing for "
            + options.transientDeadline().toMinutes()
            + " min; run the command again later.";
  }
}
