package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.T0;
import static dev.berth.core.engine.Fixture.r;
import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.plan.Action;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import dev.berth.core.state.StateJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EngineApplyTest {
  private final Fixture f = new Fixture();

  @Test
  void apply_createsEverythingInDependencyOrder_andRecordsOutputs() {
    f.cloud.takes("create", "*", seconds(10));
    DesiredGraph g = Fixture.sample();

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    f.assertCreatedInDependencyOrder(g);
    assertEquals(seconds(40), r.elapsed(), "vpc, then 5 in parallel, then lb, then listener");
    State s = f.state();
    assertEquals(8, s.resources().size());
    ResourceState lb = s.resources().get("lb");
    assertEquals(Status.CREATED, lb.status());
    String subnetA = s.resources().get("subnet-a").physicalId();
    assertEquals(subnetA, ((List<?>) lb.properties().get("subnets")).get(0));
    assertEquals(Set.of("igw", "sg", "subnet-a", "subnet-b"), lb.dependsOn());
    assertEquals("arn:fake:" + lb.physicalId(), lb.outputs().get("arn"));
    assertEquals(8, f.cloud.liveIds().size());
  }

  @Test
  void apply_independentResourcesOverlap() {
    f.cloud.takes("create", "*", seconds(60));
    DesiredGraph g =
        DesiredGraph.of(r("a", "fake.thing", Map.of()), r("b", "fake.thing", Map.of()));

    ApplyResult r = f.deploy(g);

    assertEquals(seconds(60), r.elapsed());
    assertEquals(T0, f.cloud.last("create", "a").orElseThrow().start());
    assertEquals(T0, f.cloud.last("create", "b").orElseThrow().start());
  }

  @Test
  void apply_startsEachResourceAsSoonAsItsOwnDependenciesAreDone() {
    f.cloud.takes("create", "slow", seconds(100));
    f.cloud.takes("create", "*", seconds(10));
    DesiredGraph g =
        DesiredGraph.of(
            r("slow", "fake.thing", Map.of()),
            r("fast", "fake.thing", Map.of()),
            r("after-fast", "fake.thing", Map.of("x", Ref.to("fast", "id"))));

    ApplyResult r = f.deploy(g);

    assertEquals(T0.plusSeconds(10), f.cloud.last("create", "after-fast").orElseThrow().start());
    assertEquals(seconds(100), r.elapsed());
  }

  @Test
  void apply_neverRunsMoreThanParallelismAtOnce() {
    f.parallelism = 2;
    f.cloud.takes("create", "*", seconds(10));
    DesiredGraph g =
        DesiredGraph.of(
            r("a", "fake.thing", Map.of()),
            r("b", "fake.thing", Map.of()),
            r("c", "fake.thing", Map.of()),
            r("d", "fake.thing", Map.of()),
            r("e", "fake.thing", Map.of()));

    assertEquals(seconds(30), f.deploy(g).elapsed());
  }

  @Test
  void apply_recordsTheIntentBeforeEachCreate() {
    DesiredGraph g = DesiredGraph.of(r("a", "fake.thing", Map.of("k", "v")));
    f.deploy(g);

    List<State> history = f.store.history();
    assertEquals(Status.CREATING, history.get(0).resources().get("a").status());
    assertEquals(Map.of("k", "v"), history.get(0).resources().get("a").properties());
    assertEquals(Status.CREATED, history.get(1).resources().get("a").status());
    assertEquals(List.of(1L, 2L), history.stream().map(State::serial).toList());
  }

  @Test
  void apply_whenPropertyChanges_updatesInPlace() {
    Resource tg = r("tg", "fake.tg", Map.of("port", 8080));
    f.deploy(DesiredGraph.of(tg));
    String id = f.state().resources().get("tg").physicalId();

    ApplyResult r = f.deploy(DesiredGraph.of(r("tg", "fake.tg", Map.of("port", 9090))));

    assertTrue(r.succeeded());
    assertEquals(1, f.cloud.calls("update").size());
    ResourceState s = f.state().resources().get("tg");
    assertEquals(id, s.physicalId());
    assertEquals(9090L, s.properties().get("port"));
  }

  @Test
  void apply_whenReplaced_createsNewThenUpdatesDependentsThenDeletesOld() {
    Resource vpc = r("vpc", "fake.vpc", Map.of("cidr", "10.0.0.0/16"));
    Resource tg = r("tg", "fake.thing", Map.of("vpcId", Ref.to("vpc", "id")));
    f.deploy(DesiredGraph.of(vpc, tg));
    String oldVpc = f.state().resources().get("vpc").physicalId();

    ApplyResult r =
        f.deploy(DesiredGraph.of(r("vpc", "fake.vpc", Map.of("cidr", "10.1.0.0/16")), tg));

    assertTrue(r.succeeded(), r.failures().toString());
    List<String> ops = f.cloud.calls().stream().skip(2).map(c -> c.op() + " " + c.id()).toList();
    assertEquals(List.of("create vpc", "update tg", "delete vpc"), ops);
    State s = f.state();
    assertEquals(Set.of("tg", "vpc"), s.resources().keySet());
    String newVpc = s.resources().get("vpc").physicalId();
    assertEquals(newVpc, s.resources().get("tg").properties().get("vpcId"));
    assertEquals(Set.of(newVpc, s.resources().get("tg").physicalId()), f.cloud.live().keySet());
    assertFalse(newVpc.equals(oldVpc));
  }

  @Test
  void apply_whenTypeCannotCoexist_deletesBeforeCreating() {
    f.type(new ResourceType("fake.named", Set.of("name"), false, true));
    f.deploy(DesiredGraph.of(r("q", "fake.named", Map.of("name", "a"))));

    f.deploy(DesiredGraph.of(r("q", "fake.named", Map.of("name", "b"))));

    List<String> ops = f.cloud.calls().stream().skip(1).map(c -> c.op() + " " + c.id()).toList();
    assertEquals(List.of("delete q", "create q"), ops);
    assertEquals(List.of("q"), f.cloud.liveIds());
  }

  @Test
  void apply_whenResourceNoLongerWanted_deletesItAfterCreatingTheNew() {
    f.deploy(DesiredGraph.of(r("old-rule", "fake.thing", Map.of())));

    ApplyResult r = f.deploy(DesiredGraph.of(r("new-rule", "fake.thing", Map.of())));

    assertTrue(r.succeeded());
    List<String> ops = f.cloud.calls().stream().skip(1).map(c -> c.op() + " " + c.id()).toList();
    assertEquals(List.of("create new-rule", "delete old-rule"), ops);
    assertEquals(Set.of("new-rule"), f.state().resources().keySet());
  }

  @Test
  void apply_givesHandlersTagsAndSecrets_andReportsEvents() {
    f.secrets.put("db.password", "hunter2");
    DesiredGraph g =
        DesiredGraph.of(
            r("db", "fake.thing", Map.of("password", new SecretRef("db.password", "fp"))));

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded());
    FakeHandler h = f.handlers.get("fake.thing");
    assertEquals(
        List.of(
            Map.of(
                "team",
                "web",
                "berth:stack",
                "hello",
                "berth:id",
                "db",
                "berth:lineage",
                f.state().lineage(),
                "berth:origin",
                "unknown@unknown 2026-01-01T00:00:00Z")),
        h.tagsSeen);
    assertEquals(List.of("hunter2"), h.secretsSeen);
    assertFalse(StateJson.write(f.state()).contains("hunter2"));
    assertEquals(
        List.of("Started", "Done", "Finished"),
        f.events.stream().map(e -> e.getClass().getSimpleName()).toList());
    assertEquals(Action.CREATE, f.events.get(0).action());
  }

  @Test
  void apply_whenSecretHasNoValue_failsWithoutLeakingAndRollsBack() {
    DesiredGraph g =
        DesiredGraph.of(r("db", "fake.thing", Map.of("password", new SecretRef("missing", "fp"))));

    ApplyResult r = f.deploy(g);

    assertEquals(1, r.failures().size());
    assertTrue(r.failures().get(0).message().contains("No value for secret 'missing'"));
    assertTrue(r.rolledBack());
    assertEquals(Map.of(), r.finalState().resources());
    assertEquals(List.of(), f.cloud.liveIds());
  }

  @Test
  void apply_handlerWaitsThroughTheContext_inVirtualTime_withWaitingEvents() {
    f.handlers.put(
        "fake.thing",
        new FakeHandler(ResourceType.of("fake.thing"), f.cloud) {
          @Override
          public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
            Observed o = super.create(ctx, props);
            java.time.Instant ready = ctx.clock().instant().plusSeconds(30);
            return ctx.await(
                "thing ready",
                java.time.Duration.ofMinutes(5),
                Backoff.WAIT,
                () ->
                    ctx.clock().instant().isBefore(ready)
                        ? WaitStep.pending("provisioning")
                        : WaitStep.done(o));
          }
        });

    ApplyResult r =
        f.deploy(DesiredGraph.of(r("a", "fake.thing", Map.of()), r("b", "fake.thing", Map.of())));

    assertTrue(r.succeeded());
    assertTrue(
        r.elapsed().compareTo(seconds(30)) >= 0 && r.elapsed().compareTo(seconds(40)) <= 0,
        r.elapsed().toString());
    List<String> waiting =
        f.events.stream()
            .filter(e -> e instanceof EngineEvent.Waiting)
            .map(e -> e.id() + ": " + ((EngineEvent.Waiting) e).reason())
            .filter(w -> !w.contains("(waited ")) // the 30 s heartbeat of a long wait
            .sorted()
            .toList();
    assertEquals(List.of("a: provisioning", "b: provisioning"), waiting);
  }
}
