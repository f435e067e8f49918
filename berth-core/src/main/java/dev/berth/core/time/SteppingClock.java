package dev.berth.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock for single-threaded tests: {@link #sleep} returns at once after moving time forward by
 * the duration. For concurrent work use the engine's virtual clock.
 */
public final class SteppingClock extends BerthClock {
  private Instant now;

  public SteppingClock(Instant start) {
    this.now = start;
  }

  public SteppingClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    now = now.plus(duration);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }
}
