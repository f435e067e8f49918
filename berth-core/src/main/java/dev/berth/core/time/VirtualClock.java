package dev.berth.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A discrete-event clock for concurrent tests: virtual time advances only when no registered
 * participant is awake, and then jumps straight to the earliest wake-up.
 *
 * <p>Participants are threads that called {@link #register()} and {@link #hold() holds}. A
 * registered thread is awake unless it is inside {@link #sleep}; one that blocks on anything else
 * (I/O, a lock) is awake, so time stands still until it moves on, as it should.
 *
 * <p>Unregistered threads never hold time back: their {@code sleep} waits until time reaches its
 * wake-up like any other sleeper, which, when no registered thread is awake, is at once (the same
 * as {@link SteppingClock}); time may then already be past their wake-up. Sleepers due at the same
 * instant wake together; the clock marks them awake before any of them runs, so time cannot move
 * again until each has slept or finished.
 */
public final class VirtualClock extends BerthClock {
  private final Map<Thread, Integer> registered = new HashMap<>();
  private final PriorityQueue<Sleeper> sleepers = new PriorityQueue<>();
  private Instant now;
  private int awake;
  private long sequence;

  public VirtualClock(Instant start) {
    this.now = start;
  }

  public VirtualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized Registration register() {
    Thread t = Thread.currentThread();
    if (registered.merge(t, 1, Integer::sum) == 1) {
      awake++;
    }
    return once(
        () -> {
          if (registered.merge(t, -1, Integer::sum) == 0) {
            registered.remove(t);
            awake--;
            advanceIfIdle();
          }
        });
  }

  @Override
  public synchronized Registration hold() {
    awake++;
    return once(
        () -> {
          awake--;
          advanceIfIdle();
        });
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    synchronized (this) {
      boolean participant = registered.containsKey(Thread.currentThread());
      Sleeper s = new Sleeper(now.plus(duration), sequence++, participant);
      sleepers.add(s);
      if (participant) {
        awake--;
      }
      advanceIfIdle();
      try {
        while (!s.woken) {
          wait();
        }
      } catch (InterruptedException e) {
        if (!s.woken) {
          sleepers.remove(s);
          if (participant) {
            awake++;
          }
        }
        throw e;
      }
    }
  }

  /** Moves time forward by hand, waking every sleeper due by then. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
    wakeDue();
  }

  /** Blocks until at least {@code count} threads are asleep on this clock (for tests). */
  public synchronized void awaitSleepers(int count) throws InterruptedException {
    while (sleepers.size() < count) {
      wait();
    }
  }

  /** The number of threads asleep on this clock. */
  public synchronized int sleeping() {
    return sleepers.size();
  }

  private void advanceIfIdle() {
    // Loops because waking only unregistered sleepers leaves nobody awake to move time on.
    while (awake == 0 && !sleepers.isEmpty()) {
      Instant next = sleepers.peek().wakeAt;
      if (next.isAfter(now)) {
        now = next;
      }
      wakeDue();
    }
    notifyAll();
  }

  private void wakeDue() {
    while (!sleepers.isEmpty() && !sleepers.peek().wakeAt.isAfter(now)) {
      Sleeper s = sleepers.poll();
      s.woken = true;
      if (s.participant) {
        awake++;
      }
    }
    notifyAll();
  }

  private Registration once(Runnable release) {
    boolean[] closed = {false};
    return () -> {
      synchronized (VirtualClock.this) {
        if (!closed[0]) {
          closed[0] = true;
          release.run();
        }
      }
    };
  }

  private static final class Sleeper implements Comparable<Sleeper> {
    final Instant wakeAt;
    final long seq;
    final boolean participant;
    boolean woken;

    Sleeper(Instant wakeAt, long seq, boolean participant) {
      this.wakeAt = wakeAt;
      this.seq = seq;
      this.participant = participant;
    }

    @Override
    public int compareTo(Sleeper o) {
      int c = wakeAt.compareTo(o.wakeAt);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
