package dev.berth.app.matrix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides when the simulated process dies: right after the {@code occurrence}-th (0-based)
 * successful call of {@code action} completes. Once it has fired, every further call, on any
 * thread, dies too, as nothing runs after a kill.
 */
final class CrashSwitch {
  private final String action;
  private final int occurrence;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private volatile boolean fired;

  CrashSwitch(String action, int occurrence) {
    this.action = action;
    this.occurrence = occurrence;
  }

  /** A switch that never fires. */
  static CrashSwitch never() {
    return new CrashSwitch(null, -1);
  }

  boolean fired() {
    return fired;
  }

  /** Before a call or a state write: the dead do nothing. */
  void checkAlive() {
    if (fired) {
      throw new SimulatedCrash("the process was killed earlier");
    }
  }

  /** After a mutating call succeeded. */
  void completed(String calledAction) {
    if (action == null || !action.equals(calledAction)) {
      return;
    }
    int n = seen.computeIfAbsent(calledAction, k -> new AtomicInteger()).getAndIncrement();
    if (n == occurrence) {
      fired = true;
      throw new SimulatedCrash("killed right after " + calledAction + " #" + (n + 1));
    }
  }
}
