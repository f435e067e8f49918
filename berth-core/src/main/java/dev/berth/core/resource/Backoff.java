package dev.berth.core.resource;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter on its upper half: attempt 0 waits about {@code
 * initial}, each next attempt {@code multiplier} times longer, never more than {@code max}. Pure:
 * it computes delays and never sleeps.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /** For waits on AWS state changes: quick at first, then every 10 s at most. */
  public static final Backoff WAIT =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 1.5, 0.2);

  /** For retries of calls that failed transiently. */
  public static final Backoff RETRY =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 2, 0.5);

  public Duration delay(int attempt, RandomGenerator random) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.min(attempt, 30));
    double capped = Math.min(base, max.toMillis());
    double lo = capped * (1 - jitter);
    return Duration.ofMillis(Math.round(lo + random.nextDouble() * (capped - lo)));
  }
}
