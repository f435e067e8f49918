package dev.berth.app.sweep;

import dev.berth.core.engine.DestroyResult;
import dev.berth.core.engine.Engine;
import dev.berth.core.engine.EngineEvent;
import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.Failure;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.state.InMemoryStateStore;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep found, as a state the engine's destroy deletes: one entry per resource, under a key
 * of its own (two found resources may share a logical id, a route has none), with its physical id,
 * the properties and outputs its delete reads as discovery supplied them, and a dependency on each
 * found resource it uses (so it goes first). Each key's {@link Owner} is the resource's own marks,
 * which the handler's context carries. The state lives in memory only: there is no state file to
 * save, and the next sweep finds whatever is left.
 *
 * <p>The report is read from what the engine did: its events (when each delete finished, what it
 * waited on) and its result (what failed, what was already gone).
 */
final class SweptState {
  private final Map<String, TaggedResource> byKey = new LinkedHashMap<>();
  private final Map<TaggedResource, Integer> rank = new HashMap<>();
  private final Sweeper.Options options;

  // What the engine's events said, by key; guarded by this.
  private final Map<String, Integer> retries = new HashMap<>();
  private final Map<String, String> lastRetry = new HashMap<>();
  private final Set<String> gone = new HashSet<>();

  private SweptState(List<TaggedResource> ordered, Sweeper.Options options) {
    this.options = options;
    for (int i = 0; i < ordered.size(); i++) {
      byKey.put(key(i), ordered.get(i));
      rank.put(ordered.get(i), i);
    }
  }

  /** Keys sort in deletion order; no logical id ends with {@code ~old} this way. */
  private static String key(int i) {
    return String.format("swept-%04d", i);
  }

  /** Deletes {@code ordered} (in deletion order) with the engine. */
  static SweepReport delete(
      List<TaggedResource> ordered, Collection<ResourceHandler> handlers, Sweeper.Options options)
      throws InterruptedException {
    return new SweptState(ordered, options).run(handlers);
  }

  private SweepReport run(Collection<ResourceHandler> handlers) throws InterruptedException {
    Map<String, ResourceHandler> byType = new HashMap<>();
    handlers.forEach(h -> byType.put(h.type().name(), h));
    List<SweepReport.Failure> failed = new ArrayList<>();
    Map<String, TaggedResource> deletable = new LinkedHashMap<>();
    byKey.forEach(
        (k, r) -> {
          if (byType.containsKey(r.type())) {
            deletable.put(k, r);
          } else {
            failed.add(
                new SweepReport.Failure(
                    r, "no handler for " + r.type() + " was given to the sweep"));
          }
        });
    failed.forEach(f -> options.listener().progress(f.resource(), "failed: " + f.reason()));
    State state = state(deletable, options.clock().instant());
    Engine engine =
        Engine.builder()
            .handlers(byType)
            .classifier(options.classifier())
            .clock(options.clock())
            .random(options.random())
            .store(new InMemoryStateStore(state))
            .events(this::heard)
            .options(
                EngineOptions.DEFAULT
                    .withTransientDeadline(options.timeout())
                    .withDependencyDeadline(options.timeout()))
            .cancellation(options.cancellation())
            .build();
    Map<String, Owner> owners = new LinkedHashMap<>();
    deletable.forEach(
        (k, r) -> owners.put(k, new Owner(r.stack(), r.logicalId(), r.lineage(), r.origin())));
    DestroyResult result = engine.destroyFound(state, owners, List.copyOf(deletable.keySet()));
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("the sweep was interrupted");
    }
    return report(deletable, result, failed);
  }

  /**
   * The found resources as a state. Each depends on the found resources it refers to, as a recorded
   * state's references would make it: those it {@link TaggedResource#uses() uses}, and those whose
   * physical id one of its properties holds (a subnet's {@code vpcId}, a listener's {@code
   * loadBalancerArn}, a service's {@code cluster}).
   */
  private State state(Map<String, TaggedResource> deletable, Instant now) {
    Map<String, String> keyOfPhysical = new HashMap<>();
    deletable.forEach((k, r) -> keyOfPhysical.putIfAbsent(r.physicalId(), k));
    State s = State.initial("sweep", now);
    for (Map.Entry<String, TaggedResource> e : deletable.entrySet()) {
      TaggedResource r = e.getValue();
      Set<String> dependsOn = new HashSet<>();
      for (String used : referenced(r)) {
        String k = keyOfPhysical.get(used);
        if (k != null && !k.equals(e.getKey())) {
          dependsOn.add(k);
        }
      }
      s =
          s.with(
              new ResourceState(
                  e.getKey(),
                  r.type(),
                  ResourceState.Status.CREATED,
                  r.physicalId(),
                  r.props(),
                  r.outputs(),
                  dependsOn,
                  // Found, not just made: no consistency window to wait out.
                  null,
                  null));
    }
    return s;
  }

  private static Set<String> referenced(TaggedResource r) {
    Set<String> out = new HashSet<>(r.uses());
    for (Object v : r.props().values()) {
      if (v instanceof String str) {
        out.add(str);
      } else if (v instanceof List<?> l) {
        l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
      }
    }
    out.remove(r.physicalId());
    return out;
  }

  /** The engine's events, told to the listener as the sweep's progress. */
  private void heard(EngineEvent e) {
    TaggedResource r = e.id() == null ? null : byKey.get(e.id());
    if (r == null) {
      return;
    }
    synchronized (this) {
      String message = null;
      if (e instanceof EngineEvent.Started) {
        message = "deleting";
      } else if (e instanceof EngineEvent.Waiting w) {
        if (Engine.ALREADY_GONE.equals(w.reason())) {
          gone.add(w.id());
        }
        message = w.reason();
      } else if (e instanceof EngineEvent.Retrying t) {
        retries.merge(t.id(), 1, Integer::sum);
        String before = lastRetry.put(t.id(), t.reason());
        message = t.reason().equals(before) ? null : "waiting: " + t.reason();
      } else if (e instanceof EngineEvent.Done d) {
        message = gone.contains(d.id()) ? null : "deleted";
      } else if (e instanceof EngineEvent.DeleteFailed f) {
        message = "failed: " + reason(f.id(), f.message(), f.hint());
      }
      if (message != null) {
        options.listener().progress(r, message);
      }
    }
  }

  /**
   * Why a resource stays: a call the engine retried until the deadline reads as blocked, as the
   * sweep always said; otherwise the provider's error, with the handler's hint.
   */
  private synchronized String reason(String key, String message, String hint) {
    if (message.equals(lastRetry.get(key))) {
      return "still blocked after " + options.timeout().toMinutes() + " min: " + message;
    }
    return hint == null ? message : message + " (" + hint + ")";
  }

  private synchronized SweepReport report(
      Map<String, TaggedResource> deletable,
      DestroyResult result,
      List<SweepReport.Failure> failed) {
    Map<String, Failure> failures = new LinkedHashMap<>();
    result.failures().forEach(f -> failures.putIfAbsent(f.id(), f));
    List<TaggedResource> deleted = new ArrayList<>();
    List<TaggedResource> wasGone = new ArrayList<>();
    List<SweepReport.Failure> out = new ArrayList<>(failed);
    for (Map.Entry<String, TaggedResource> e : deletable.entrySet()) {
      String k = e.getKey();
      TaggedResource r = e.getValue();
      Failure f = failures.get(k);
      if (f != null) {
        out.add(new SweepReport.Failure(r, reason(k, f.message(), f.hint())));
      } else if (result.remaining().resource(k).isPresent()) {
        // Not started: the sweep was cancelled first.
        out.add(
            new SweepReport.Failure(r, "not deleted: the sweep was stopped before it was tried"));
      } else {
        deleted.add(r);
        if (result.gone().contains(k)) {
          wasGone.add(r);
        }
      }
    }
    // In the order they went: by the attempts each took (what went at the first try before what
    // waited), then in deletion order. Not by clock time: resources go in parallel, and on a
    // stepping clock one's waits move the time another finishes at.
    Comparator<TaggedResource> went =
        Comparator.comparing((TaggedResource r) -> retries.getOrDefault(keyOf(r), 0))
            .thenComparing(rank::get);
    deleted.sort(went);
    wasGone.sort(went);
    out.sort(Comparator.comparing(f -> rank.get(f.resource())));
    return new SweepReport(deleted, out, wasGone);
  }

  private String keyOf(TaggedResource r) {
    return key(rank.get(r));
  }
}
