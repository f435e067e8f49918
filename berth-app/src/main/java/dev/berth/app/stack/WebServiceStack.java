package dev.berth.app.stack;

import dev.berth.app.provider.Providers;
import dev.berth.aws.AwsClients;
import dev.berth.aws.dns.Route53RecordHandler;
import dev.berth.aws.ecs.LogsReader;
import dev.berth.aws.ecs.ServiceStatus;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareRecordHandler;
import dev.berth.core.engine.ApplyOptions;
import dev.berth.core.engine.ApplyResult;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.engine.Engine;
import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.EventSink;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignClaimException;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Resource;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Planner;
import dev.berth.core.plan.Refresh;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Observation;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.state.Fingerprints;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * berth's main job as a library: plan, deploy, status and destroy of one web service. The CLI only
 * parses arguments and renders what this returns and the events it emits.
 */
public final class WebServiceStack {

  /**
   * What a deploy may do beyond the spec. {@code refresh}: read every recorded resource before
   * planning, so what was deleted or changed behind berth's back is put back (the default).
   */
  public record Options(boolean adoptDns, boolean noRollback, boolean noWait, boolean refresh) {
    public static final Options DEFAULT = new Options(false, false, false, true);

    public Options(boolean adoptDns, boolean noRollback, boolean noWait) {
      this(adoptDns, noRollback, noWait, true);
    }

    /** What every handler of the run sees in its context; never part of any properties. */
    public RunOptions run(String hostname) {
      return new RunOptions(adoptDns ? Set.of(hostname) : Set.of(), noRollback, refresh);
    }
  }

  /**
   * A plan and what it was made from: {@code state} as stored, {@code base} as the refresh found
   * the cloud (what the engine starts from), and the recorded resources an older berth made that a
   * deploy tags with this state's lineage first.
   */
  public record PlanReport(
      Plan plan,
      State state,
      State base,
      DesiredGraph graph,
      Preflight.Result preflight,
      Refresh refresh,
      List<String> untagged) {}

  /**
   * The outcome of a deploy. {@code running} counts the tasks of the version just deployed; {@code
   * draining} those of older versions ECS is still stopping (their connections drain for the target
   * group's deregistration delay).
   */
  public record DeployReport(
      ApplyResult result,
      Plan plan,
      String account,
      String url,
      String loadBalancerDnsName,
      Integer running,
      Integer desired,
      Integer draining,
      Duration elapsed) {
    public boolean succeeded() {
      return result.succeeded();
    }
  }

  /** What {@code status} reports. */
  public record StatusReport(
      State state,
      Map<String, Observation> resources,
      Optional<ServiceStatus.Snapshot> service,
      String url) {}

  /**
   * The engine's retry policy for this stack: the defaults, but a resource blocked by a dependency
   * (a subnet or security group held by a deleted load balancer's network interfaces for about 5
   * minutes) retries at least every 10 s, so it goes within seconds of being free.
   */
  public static final EngineOptions ENGINE_OPTIONS =
      EngineOptions.DEFAULT.withBackoffs(
          Backoff.RETRY, new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 1.5, 0.3));

  /** Subnets in up to this many availability zones. */
  static final int ZONES = 3;

  private final ServiceSpec spec;
  private final Providers providers;
  private final AwsClients aws;
  private final Optional<CloudflareClient> cloudflare;
  private final StateStore store;
  private final BerthClock clock;
  private final EventSink events;
  private EngineOptions engineOptions = ENGINE_OPTIONS;
  private RandomGenerator random = new Random();
  private String origin = Ownership.localUser();
  private Cancellation cancellation = new Cancellation();

  /** With the AWS provider of {@code aws} and, when a token is configured, Cloudflare's. */
  public WebServiceStack(
      ServiceSpec spec,
      AwsClients aws,
      Optional<CloudflareClient> cloudflare,
      StateStore store,
      BerthClock clock,
      EventSink events) {
    this(spec, Providers.of(aws, cloudflare), store, clock, events);
  }

  public WebServiceStack(
      ServiceSpec spec, Providers providers, StateStore store, BerthClock clock, EventSink events) {
    this.spec = spec;
    this.providers = providers;
    this.aws = providers.aws().clients();
    this.cloudflare = providers.cloudflare().client();
    this.store = store;
    this.clock = clock;
    this.events = events;
  }

  /** Who runs this stack, {@code user@host}, as the {@code berth:origin} tag records it. */
  public WebServiceStack origin(String userAtHost) {
    this.origin = userAtHost;
    return this;
  }

  public ServiceSpec spec() {
    return spec;
  }

  /**
   * Retry deadlines and the consistency window of the engine; an emulator whose time runs faster
   * than AWS's needs a shorter window.
   */
  public WebServiceStack engineOptions(EngineOptions options) {
    this.engineOptions = options;
    return this;
  }

  /**
   * The source of the engine's backoff jitter. Jitter spreads retries of many clients apart; a
   * benchmark fixes the seed so that its figures repeat.
   */
  public WebServiceStack random(RandomGenerator random) {
    this.random = random;
    return this;
  }

  /**
   * Lets the caller stop a deploy or destroy early (Ctrl-C): no new step starts, calls in flight
   * finish and are recorded, nothing is rolled back. See {@link Cancellation}.
   */
  public WebServiceStack cancellation(Cancellation c) {
    this.cancellation = c;
    return this;
  }

  /** What a deploy would change, and why. Read-only. */
  public PlanReport plan(Options options) {
    State state = loadOrInitial();
    StackClaims.refuseRegionChange(spec.name(), state, spec.region(), store.describe());
    List<String> recordedZones = recordedZones(state);
    boolean networkSettled =
        recordedZones.size() >= ZONES
            || state.resource("load-balancer").filter(r -> r.physicalId() != null).isPresent();
    Preflight.Result pre =
        Preflight.check(spec, providers.checks(), networkSettled ? 0 : ZONES, reads());
    StackClaims.refuseAccountChange(spec.name(), state, pre.account(), store.describe());
    List<String> zones = networkSettled ? recordedZones : zones(recordedZones, pre);
    Map<String, ResourceHandler> handlers = handlers(true);
    DesiredGraph graph =
        DesiredGraph.of(
            Blueprint.resources(
                new Blueprint.Input(spec, zones, v -> Fingerprints.of(state.fingerprintSalt(), v))),
            Providers.descriptors(handlers));
    Engine engine = engine(handlers, options.run(spec.domain().hostname()));
    Refresh refresh = options.refresh() ? Refresh.of(engine.observe(state)) : Refresh.NONE;
    List<String> untagged = StackClaims.checkRecorded(state, refresh);
    Plan plan = Planner.plan(graph, state, Providers.types(handlers), refresh);
    refuseForeignDnsRecords(graph, plan, state.lineage(), options.adoptDns());
    StackClaims.refuseForeignClaims(
        state,
        graph,
        plan,
        handlers,
        engine,
        reads(),
        clock,
        classifier(),
        options.run(spec.domain().hostname()));
    return new PlanReport(plan, state, refresh.applyTo(state, plan), graph, pre, refresh, untagged);
  }

  /**
   * Refuses before anything changes when a DNS record the plan creates would stand where one berth
   * did not create exists: the refusal its handler would make minutes later, after the load
   * balancer it points at was built, leaving everything to roll back. Found before any change, it
   * is bad input (exit 2), as every foreign claim is.
   */
  private void refuseForeignDnsRecords(
      DesiredGraph graph, Plan plan, String lineage, boolean adopt) {
    try {
      refuseForeignDnsRecordsOf(graph, plan, lineage, adopt);
    } catch (ForeignClaimException e) {
      throw e;
    } catch (ForeignRecordException e) {
      throw e.beforeAnyChange();
    } catch (BerthException e) {
      throw new BerthException(e.getMessage(), e.hint(), FailureKind.BAD_INPUT, e.getCause());
    }
  }

  private void refuseForeignDnsRecordsOf(
      DesiredGraph graph, Plan plan, String lineage, boolean adopt) {
    for (Change c : plan.changes()) {
      if (c.action() != Action.CREATE && c.action() != Action.REPLACE) {
        continue;
      }
      Resource r = graph.resource(c.id());
      if (!(r.properties().get("name") instanceof String)) {
        continue; // named after something not created yet, such as a certificate's record
      }
      String what = "checking who holds the DNS record " + r.properties().get("name");
      // Reads: a throttled zone lookup is retried like every read, not taken for a refusal.
      if (r.type().equals(Route53RecordHandler.TYPE.name())) {
        reads()
            .get(
                what,
                () -> {
                  new Route53RecordHandler(aws.route53())
                      .refuseForeignRecord(spec.name(), r.id(), lineage, adopt, r.properties());
                  return null;
                });
      } else if (r.type().equals(CloudflareRecordHandler.TYPE.name()) && cloudflare.isPresent()) {
        reads()
            .get(
                what,
                () -> {
                  new CloudflareRecordHandler(cloudflare.get())
                      .refuseForeignRecord(spec.name(), r.id(), lineage, adopt, r.properties());
                  return null;
                });
      }
    }
  }

  /**
   * Creates or updates the stack; on failure rolls back what this run created (unless told not).
   */
  public DeployReport deploy(Options options) {
    Instant start = clock.instant();
    try (StateStore.Lock lock = store.lock("berth deploy " + spec.name())) {
      PlanReport p = plan(options);
      Engine engine = engine(handlers(!options.noWait()), options.run(spec.domain().hostname()));
      State base = p.base();
      if (!p.untagged().isEmpty()) {
        Map<String, String> failed = engine.tag(base, p.untagged());
        if (!failed.isEmpty()) {
          throw new BerthException(
              "could not tag what an older berth made with this state's lineage: " + failed,
              "check the credentials' permission to tag these resources, then deploy again",
              FailureKind.CLOUD,
              null);
        }
      }
      ApplyResult result =
          engine.apply(p.graph(), p.plan(), base, new ApplyOptions(options.noRollback()));
      State after = result.finalState();
      Integer running = null;
      Integer desired = null;
      Integer draining = null;
      if (result.succeeded() && !cancellation.isCancelled()) {
        Optional<ServiceStatus.Snapshot> s = serviceStatus(after);
        running = s.map(ServiceStatus.Snapshot::runningOfPrimary).orElse(null);
        desired = s.map(ServiceStatus.Snapshot::desired).orElse(null);
        draining = s.map(x -> Math.max(0, x.running() - x.runningOfPrimary())).orElse(null);
      }
      return new DeployReport(
          result,
          p.plan(),
          p.preflight().account(),
          url(),
          output(after, "load-balancer", "dnsName"),
          running,
          desired,
          draining,
          Duration.between(start, clock.instant()));
    }
  }

  /** Removes everything the stack owns; what could not be removed stays in the state. */
  public DestroyResult destroy() {
    try (StateStore.Lock lock = store.lock("berth destroy " + spec.name())) {
      State state = loadOrInitial();
      return engine(handlers(true)).destroy(state);
    }
  }

  /** Every recorded resource as the cloud sees it now, and the service's rollout. */
  public StatusReport status() {
    State state = loadOrInitial();
    Map<String, Observation> observed = engine(handlers(true)).observe(state);
    return new StatusReport(state, new TreeMap<>(observed), serviceStatus(state), url());
  }

  public Optional<State> state() {
    return store.load();
  }

  /**
   * Reads the service's log group (see {@link #logGroup()}), polling every 2 s when following;
   * throttled or failed calls are retried as every read is.
   */
  public LogsReader logs() {
    return new LogsReader(aws.logs(), clock, Duration.ofSeconds(2), reads());
  }

  /** The name of the service's log group. */
  public String logGroup() {
    return Names.logGroup(spec.name());
  }

  public String url() {
    return "https://" + spec.domain().hostname();
  }

  private Optional<ServiceStatus.Snapshot> serviceStatus(State state) {
    String cluster = output(state, "cluster", "name");
    if (cluster == null || state.resource("service").isEmpty()) {
      return Optional.empty();
    }
    return reads()
        .get(
            "reading the service's status",
            () -> new ServiceStatus(aws).read(cluster, Names.service(spec.name()), 10));
  }

  private State loadOrInitial() {
    return store
        .load()
        .map(LegacyProperties::strip)
        .orElseGet(() -> State.initial(spec.name(), clock.instant()));
  }

  private Map<String, ResourceHandler> handlers(boolean waitForRollout) {
    return providers.handlers(waitForRollout);
  }

  private Reads reads() {
    return new Reads(clock, classifier());
  }

  private ErrorClassifier classifier() {
    return providers.classifier();
  }

  private Engine engine(Map<String, ResourceHandler> handlers) {
    return engine(handlers, RunOptions.DEFAULT);
  }

  private Engine engine(Map<String, ResourceHandler> handlers, RunOptions run) {
    Map<String, String> secrets = Blueprint.secrets(spec);
    ErrorClassifier classifier = classifier();
    return Engine.builder()
        .handlers(handlers)
        .classifier(classifier)
        .clock(clock)
        .store(store)
        .events(events)
        .secrets(secrets::get)
        .tags(spec.tags())
        .options(engineOptions)
        .random(random)
        .origin(origin)
        .cancellation(cancellation)
        .runOptions(run)
        .build();
  }

  /**
   * Subnets already made keep their zones; a network an interrupted run left short gets the rest
   * from the zones available now, in the order a first run would have used them.
   */
  static List<String> zones(List<String> recorded, Preflight.Result pre) {
    List<String> out = new ArrayList<>(recorded);
    for (String z : pre.availabilityZones()) {
      if (out.size() < ZONES && !out.contains(z)) {
        out.add(z);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The zones of subnets already made, so a zone going impaired later never moves a subnet. */
  private static List<String> recordedZones(State state) {
    return state.resources().values().stream()
        .filter(r -> r.type().equals("aws.ec2.subnet") && !r.isOldCopy())
        .map(r -> String.valueOf(r.properties().get("availabilityZone")))
        .sorted()
        .toList();
  }

  private static String output(State state, String id, String key) {
    return state.resource(id).map(ResourceState::outputs).map(o -> o.get(key)).orElse(null);
  }
}
