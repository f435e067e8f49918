package dev.berth.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Planner;
import dev.berth.core.state.InMemoryStateStore;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** A fake cloud, a virtual clock, an in-memory store and an engine over them. */
final class Fixture {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final VirtualClock clock = new VirtualClock(T0);
  final FakeCloud cloud = new FakeCloud(clock);
  final InMemoryStateStore store = new InMemoryStateStore("hello");

  /** The store the engine writes through: {@link #store} unless a test wraps it. */
  StateStore engineStore = store;

  final List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());
  final Map<String, ResourceType> types = new LinkedHashMap<>();
  final Map<String, FakeHandler> handlers = new LinkedHashMap<>();
  final Map<String, String> secrets = new LinkedHashMap<>();
  // The fake cloud's reads are consistent; EngineSettlingTest covers the window.
  EngineOptions options = EngineOptions.DEFAULT.withConsistencyWindow(Duration.ZERO);
  int parallelism = 8;

  Fixture() {
    type(ResourceType.of("fake.vpc", "cidr"));
    type(ResourceType.of("fake.igw", "vpcId"));
    type(ResourceType.of("fake.subnet", "vpcId", "cidr"));
    type(ResourceType.of("fake.sg", "vpcId"));
    type(ResourceType.of("fake.lb", "subnets"));
    type(ResourceType.of("fake.tg", "vpcId"));
    type(ResourceType.of("fake.listener", "lb"));
    type(ResourceType.of("fake.thing"));
  }

  Fixture type(ResourceType t) {
    types.put(t.name(), t);
    handlers.put(t.name(), new FakeHandler(t, cloud));
    return this;
  }

  Engine engine() {
    Engine.Builder b =
        Engine.builder()
            .classifier(FakeError.CLASSIFIER)
            .clock(clock)
            .store(engineStore)
            .events(events::add)
            .parallelism(parallelism)
            .secrets(secrets::get)
            .random(new Random(7))
            .options(options)
            .tags(Map.of("team", "web"));
    handlers.values().forEach(b::handler);
    return b.build();
  }

  State state() {
    return store.load().orElseGet(() -> State.initial("hello", T0));
  }

  Plan plan(DesiredGraph g) {
    return Planner.plan(g, state(), types, Map.of());
  }

  ApplyResult deploy(DesiredGraph g) {
    return deploy(g, ApplyOptions.DEFAULT);
  }

  ApplyResult deploy(DesiredGraph g, ApplyOptions opts) {
    State s = state();
    return engine().apply(g, Planner.plan(g, s, types, Map.of()), s, opts);
  }

  DestroyResult destroy() {
    return engine().destroy(state());
  }

  /** Eight resources shaped like a small web stack. */
  static DesiredGraph sample() {
    return DesiredGraph.of(
        r("vpc", "fake.vpc", Map.of("cidr", "10.0.0.0/16")),
        r("igw", "fake.igw", Map.of("vpcId", Ref.to("vpc", "id"))),
        r("subnet-a", "fake.subnet", Map.of("vpcId", Ref.to("vpc", "id"), "cidr", "10.0.1.0/24")),
        r("subnet-b", "fake.subnet", Map.of("vpcId", Ref.to("vpc", "id"), "cidr", "10.0.2.0/24")),
        r("sg", "fake.sg", Map.of("vpcId", Ref.to("vpc", "id"))),
        new Resource(
            "lb",
            "fake.lb",
            Map.of(
                "subnets", List.of(Ref.to("subnet-a", "id"), Ref.to("subnet-b", "id")),
                "securityGroups", List.of(Ref.to("sg", "id"))),
            Set.of("igw")),
        r("tg", "fake.tg", Map.of("vpcId", Ref.to("vpc", "id"), "port", 8080)),
        r(
            "listener",
            "fake.listener",
            Map.of("lb", Ref.to("lb", "arn"), "tg", Ref.to("tg", "arn"))));
  }

  static Resource r(String id, String type, Map<String, Object> props) {
    return new Resource(id, type, props);
  }

  /** Every create call started after the creates of everything it depends on ended. */
  void assertCreatedInDependencyOrder(DesiredGraph g) {
    for (String id : g.order()) {
      FakeCloud.Call c = cloud.last("create", id).orElseThrow();
      for (String dep : g.dependenciesOf(id)) {
        FakeCloud.Call d = cloud.last("create", dep).orElseThrow();
        assertTrue(
            d.endSeq() < c.startSeq() && !d.end().isAfter(c.start()),
            id + " started before its dependency " + dep + " was created");
      }
    }
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
