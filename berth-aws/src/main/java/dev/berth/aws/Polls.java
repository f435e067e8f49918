package dev.berth.aws;

import dev.berth.core.resource.Backoff;
import java.time.Duration;

/**
 * How often berth polls, by kind of wait. Each starts short, so a state that changes quickly is
 * seen quickly, grows by half each time, and is capped low enough that a poll lands within a few
 * seconds of the change that ends the wait (the overshoot adds straight to a deploy's time), yet
 * far below each API's rate limits. Jitter spreads the polls of parallel waits.
 */
public final class Polls {
  private Polls() {}

  /**
   * Reads right after a create, until EC2's eventual consistency (about a second) lets the new
   * resource be seen: every 250 ms at first, then at most every 2 s.
   */
  public static final Backoff VISIBLE =
      new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), 1.5, 0.2);

  /**
   * Things that take seconds (ACM publishing a validation record): every second at first, then
   * every 2 s.
   */
  public static final Backoff SECONDS =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, 0.2);

  /**
   * Things that take minutes (a load balancer provisioning, ACM issuing a certificate): every 2 s
   * at first, then every 5 s. One describe call per 5 s is far below ELBv2's and ACM's limits.
   */
  public static final Backoff MINUTES =
      new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5), 1.5, 0.2);

  /**
   * ECS rollouts and service deletion: every 2 s at first, then every 5 s, never faster at steady
   * state: ECS throttles DescribeServices polled every 2 s.
   */
  public static final Backoff ECS =
      new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5), 1.5, 0.1);
}
