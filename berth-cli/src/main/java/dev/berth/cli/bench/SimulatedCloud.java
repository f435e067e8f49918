package dev.berth.cli.bench;

import dev.berth.app.LocalClients;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.AwsClients;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.core.engine.EngineEvent;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.state.InMemoryStateStore;
import dev.berth.core.time.VirtualClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * An in-process localcloud on a latency profile and a virtual clock shared with berth, so minutes
 * of AWS behaviour pass in a few real seconds, with one stack's state kept in memory.
 */
final class SimulatedCloud implements AutoCloseable {
  static final String TOKEN = "bench-token";

  final VirtualClock clock = new VirtualClock();
  final Profile profile;
  final LocalCloud cloud;
  final AwsClients aws;
  final CloudflareClient cloudflare;
  final InMemoryStateStore store;
  final List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());

  SimulatedCloud(Profile profile, ServiceSpec spec) {
    this.profile = profile;
    this.cloud = LocalCloud.builder().clock(clock).profile(profile).start();
    cloud.cloudflareZone(spec.domain().zoneName().orElseThrow(), TOKEN);
    this.aws = LocalClients.aws(spec.region(), cloud.endpoint(), "bench");
    this.cloudflare = new CloudflareClient(cloud.cloudflareBase(), TOKEN, clock);
    this.store = new InMemoryStateStore(spec.name());
  }

  WebServiceStack stack(ServiceSpec spec) {
    // A fixed seed for the engine's jitter, so that every run of the benchmark gives its figures.
    return new WebServiceStack(spec, aws, Optional.of(cloudflare), store, clock, events::add)
        .random(new Random(20261127));
  }

  /** A mark in the call log and on the clock, to measure what happens after it. */
  Mark mark() {
    return new Mark(clock.instant(), callCount(), events.size());
  }

  record Mark(Instant at, int calls, int events) {}

  /** What happened since {@code m}: simulated time, API calls, engine events. */
  Measured since(Mark m, String engine, boolean succeeded) {
    List<World.Call> calls;
    synchronized (cloud.world()) {
      calls = cloud.world().calls();
    }
    List<World.Call> mine = calls.subList(m.calls(), calls.size());
    int mutating = (int) mine.stream().filter(World.Call::mutating).count();
    Map<String, Integer> reads = new TreeMap<>();
    mine.stream()
        .filter(c -> !c.mutating())
        .forEach(c -> reads.merge(c.service() + " " + c.action(), 1, Integer::sum));
    List<EngineEvent> ev;
    synchronized (events) {
      ev = List.copyOf(events.subList(m.events(), events.size()));
    }
    return new Measured(
        engine,
        m.at(),
        Duration.between(m.at(), clock.instant()),
        mutating,
        mine.size() - mutating,
        reads,
        ev,
        succeeded);
  }

  private int callCount() {
    synchronized (cloud.world()) {
      return cloud.world().calls().size();
    }
  }

  @Override
  public void close() {
    aws.close();
    cloud.close();
  }
}
