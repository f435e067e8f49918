package dev.berth.core.engine;

import dev.berth.core.time.BerthClock;
import dev.berth.core.time.BerthClock.Registration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks in dependency order with bounded parallelism: a task starts as soon as every task it
 * requires has succeeded, not level by level. Workers register with the clock, and hand over to the
 * tasks they make ready before they deregister, so a virtual clock never jumps in between. Once
 * {@code cancelled} answers true, nothing new starts: running tasks finish, the rest is not run.
 */
final class DagRunner {

  /** What happens after a task fails. */
  enum OnFailure {
    /** Start nothing new; let running tasks finish. */
    STOP,
    /** Keep going with everything that does not require the failed task. */
    SKIP_DEPENDENTS,
    /**
     * A failed task releases what requires it like a succeeded one: requirements only order the
     * work (a sweep, where the provider itself refuses what still has dependents).
     */
    ORDER_ONLY
  }

  /** A unit of work: returns false when it failed (having reported why). */
  @FunctionalInterface
  interface Task {
    boolean run(String node);
  }

  /** What ran: {@code crash} is an Error a task threw, which stops everything like STOP. */
  record Outcome(Set<String> succeeded, Set<String> failed, Set<String> notRun, Error crash) {}

  private final BerthClock clock;
  private final int parallelism;
  private final BooleanSupplier cancelled;
  private final Object lock = new Object();

  DagRunner(BerthClock clock, int parallelism, BooleanSupplier cancelled) {
    this.clock = clock;
    this.parallelism = parallelism;
    this.cancelled = cancelled;
  }

  /**
   * @param order every node, in the order to prefer among nodes ready at the same time
   * @param requires node → the nodes that must succeed first (only finish first, with {@link
   *     OnFailure#ORDER_ONLY})
   */
  Outcome run(List<String> order, Map<String, Set<String>> requires, Task task, OnFailure policy) {
    return new Run(order, requires, task, policy).execute();
  }

  private final class Run {
    private final Task task;
    private final OnFailure policy;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, Integer> waitingFor = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final PriorityQueue<String> ready;
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final List<String> order;
    private final ExecutorService pool;
    private int running;
    private boolean stopped;
    private Error crash;

    Run(List<String> order, Map<String, Set<String>> requires, Task task, OnFailure policy) {
      this.order = order;
      this.task = task;
      this.policy = policy;
      this.ready = new PriorityQueue<>((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
      Set<String> nodes = new HashSet<>(order);
      for (int i = 0; i < order.size(); i++) {
        String n = order.get(i);
        rank.put(n, i);
        int count = 0;
        for (String r : requires.getOrDefault(n, Set.of())) {
          if (nodes.contains(r)) {
            count++;
            dependents.computeIfAbsent(r, k -> new ArrayList<>()).add(n);
          }
        }
        waitingFor.put(n, count);
      }
      order.stream().filter(n -> waitingFor.get(n) == 0).forEach(ready::add);
      AtomicInteger threads = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              Math.max(1, parallelism),
              r -> {
                Thread t = new Thread(r, "berth-worker-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }

    Outcome execute() {
      boolean interrupted = false;
      try {
        synchronized (lock) {
          // The caller is not a registered worker: hold time until every first task is handed out.
          try (Registration starting = clock.hold()) {
            dispatch();
          }
          while (running > 0 || (!stopped && !cancelled.getAsBoolean() && !ready.isEmpty())) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              interrupted = true;
              stopped = true;
            }
          }
        }
      } finally {
        pool.shutdown();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      Set<String> notRun = new LinkedHashSet<>(order);
      notRun.removeAll(succeeded);
      notRun.removeAll(failed);
      return new Outcome(succeeded, failed, notRun, crash);
    }

    /** Called holding the lock, by the caller's thread or by a registered worker. */
    private void dispatch() {
      while (!stopped && !cancelled.getAsBoolean() && running < parallelism && !ready.isEmpty()) {
        String node = ready.poll();
        running++;
        Registration hold = clock.hold();
        pool.execute(() -> work(node, hold));
      }
    }

    /** Called holding the lock: {@code node} is settled, what waited only for it is ready. */
    private void release(String node) {
      for (String d : dependents.getOrDefault(node, List.of())) {
        if (waitingFor.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }

    private void work(String node, Registration hold) {
      try (Registration r = clock.register()) {
        hold.close();
        boolean ok = false;
        Error error = null;
        try {
          ok = task.run(node);
        } catch (Error e) {
          error = e;
        } catch (RuntimeException e) {
          error = new AssertionError("task " + node + " threw instead of reporting", e);
        }
        synchronized (lock) {
          running--;
          if (error != null) {
            crash = crash == null ? error : crash;
            stopped = true;
          } else if (ok) {
            succeeded.add(node);
            release(node);
          } else {
            failed.add(node);
            stopped |= policy == OnFailure.STOP;
            if (policy == OnFailure.ORDER_ONLY) {
              release(node);
            }
          }
          dispatch();
          lock.notifyAll();
        }
      }
    }
  }
}
