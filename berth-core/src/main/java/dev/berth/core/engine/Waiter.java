package dev.berth.core.engine;

import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link ResourceContext.Poll} to completion on a clock: the single implementation of
 * waiting behind {@link ResourceContext#await}. The deadline is fixed when the wait starts.
 */
public final class Waiter {
  private final BerthClock clock;
  private final ErrorClassifier classifier;
  private final RandomGenerator random;

  public Waiter(BerthClock clock, ErrorClassifier classifier, RandomGenerator random) {
    this.clock = clock;
    this.classifier = classifier;
    this.random = random;
  }

  /**
   * Polls until done; reports each pending reason to {@code progress}; throws {@link
   * WaitTimeoutException} at the deadline, {@link BerthException} when the poll fails, and rethrows
   * non-transient exceptions of the poll.
   */
  public <T> T await(
      String what,
      Duration timeout,
      Backoff backoff,
      ResourceContext.Poll<T> poll,
      Consumer<String> progress)
      throws Exception {
    Instant deadline = clock.instant().plus(timeout);
    String lastReason = null;
    for (int attempt = 0; ; attempt++) {
      WaitStep<T> step;
      try {
        step = poll.poll();
      } catch (Exception e) {
        if (classifier.classify(e) != ErrorKind.TRANSIENT) {
          throw e;
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
      if (reason != null && !reason.equals(lastReason)) {
        progress.accept(reason);
        lastReason = reason;
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw new WaitTimeoutException(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + (lastReason == null ? "" : " (last seen: " + lastReason + ")"),
            "Check the resource in the AWS console; run the command again to resume waiting.");
      }
      Duration delay = backoff.delay(attempt, random);
      Duration left = Duration.between(now, deadline);
      clock.sleep(delay.compareTo(left) < 0 ? delay : left);
    }
  }
}
