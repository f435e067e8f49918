package dev.berth.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's clock: tells the time and is the one place in berth that waits. Production code uses
 * {@link #system()}; tests use {@link VirtualClock} so that minutes of AWS behaviour pass in
 * milliseconds.
 */
public abstract class BerthClock extends Clock {

  /** Blocks the calling thread for {@code duration} of this clock's time. */
  public abstract void sleep(Duration duration) throws InterruptedException;

  /**
   * Marks the calling thread as one whose progress the clock waits for (a worker of the engine).
   * Virtual clocks only advance time while every registered thread is asleep. Returns a handle that
   * deregisters the thread when closed.
   */
  public Registration register() {
    return () -> {};
  }

  /**
   * Keeps a virtual clock from advancing until closed, without tying it to a thread: for handing
   * work to another thread, which registers itself and then closes the hold, so that time cannot
   * jump in between. Real clocks ignore it.
   */
  public Registration hold() {
    return () -> {};
  }

  /** Deregisters a thread registered with {@link #register()}. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  public static BerthClock system() {
    return SystemClock.INSTANCE;
  }

  private static final class SystemClock extends BerthClock {
    static final SystemClock INSTANCE = new SystemClock();

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      // The one real sleep in berth.
      Thread.sleep(Math.max(0, duration.toMillis()));
    }
  }
}
