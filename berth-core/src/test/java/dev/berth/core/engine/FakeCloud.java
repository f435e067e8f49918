package dev.berth.core.engine;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A pretend provider shared by {@link FakeHandler}s: keeps live resources, logs every call with
 * virtual timestamps and a global sequence, and injects latency and faults per call.
 */
final class FakeCloud {

  /** A live resource. */
  record Thing(String physicalId, String type, String logicalId, Map<String, Object> props) {}

  /** One finished call: {@code outcome} is {@code ok} or the error. */
  record Call(
      String op,
      String id,
      Instant start,
      Instant end,
      long startSeq,
      long endSeq,
      String outcome) {
    boolean ok() {
      return outcome.equals("ok");
    }
  }

  private record Fault(
      Supplier<RuntimeException> error, int skip, int times, boolean afterEffect) {}

  private final BerthClock clock;
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, Thing> live = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Duration> latency = new LinkedHashMap<>();
  private final Map<String, List<Fault>> faults = new LinkedHashMap<>();
  private final Map<String, Integer> callCounts = new LinkedHashMap<>();
  private int nextId;

  FakeCloud(BerthClock clock) {
    this.clock = clock;
  }

  // ---- configuration

  /** Every {@code op} on {@code id} ("*" for any) takes {@code d} of virtual time. */
  synchronized FakeCloud takes(String op, String id, Duration d) {
    latency.put(op + ":" + id, d);
    return this;
  }

  /** Every {@code op} on {@code id} fails with {@code kind}. */
  synchronized FakeCloud fail(String op, String id, ErrorKind kind) {
    return fault(op, id, () -> new FakeError(kind, op + " " + id + " refused"), 0, -1, false);
  }

  /** The {@code k}-th (1-based) {@code op} on {@code id} fails with {@code kind}. */
  synchronized FakeCloud failCall(String op, String id, int k, ErrorKind kind) {
    return fault(op, id, () -> new FakeError(kind, op + " " + id + " refused"), k - 1, 1, false);
  }

  /** The first {@code n} calls of {@code op} on {@code id} fail with {@code kind}. */
  synchronized FakeCloud failTimes(String op, String id, ErrorKind kind, int n) {
    return fault(op, id, () -> new FakeError(kind, op + " " + id + " flaked"), 0, n, false);
  }

  /** Like {@link #failTimes}, with a provider error that is also a BerthException. */
  synchronized FakeCloud failTimesWithHint(String op, String id, ErrorKind kind, int n) {
    return fault(
        op, id, () -> new FakeError.WithHint(kind, op + " " + id + " rate limited"), 0, n, false);
  }

  /** The first {@code n} calls of {@code op} on {@code id} cannot reach the cloud (-1: all). */
  synchronized FakeCloud unreachableTimes(String op, String id, int n) {
    return fault(op, id, FakeError.Unreachable::new, 0, n, false);
  }

  /** The next {@code op} on {@code id} takes effect, then reports {@code kind} anyway. */
  synchronized FakeCloud failAfterEffect(String op, String id, ErrorKind kind) {
    return fault(op, id, () -> new FakeError(kind, op + " " + id + " timed out"), 0, 1, true);
  }

  /** The next {@code op} on {@code id} takes effect, then the process "dies". */
  synchronized FakeCloud crashAfterEffect(String op, String id) {
    return fault(op, id, () -> null, 0, 1, true);
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  private FakeCloud fault(
      String op, String id, Supplier<RuntimeException> e, int skip, int times, boolean after) {
    faults
        .computeIfAbsent(op + ":" + id, k -> new ArrayList<>())
        .add(new Fault(e, skip, times, after));
    return this;
  }

  // ---- inspection

  synchronized Map<String, Thing> live() {
    return new LinkedHashMap<>(live);
  }

  synchronized List<String> liveIds() {
    return live.values().stream().map(Thing::logicalId).sorted().toList();
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<Call> calls(String op) {
    return calls.stream().filter(c -> c.op().equals(op)).toList();
  }

  synchronized Optional<Call> last(String op, String id) {
    Call found = null;
    for (Call c : calls) {
      if (c.op().equals(op) && c.id().equals(id)) {
        found = c;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Removes a resource behind berth's back. */
  synchronized void removeOutside(String logicalId) {
    live.values().removeIf(t -> t.logicalId().equals(logicalId));
  }

  // ---- the provider

  /** Runs one call: waits its latency, then applies faults and {@code effect}. */
  <T> T call(String op, String id, Effect<T> effect) throws InterruptedException {
    Instant start = clock.instant();
    long startSeq = seq.incrementAndGet();
    Fault fault;
    Duration d;
    synchronized (this) {
      int n = callCounts.merge(op + ":" + id, 1, Integer::sum);
      fault = pickFault(op + ":" + id, n);
      d = latency.getOrDefault(op + ":" + id, latency.getOrDefault(op + ":*", Duration.ZERO));
    }
    clock.sleep(d);
    String outcome = "ok";
    try {
      if (fault != null && !fault.afterEffect()) {
        throw fault.error().get();
      }
      T result;
      synchronized (this) {
        result = effect.apply();
      }
      if (fault != null) {
        RuntimeException e = fault.error().get();
        if (e == null) {
          outcome = "crash";
          throw new FakeCrash(op + " " + id);
        }
        throw e;
      }
      return result;
    } catch (RuntimeException e) {
      outcome = e.getMessage();
      throw e;
    } finally {
      synchronized (this) {
        calls.add(
            new Call(op, id, start, clock.instant(), startSeq, seq.incrementAndGet(), outcome));
      }
    }
  }

  private Fault pickFault(String key, int callNumber) {
    List<Fault> list = faults.getOrDefault(key, List.of());
    for (int i = 0; i < list.size(); i++) {
      Fault f = list.get(i);
      if (callNumber <= f.skip()) {
        continue;
      }
      if (f.times() == 0) {
        continue;
      }
      if (f.times() > 0) {
        list.set(i, new Fault(f.error(), f.skip(), f.times() - 1, f.afterEffect()));
      }
      return f;
    }
    return null;
  }

  /** Called holding the cloud's lock. */
  @FunctionalInterface
  interface Effect<T> {
    T apply();
  }

  // ---- effects, called inside call(...)

  Thing put(String type, String logicalId, Map<String, Object> props) {
    String id = type.substring(type.lastIndexOf('.') + 1) + "-" + (++nextId);
    Thing t = new Thing(id, type, logicalId, props);
    live.put(id, t);
    return t;
  }

  Thing replaceProps(String physicalId, Map<String, Object> props) {
    Thing old = live.get(physicalId);
    if (old == null) {
      throw new FakeError(ErrorKind.GONE, physicalId + " not found");
    }
    Thing t = new Thing(physicalId, old.type(), old.logicalId(), props);
    live.put(physicalId, t);
    return t;
  }

  void remove(String physicalId) {
    if (live.remove(physicalId) == null) {
      throw new FakeError(ErrorKind.GONE, physicalId + " not found");
    }
  }

  Optional<Thing> byPhysicalId(String physicalId) {
    return Optional.ofNullable(live.get(physicalId));
  }

  Optional<Thing> byLogicalId(String type, String logicalId) {
    return live.values().stream()
        .filter(t -> t.type().equals(type) && t.logicalId().equals(logicalId))
        .findFirst();
  }
}
