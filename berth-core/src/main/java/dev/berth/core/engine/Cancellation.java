package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A request to stop a run early, which the caller may make from any thread (a signal handler, a
 * timeout). Once {@link #cancel() cancelled}, the engine starts no new step, lets calls already
 * made finish and records their results, ends waits and retry pauses at once, and does not roll
 * back: everything made so far stays recorded, so the next apply continues and a destroy removes
 * it.
 */
public final class Cancellation {
  private final Set<Thread> sleeping = new HashSet<>();
  private boolean cancelled;

  /** Asks the run to stop; threads asleep on the run's clock wake with {@link Cancelled}. */
  public synchronized void cancel() {
    if (!cancelled) {
      cancelled = true;
      sleeping.forEach(Thread::interrupt);
    }
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Thrown by the run's clock instead of sleeping once the run is cancelled. */
  public static final class Cancelled extends BerthException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("stopped early: the run was cancelled while this was waiting", null);
    }
  }

  /**
   * {@code clock}, whose sleeps end with {@link Cancelled} once this is cancelled. Only sleeping
   * threads are interrupted, never one inside a provider call, so a call made is always answered.
   */
  BerthClock guard(BerthClock clock) {
    return new BerthClock() {
      @Override
      public Instant instant() {
        return clock.instant();
      }

      @Override
      public Registration register() {
        return clock.register();
      }

      @Override
      public Registration hold() {
        return clock.hold();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        Thread t = Thread.currentThread();
        synchronized (Cancellation.this) {
          if (cancelled) {
            throw new Cancelled();
          }
          sleeping.add(t);
        }
        try {
          clock.sleep(duration);
        } catch (InterruptedException e) {
          if (!isCancelled()) {
            throw e;
          }
        } finally {
          synchronized (Cancellation.this) {
            sleeping.remove(t);
            if (cancelled) {
              // The interrupt meant "cancelled"; it must not reach the state store's file I/O.
              Thread.interrupted();
            }
          }
        }
        if (isCancelled()) {
          throw new Cancelled();
        }
      }
    };
  }
}
