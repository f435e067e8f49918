package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.graph.Values;
import dev.berth.core.plan.Action;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import dev.berth.core.sweep.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out steps: records the intent in the state, calls the handler through the retrier,
 * records the result, and reports events and failures.
 */
final class StepExecutor {
  enum Phase {
    APPLY,
    ROLLBACK,
    DESTROY
  }

  private final Engine engine;
  private final StateLedger ledger;
  private final DesiredGraph desired;
  private final Phase phase;
  private final List<Failure> failures;
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> updated = ConcurrentHashMap.newKeySet();
  private final Settling settling;
  private final Reachability reachability;
  private final Map<String, Owner> owners;
  private final Set<String> gone = ConcurrentHashMap.newKeySet();

  StepExecutor(Engine engine, StateLedger ledger, DesiredGraph desired, Phase phase) {
    this(engine, ledger, desired, phase, Map.of());
  }

  /**
   * @param owners for resources no state made (a sweep), by state key: the marks each handler's
   *     context carries instead of the state's stack and lineage and the key's logical id
   */
  StepExecutor(
      Engine engine,
      StateLedger ledger,
      DesiredGraph desired,
      Phase phase,
      Map<String, Owner> owners) {
    this(
        engine,
        ledger,
        desired,
        phase,
        Collections.synchronizedList(new ArrayList<>()),
        new Reachability(),
        owners);
  }

  private StepExecutor(
      Engine engine,
      StateLedger ledger,
      DesiredGraph desired,
      Phase phase,
      List<Failure> failures,
      Reachability reachability,
      Map<String, Owner> owners) {
    this.reachability = reachability;
    this.owners = Map.copyOf(owners);
    this.engine = engine;
    this.ledger = ledger;
    this.desired = desired;
    this.phase = phase;
    this.failures = failures;
    this.settling = new Settling(engine.clock, engine.options().consistencyWindow());
  }

  /** StepExecutor of another phase of the same run, adding to the same failures. */
  StepExecutor inPhase(Phase p) {
    return new StepExecutor(engine, ledger, desired, p, failures, reachability, owners);
  }

  boolean cancelled() {
    return engine.cancelled();
  }

  /** The providers this run gave up reaching. */
  Reachability reachability() {
    return reachability;
  }

  List<Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** State keys this run created (not adopted). */
  Set<String> created() {
    return Set.copyOf(created);
  }

  /** State keys this run updated in place. */
  Set<String> updated() {
    return Set.copyOf(updated);
  }

  /** State keys whose delete found the resource already gone. */
  Set<String> gone() {
    return Set.copyOf(gone);
  }

  /** True while the state cannot be written: no step starts. */
  boolean halted() {
    return ledger.failing();
  }

  void reportNotRun(Step s, String why) {
    ResourceState rs = ledger.get(s.key()).orElse(null);
    if (rs != null) {
      failures.add(new Failure(s.key(), rs.type(), s.action(), why, null));
    }
  }

  private StepScope scope(String key, String type, Action action) {
    Owner owner = owners.get(key);
    if (owner != null) {
      return new StepScope(
          engine,
          owner.stack(),
          owner.lineage(),
          owner.logicalId(),
          key,
          type,
          action,
          phase,
          failures,
          reachability);
    }
    State st = ledger.current();
    return new StepScope(
        engine, st.stack(), st.lineage(), key, type, action, phase, failures, reachability);
  }

  /**
   * Runs {@code s}, unless the state cannot be written: then it is not started, since its intent
   * could not be recorded before the call. It is not counted as a failure of its own; the run's
   * result names the state's.
   */
  boolean run(Step s) {
    if (halted()) {
      return false;
    }
    return switch (s.kind()) {
      case CREATE -> create(s);
      case UPDATE -> update(s);
      case DELETE -> delete(s);
    };
  }

  private boolean create(Step s) {
    Resource r = desired.resource(s.key());
    StepScope sc = scope(s.key(), r.type(), s.action());
    try {
      ResourceHandler h = engine.handler(r.type());
      Map<String, Object> props = Outputs.resolve(r, ledger.current());
      ResourceState existing = ledger.get(r.id()).orElse(null);
      if (existing != null && existing.status() == Status.CREATING) {
        Optional<Observed> found = sc.retrier.find(() -> h.find(sc.ctx, existing.properties()));
        if (found.isPresent()) {
          sc.ctx.progress("found the resource an interrupted run created");
          adopt(sc, h, r, existing, found.get(), props);
          return sc.done();
        }
      }
      ResourceState intent = entry(r, Status.CREATING, null, props, Map.of());
      if (s.moveAside() && existing != null && existing.status() != Status.CREATING) {
        String old = r.id() + ResourceState.OLD_SUFFIX;
        ledger.change(st -> st.without(r.id()).with(existing.withId(old)).with(intent));
      } else {
        ledger.put(intent);
      }
      created.add(r.id());
      Observed o = sc.retrier.mutate(() -> h.create(sc.ctx, props), () -> recover(sc, h, props));
      ledger.put(entry(r, Status.CREATED, o.physicalId(), props, o.outputs()));
      return sc.done();
    } catch (StepFailedException e) {
      return sc.failed(e, false);
    } catch (RuntimeException e) {
      return sc.failed(e, false);
    }
  }

  /**
   * Records a found resource, then brings it to the desired properties. What the handler observed
   * of it counts over the recorded intent: a create interrupted between two calls leaves a resource
   * half made (a gateway not yet attached, a group without its rules), and an update completes it.
   * Only a change of the desired properties since the intent can force a replacement.
   */
  private void adopt(
      StepScope sc,
      ResourceHandler h,
      Resource r,
      ResourceState existing,
      Observed found,
      Map<String, Object> props)
      throws StepFailedException {
    Map<String, Object> actual = new LinkedHashMap<>(existing.properties());
    actual.putAll(found.properties());
    if (asDesired(actual, props)) {
      // Recorded only once usable: if the wait fails, the next run finds it and waits again.
      Observed ready = sc.retrier.mutate(() -> h.awaitReady(sc.ctx, found, props), null);
      ledger.put(entry(r, Status.CREATED, ready.physicalId(), props, ready.outputs()));
      return;
    }
    ResourceState adopted = entry(r, Status.CREATED, found.physicalId(), actual, found.outputs());
    ledger.put(adopted);
    ResourceType type = h.type();
    boolean replace =
        type.replaceOn().stream()
            .anyMatch(k -> !Values.equal(existing.properties().get(k), props.get(k)));
    if (!replace) {
      sc.ctx.progress("completing the resource an interrupted run left half made");
      updateInPlace(sc, h, r, adopted, props);
      return;
    }
    ledger.put(adopted.withStatus(Status.DELETING, now()));
    sc.retrier.delete(
        () -> {
          h.delete(sc.ctx, adopted.physicalId(), adopted.properties(), adopted.outputs());
          return null;
        });
    ledger.put(entry(r, Status.CREATING, null, props, Map.of()));
    created.add(r.id());
    Observed o = sc.retrier.mutate(() -> h.create(sc.ctx, props), () -> recover(sc, h, props));
    ledger.put(entry(r, Status.CREATED, o.physicalId(), props, o.outputs()));
  }

  /**
   * Before a create is tried again: the resource the failed attempt made anyway, completed like an
   * adopted one, or empty.
   */
  private static Optional<Observed> recover(
      StepScope sc, ResourceHandler h, Map<String, Object> props) throws Exception {
    Optional<Observed> found = h.find(sc.ctx, props);
    if (found.isEmpty()) {
      return found;
    }
    Observed f = found.get();
    Map<String, Object> actual = new LinkedHashMap<>(props);
    actual.putAll(f.properties());
    if (asDesired(actual, props) || !h.updatesInPlace()) {
      // A replace-only type cannot be corrected in place: the next refresh sees what differs.
      return Optional.of(h.awaitReady(sc.ctx, f, props));
    }
    Observed o = h.update(sc.ctx, f.physicalId(), actual, props, f.outputs());
    String id = o.physicalId() != null ? o.physicalId() : f.physicalId();
    return Optional.of(new Observed(id, o.outputs(), o.properties(), o.status()));
  }

  private static boolean asDesired(Map<String, Object> actual, Map<String, Object> props) {
    return props.keySet().stream().allMatch(k -> Values.equal(actual.get(k), props.get(k)));
  }

  private boolean update(Step s) {
    Resource r = desired.resource(s.key());
    StepScope sc = scope(s.key(), r.type(), s.action());
    try {
      ResourceHandler h = engine.handler(r.type());
      ResourceState existing = ledger.get(r.id()).orElseThrow();
      updateInPlace(sc, h, r, existing, Outputs.resolve(r, ledger.current()));
      return sc.done();
    } catch (StepFailedException e) {
      return sc.failed(e, false);
    } catch (RuntimeException e) {
      return sc.failed(e, false);
    }
  }

  private void updateInPlace(
      StepScope sc,
      ResourceHandler h,
      Resource r,
      ResourceState existing,
      Map<String, Object> props)
      throws StepFailedException {
    ledger.put(existing.withStatus(Status.UPDATING, now()));
    Observed o =
        sc.retrier.mutate(
            () ->
                h.updatesInPlace()
                    ? h.update(
                        sc.ctx,
                        existing.physicalId(),
                        existing.properties(),
                        props,
                        existing.outputs())
                    // Replace-only: nothing to change in place (an interrupted update, or one
                    // whose properties are as desired); take the resource as it reads.
                    : h.read(sc.ctx, existing.physicalId(), props)
                        .orElse(Observed.of(existing.physicalId(), existing.outputs())),
            null);
    String id = o.physicalId() != null ? o.physicalId() : existing.physicalId();
    ledger.put(entry(r, Status.CREATED, id, props, o.outputs()));
    updated.add(r.id());
  }

  private boolean delete(Step s) {
    ResourceState rs = ledger.get(s.key()).orElse(null);
    if (rs == null) {
      return true;
    }
    StepScope sc = scope(s.key(), rs.type(), s.action());
    try {
      ResourceHandler h = engine.handler(rs.type());
      if (h.type().retain()) {
        sc.ctx.progress("kept: berth never deletes this type, only forgets it");
        ledger.remove(s.key());
        return sc.deleted();
      }
      String physicalId = rs.physicalId();
      Map<String, String> outputs = rs.outputs();
      // Made moments ago: until reads have settled, the handler could take it for gone.
      settling.await(sc, rs);
      if (physicalId == null) {
        Optional<Observed> found = sc.retrier.find(() -> h.find(sc.ctx, rs.properties()));
        if (found.isEmpty()) {
          ledger.remove(s.key());
          return sc.done(); // only an intent was recorded: nothing to roll back
        }
        physicalId = found.get().physicalId();
        outputs = found.get().outputs();
      }
      ResourceState deleting =
          new ResourceState(
              rs.id(),
              rs.type(),
              Status.DELETING,
              physicalId,
              rs.properties(),
              outputs,
              rs.dependsOn(),
              now(),
              null);
      ledger.put(deleting);
      sc.retrier.delete(
          () -> {
            h.delete(sc.ctx, deleting.physicalId(), deleting.properties(), deleting.outputs());
            return null;
          },
          () -> {
            gone.add(s.key());
            if (owners.containsKey(s.key())) {
              sc.ctx.progress(Engine.ALREADY_GONE);
            }
          });
      ledger.remove(s.key());
      return sc.deleted();
    } catch (StepFailedException e) {
      return deleteFailed(sc, s.key(), e.getMessage(), e.hint(), e.getCause());
    } catch (RuntimeException e) {
      return deleteFailed(sc, s.key(), Describe.message(engine.classifier, e), hintOf(e), e);
    }
  }

  private boolean deleteFailed(
      StepScope sc, String key, String message, String hint, Throwable cause) {
    try {
      ledger
          .get(key)
          .ifPresent(cur -> ledger.put(cur.withError(Status.DELETE_FAILED, message, now())));
    } catch (RuntimeException e) {
      // The in-memory state has it; the next successful save records it.
    }
    return sc.failed(message, hint, cause, true);
  }

  private static String hintOf(Throwable e) {
    return e instanceof BerthException b ? b.hint() : null;
  }

  private ResourceState entry(
      Resource r,
      Status status,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    return new ResourceState(
        r.id(),
        r.type(),
        status,
        physicalId,
        props,
        outputs,
        desired.dependenciesOf(r.id()),
        now(),
        null);
  }

  private Instant now() {
    return engine.clock.instant();
  }
}
