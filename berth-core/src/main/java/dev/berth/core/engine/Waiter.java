package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link ResourceContext.Poll} to completion on a clock: the single implementation of
 * waiting behind {@link ResourceContext#await}. The deadline is fixed when the wait starts. A wait
 * reports what it waits for when that changes and at least every {@link #HEARTBEAT}, with the time
 * waited, so a long wait is never silent. A poll that failed with a provider's {@code Retry-After}
 * waits at least that long (capped as the engine's retries are) before the next poll.
 */
public final class Waiter {
  /** The longest a wait goes without reporting progress. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private final BerthClock clock;
  private final ErrorClassifier classifier;
  private final RandomGenerator random;
  private final Duration unreachableDeadline;
  private final Reachability reachability;

  public Waiter(BerthClock clock, ErrorClassifier classifier, RandomGenerator random) {
    this(clock, classifier, random, EngineOptions.UNREACHABLE_DEADLINE, new Reachability());
  }

  /**
   * @param unreachableDeadline how long polls may keep failing to reach the provider before the
   *     wait ends with that error
   * @param reachability what the run already gave up reaching: such polls end the wait at once
   */
  public Waiter(
      BerthClock clock,
      ErrorClassifier classifier,
      RandomGenerator random,
      Duration unreachableDeadline,
      Reachability reachability) {
    this.clock = clock;
    this.classifier = classifier;
    this.random = random;
    this.unreachableDeadline = unreachableDeadline;
    this.reachability = reachability;
  }

  /**
   * Polls until done; reports each pending reason to {@code progress}; throws {@link
   * WaitTimeoutException} at the deadline, {@link BerthException} when the poll fails, and rethrows
   * non-transient exceptions of the poll, and those that could not reach the provider for the
   * unreachable deadline.
   */
  public <T> T await(
      String what,
      Duration timeout,
      Backoff backoff,
      ResourceContext.Poll<T> poll,
      Consumer<String> progress)
      throws Exception {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    String lastReason = null;
    Instant lastReported = start;
    Instant unreachableSince = null;
    for (int attempt = 0; ; attempt++) {
      WaitStep<T> step;
      Optional<Duration> retryAfter = Optional.empty();
      try {
        step = poll.poll();
        unreachableSince = null;
      } catch (Exception e) {
        retryAfter = classifier.retryAfter(e);
        if (classifier.classify(e) != ErrorKind.TRANSIENT) {
          throw e;
        }
        String unreachable = classifier.unreachable(e);
        if (unreachable != null) {
          Instant now = clock.instant();
          unreachableSince = unreachableSince == null ? now : unreachableSince;
          if (reachability.gaveUp(unreachable)
              || !now.isBefore(unreachableSince.plus(unreachableDeadline))) {
            reachability.giveUp(unreachable);
            throw e;
          }
        } else {
          unreachableSince = null;
        }
        String d = classifier.describe(e);
        step = WaitStep.pending(d != null ? d : e.getClass().getSimpleName());
      }
      if (step instanceof WaitStep.Done<T> done) {
        return done.value();
      }
      if (step instanceof WaitStep.Failed<T> failed) {
        throw new BerthException(what + " failed: " + failed.message(), failed.hint());
      }
      String reason = ((WaitStep.Pending<T>) step).reason();
      Instant now = clock.instant();
      if (reason != null && !reason.equals(lastReason)) {
        progress.accept(reason);
        lastReason = reason;
        lastReported = now;
      } else if (!now.isBefore(lastReported.plus(HEARTBEAT))) {
        progress.accept(heartbeat(what, lastReason, start, timeout));
        lastReported = now;
      }
      if (!now.isBefore(deadline)) {
        throw new WaitTimeoutException(what, timeout, lastReason);
      }
      Duration delay = Retrier.delay(backoff.delay(attempt, random), retryAfter);
      Instant until = deadline;
      if (unreachableSince != null && unreachableSince.plus(unreachableDeadline).isBefore(until)) {
        until = unreachableSince.plus(unreachableDeadline);
      }
      Duration left = Duration.between(now, until);
      delay = delay.compareTo(left) < 0 ? delay : left;
      Duration untilHeartbeat = Duration.between(now, lastReported.plus(HEARTBEAT));
      if (delay.compareTo(untilHeartbeat) > 0) {
        // Report on time even between slow polls, without polling more often.
        clock.sleep(untilHeartbeat);
        progress.accept(heartbeat(what, lastReason, start, timeout));
        lastReported = clock.instant();
        delay = delay.minus(untilHeartbeat);
      }
      clock.sleep(delay);
    }
  }

  private String heartbeat(String what, String lastReason, Instant start, Duration timeout) {
    return (lastReason == null ? what : lastReason)
        + " (waited "
        + minutes(Duration.between(start, clock.instant()))
        + " of at most "
        + minutes(timeout)
        + ")";
  }

  /** {@code 45 s}, {@code 2 min 30 s}, {@code 15 min}. */
  static String minutes(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    return s % 60 == 0 ? (s / 60) + " min" : (s / 60) + " min " + (s % 60) + " s";
  }
}
