package dev.berth.core.engine;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Plan;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Observation;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.sweep.Owner;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Carries out plans and destroys stacks through the resource handlers, recording every step in the
 * state store as it goes. The caller holds the store's lock for the whole run.
 *
 * <p>On a failed apply the engine starts nothing new, lets running steps finish, then (unless
 * {@link ApplyOptions#noRollback()}) deletes what this run created, dependents first. Updates are
 * not undone: a handler that can roll an update back (an ECS service with its circuit breaker) does
 * so itself, and the next deploy converges the rest.
 *
 * <p>There is no rollback after a {@link Cancellation} (the caller asked to stop, not to undo) or
 * when the run gave up on a provider it could not reach (a rollback could not reach it either, and
 * would only mark what exists as failed deletes): what exists stays recorded, so the next apply
 * continues from it and a destroy removes it.
 */
public final class Engine {
  /**
   * The progress ({@link EngineEvent.Waiting}) of a {@link #destroyFound} delete whose provider
   * answered that the resource is already gone.
   */
  public static final String ALREADY_GONE = "already gone";

  final Map<String, ResourceHandler> handlers;
  final ErrorClassifier classifier;
  final BerthClock clock;
  final StateStore store;
  private final EventSink events;
  private final int parallelism;
  private final SecretSource secrets;
  private final RandomGenerator random;
  private final EngineOptions options;
  private final Map<String, String> tags;
  private final String origin;
  private final Cancellation cancellation;
  private final RunOptions runOptions;

  private Engine(Builder b) {
    this.handlers = Map.copyOf(b.handlers);
    this.classifier = b.classifier;
    this.cancellation = b.cancellation;
    this.clock = b.cancellation.guard(b.clock);
    this.store = Objects.requireNonNull(b.store, "store");
    this.events = b.events;
    this.parallelism = b.parallelism;
    this.secrets = b.secrets;
    this.random = new LockedRandom(b.random);
    this.options = b.options;
    this.tags = Map.copyOf(b.tags);
    this.origin = b.origin;
    this.runOptions = b.runOptions;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Applies {@code plan}, made from {@code desired} and {@code state} (the stored state: the first
   * save compares against it).
   *
   * @throws Error if a handler threw one (the run stops where it is, like a crash)
   */
  public ApplyResult apply(DesiredGraph desired, Plan plan, State state, ApplyOptions opts) {
    desired.resources().values().forEach(r -> handler(r.type()));
    Instant start = clock.instant();
    StateLedger ledger = new StateLedger(store, state, clock);
    StepExecutor steps = new StepExecutor(this, ledger, desired, StepExecutor.Phase.APPLY);
    StepGraph graph = StepGraph.forApply(desired, plan, state, types());
    DagRunner.Outcome out =
        runner()
            .run(
                graph.order(),
                graph.requires(),
                n -> steps.run(graph.step(n)),
                DagRunner.OnFailure.STOP);
    rethrow(out);
    boolean rolledBack = false;
    // Deletes are recorded before they are made; with the state unwritable, what exists stays.
    if (!steps.failures().isEmpty()
        && !opts.noRollback()
        && !cancellation.isCancelled()
        && !steps.reachability().any()
        && ledger.flush()) {
      Set<String> undo = undoable(steps.created(), steps.updated(), desired);
      rollback(steps.inPhase(StepExecutor.Phase.ROLLBACK), undo, ledger);
      rolledBack = true;
    }
    ledger.flush();
    State end = ledger.current();
    List<String> created =
        steps.created().stream().filter(end.resources()::containsKey).sorted().toList();
    return finish(
        new ApplyResult(
            end,
            steps.failures(),
            rolledBack,
            since(start),
            created,
            ledger.unrecorded(),
            stateError(ledger)));
  }

  /** Deletes every resource in {@code state}, dependents first, continuing past failures. */
  public DestroyResult destroy(State state) {
    Instant start = clock.instant();
    StateLedger ledger = new StateLedger(store, state, clock);
    StepExecutor steps = new StepExecutor(this, ledger, null, StepExecutor.Phase.DESTROY);
    Deletions.run(runner(), steps, state.resources().values(), types());
    return destroyed(start, ledger, steps);
  }

  /**
   * Deletes resources that no state file records, as a sweep found them by their marks. {@code
   * found} holds them (physical ids, the properties and outputs their deletes read, and dependency
   * edges), each under a key of its own; {@code owners} gives, for each key, the stack, logical id
   * and lineage its marks name, which its handler's context carries instead of {@code found}'s (a
   * DNS handler deletes only a record whose marker names them). The run saves to this engine's
   * store like any destroy; a sweep gives it an in-memory one.
   *
   * <p>Unlike {@link #destroy(State)}, dependency edges only order the deletes: a resource whose
   * dependent could not be deleted is still tried, since the provider itself refuses to delete what
   * still has dependents (and says so, which is retried until the dependency deadline), while what
   * it was only thought to depend on may go. Resources ready at once start in the order of {@code
   * order} (state keys), which should put dependents first.
   */
  public DestroyResult destroyFound(State found, Map<String, Owner> owners, List<String> order) {
    Instant start = clock.instant();
    StateLedger ledger = new StateLedger(store, found, clock);
    StepExecutor steps = new StepExecutor(this, ledger, null, StepExecutor.Phase.DESTROY, owners);
    List<ResourceState> entries = new ArrayList<>();
    order.forEach(k -> found.resource(k).ifPresent(entries::add));
    found.resources().values().stream()
        .filter(rs -> !order.contains(rs.id()))
        .forEach(entries::add);
    Deletions.run(runner(), steps, entries, types(), DagRunner.OnFailure.ORDER_ONLY);
    return destroyed(start, ledger, steps);
  }

  private DestroyResult destroyed(Instant start, StateLedger ledger, StepExecutor steps) {
    ledger.flush();
    DestroyResult result =
        new DestroyResult(
            ledger.current(),
            steps.failures(),
            ledger.unrecorded(),
            stateError(ledger),
            List.copyOf(steps.gone()));
    emit(new EngineEvent.Finished(clock.instant(), since(start), result.failures().size(), false));
    return result;
  }

  private String stateError(StateLedger ledger) {
    RuntimeException e = ledger.failure();
    return e == null ? null : Describe.message(classifier, e);
  }

  /**
   * Reads every recorded resource that has a physical id, in parallel, for {@code status} and
   * refreshing plans. Never changes anything; transient errors are retried like any wait.
   */
  public Map<String, Observation> observe(State state) {
    List<ResourceState> recorded =
        state.resources().values().stream().filter(rs -> rs.physicalId() != null).toList();
    Map<String, Observation> seen = new java.util.concurrent.ConcurrentHashMap<>();
    Reachability reachability = new Reachability();
    runAll(
        recorded.stream().map(ResourceState::id).toList(),
        id -> {
          ResourceState rs = state.resources().get(id);
          seen.put(id, observe(state, rs, reachability));
        });
    Map<String, Observation> out = new LinkedHashMap<>();
    recorded.forEach(rs -> out.put(rs.id(), seen.get(rs.id())));
    return out;
  }

  private Observation observe(State state, ResourceState rs, Reachability reachability) {
    EngineContext ctx =
        context(state.stack(), state.lineage(), rs.logicalId(), m -> {}, reachability);
    try {
      ResourceHandler h = handler(rs.type());
      Observed o =
          ctx.await(
              "reading " + rs.id(),
              options.transientDeadline(),
              Backoff.RETRY,
              () -> WaitStep.done(h.read(ctx, rs.physicalId(), rs.properties()).orElse(null)));
      return new Observation(o, null);
    } catch (Exception e) {
      if (classifier.classify(e) == ErrorKind.GONE) {
        return new Observation(null, null);
      }
      String d = classifier.unreachable(e);
      d = d != null ? d : classifier.describe(e);
      return new Observation(null, d != null ? d : String.valueOf(e.getMessage()));
    }
  }

  /**
   * Adds this state's tags to recorded resources that a berth version before lineages made (see
   * {@link ResourceHandler#tag}), in parallel, retrying like any change.
   *
   * @return the ids that could not be tagged, with the error
   */
  public Map<String, String> tag(State state, java.util.Collection<String> ids) {
    Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
    Reachability reachability = new Reachability();
    runAll(
        List.copyOf(ids),
        id -> {
          ResourceState rs = state.resources().get(id);
          EngineContext ctx =
              context(state.stack(), state.lineage(), rs.logicalId(), m -> {}, reachability);
          ResourceHandler h = handler(rs.type());
          try {
            retrier((reason, attempt, delay) -> {}, reachability)
                .mutate(
                    () -> {
                      h.tag(ctx, rs.physicalId(), rs.properties(), rs.outputs());
                      return null;
                    },
                    null);
          } catch (StepFailedException | RuntimeException e) {
            failed.put(id, String.valueOf(e.getMessage()));
          }
        });
    return new java.util.TreeMap<>(failed);
  }

  /**
   * Runs {@code work} for every id, independent of each other, with the engine's parallelism and
   * its clock's bookkeeping (so virtual time moves only when every worker waits).
   */
  public void runAll(List<String> ids, Consumer<String> work) {
    DagRunner.Outcome out =
        runner()
            .run(
                ids,
                Map.of(),
                id -> {
                  work.accept(id);
                  return true;
                },
                DagRunner.OnFailure.SKIP_DEPENDENTS);
    rethrow(out);
  }

  /**
   * What a rollback deletes: what this run created, except what a resource this run updated now
   * uses, and what that uses in turn. Updates are not undone, so deleting those would break the
   * updated resource (a service moved to a new task definition whose old one could not be
   * deregistered).
   */
  static Set<String> undoable(Set<String> created, Set<String> updated, DesiredGraph desired) {
    Set<String> inUse = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    updated.stream().filter(desired::contains).forEach(u -> todo.addAll(desired.dependenciesOf(u)));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (created.contains(id) && inUse.add(id)) {
        todo.addAll(desired.dependenciesOf(id));
      }
    }
    Set<String> out = new LinkedHashSet<>(created);
    out.removeAll(inUse);
    return out;
  }

  private void rollback(StepExecutor steps, Set<String> created, StateLedger ledger) {
    List<ResourceState> mine = new ArrayList<>();
    created.forEach(k -> ledger.get(k).ifPresent(mine::add));
    Deletions.run(runner(), steps, mine, types());
    try {
      Deletions.restoreOldCopies(ledger);
    } catch (StateSaveException e) {
      // Restored in the run's state; the result lists what the store misses.
    }
  }

  private ApplyResult finish(ApplyResult r) {
    emit(
        new EngineEvent.Finished(
            clock.instant(), r.elapsed(), r.failures().size(), r.rolledBack()));
    return r;
  }

  private static void rethrow(DagRunner.Outcome out) {
    if (out.crash() != null) {
      throw out.crash();
    }
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }

  private DagRunner runner() {
    return new DagRunner(clock, parallelism, cancellation::isCancelled);
  }

  private Map<String, ResourceType> types() {
    Map<String, ResourceType> t = new LinkedHashMap<>();
    handlers.forEach((k, h) -> t.put(k, h.type()));
    return t;
  }

  ResourceHandler handler(String type) {
    ResourceHandler h = handlers.get(type);
    if (h == null) {
      throw new IllegalArgumentException("no handler for resource type " + type);
    }
    return h;
  }

  EngineContext context(
      String stack,
      String lineage,
      String logicalId,
      Consumer<String> progress,
      Reachability reachability) {
    Waiter waiter =
        new Waiter(clock, classifier, random, options.unreachableDeadline(), reachability);
    Map<String, String> t = new LinkedHashMap<>(tags);
    t.put(Ownership.LINEAGE, lineage);
    t.put(Ownership.ORIGIN, Ownership.origin(origin, clock.instant()));
    return new EngineContext(stack, logicalId, t, clock, secrets, waiter, progress, runOptions);
  }

  EngineOptions options() {
    return options;
  }

  Retrier retrier(Retrier.Listener listener, Reachability reachability) {
    return new Retrier(clock, classifier, options, random, listener, reachability);
  }

  boolean cancelled() {
    return cancellation.isCancelled();
  }

  void emit(EngineEvent e) {
    try {
      events.accept(e);
    } catch (RuntimeException ignored) {
      // A broken display must not break a deploy.
    }
  }

  /** Configures an {@link Engine}; only the state store is required. */
  public static final class Builder {
    private final Map<String, ResourceHandler> handlers = new LinkedHashMap<>();
    private ErrorClassifier classifier = e -> null;
    private BerthClock clock = BerthClock.system();
    private StateStore store;
    private EventSink events = EventSink.none();
    private int parallelism = 8;
    private SecretSource secrets = SecretSource.none();
    private RandomGenerator random = new Random();
    private EngineOptions options = EngineOptions.DEFAULT;
    private Map<String, String> tags = Map.of();
    private String origin = "unknown@unknown";
    private Cancellation cancellation = new Cancellation();
    private RunOptions runOptions = RunOptions.DEFAULT;

    /** Handlers by type name. */
    public Builder handlers(Map<String, ResourceHandler> byType) {
      handlers.putAll(byType);
      return this;
    }

    /** Adds a handler under its type's name. */
    public Builder handler(ResourceHandler h) {
      handlers.put(h.type().name(), h);
      return this;
    }

    public Builder classifier(ErrorClassifier c) {
      this.classifier = c;
      return this;
    }

    public Builder clock(BerthClock c) {
      this.clock = c;
      return this;
    }

    public Builder store(StateStore s) {
      this.store = s;
      return this;
    }

    public Builder events(EventSink s) {
      this.events = s;
      return this;
    }

    public Builder parallelism(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
      this.parallelism = n;
      return this;
    }

    public Builder secrets(SecretSource s) {
      this.secrets = s;
      return this;
    }

    public Builder random(RandomGenerator r) {
      this.random = r;
      return this;
    }

    /**
     * The run's options every handler sees in its context ({@link ResourceContext#options()}):
     * adopt DNS, no rollback, refresh. {@link RunOptions#DEFAULT} unless told.
     */
    public Builder runOptions(RunOptions o) {
      this.runOptions = Objects.requireNonNull(o, "runOptions");
      return this;
    }

    public Builder options(EngineOptions o) {
      this.options = o;
      return this;
    }

    /** User tags every taggable resource gets, besides {@code berth:stack} and {@code berth:id}. */
    public Builder tags(Map<String, String> t) {
      this.tags = t;
      return this;
    }

    /**
     * Who runs this engine, {@code user@host}: with the time, the {@link Ownership#ORIGIN} tag of
     * what it creates or changes.
     */
    public Builder origin(String userAtHost) {
      this.origin = userAtHost;
      return this;
    }

    /**
     * Lets the caller stop runs early from another thread (Ctrl-C): see {@link Cancellation}. A
     * cancellation already made when a run starts stops it before its first step.
     */
    public Builder cancellation(Cancellation c) {
      this.cancellation = Objects.requireNonNull(c, "cancellation");
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
