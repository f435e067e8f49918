package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Action;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EngineRecoveryTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph g =
      DesiredGraph.of(
          r("vpc", "fake.vpc", Map.of("cidr", "10.0.0.0/16")),
          r("lb", "fake.thing", Map.of("vpcId", Ref.to("vpc", "id"))),
          r("listener", "fake.thing", Map.of("lb", Ref.to("lb", "arn"))));

  @Test
  void apply_afterCrashBetweenIntentAndResult_nextRunFindsTheResourceInsteadOfDuplicating() {
    f.cloud.crashAfterEffect("create", "lb");

    assertThrows(FakeCrash.class, () -> f.deploy(g));

    State crashed = f.state();
    assertEquals(Status.CREATED, crashed.resources().get("vpc").status());
    ResourceState lb = crashed.resources().get("lb");
    assertEquals(Status.CREATING, lb.status());
    assertEquals(null, lb.physicalId());
    assertEquals(Set.of("vpc", "lb"), crashed.resources().keySet());
    assertEquals(List.of("lb", "vpc"), f.cloud.liveIds());

    assertEquals(Action.CREATE, f.plan(g).change("lb").orElseThrow().action());
    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(1, f.cloud.calls("create").stream().filter(c -> c.id().equals("lb")).count());
    assertEquals(List.of("lb", "listener", "vpc"), f.cloud.liveIds());
    String lbId = f.state().resources().get("lb").physicalId();
    assertTrue(f.cloud.live().containsKey(lbId));
    assertEquals("arn:fake:" + lbId, f.state().resources().get("listener").properties().get("lb"));
  }

  @Test
  void apply_afterCrashBeforeTheResourceWasReady_nextRunWaitsForItBeforeGoingOn() {
    List<String> readied = new ArrayList<>();
    f.handlers.put(
        "fake.thing",
        new FakeHandler(ResourceType.of("fake.thing"), f.cloud) {
          @Override
          public Observed awaitReady(
              ResourceContext ctx, Observed found, Map<String, Object> props) {
            readied.add(ctx.logicalId());
            Map<String, String> outputs = new HashMap<>(found.outputs());
            outputs.put("ready", "yes");
            return new Observed(found.physicalId(), outputs, found.properties(), "ready");
          }
        });
    f.cloud.crashAfterEffect("create", "lb");
    assertThrows(FakeCrash.class, () -> f.deploy(g));

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(List.of("lb"), readied);
    assertEquals("yes", f.state().resources().get("lb").outputs().get("ready"));
    assertEquals(1, f.cloud.calls("create").stream().filter(c -> c.id().equals("lb")).count());
  }

  @Test
  void apply_afterCrashBeforeTheCreateTookEffect_nextRunCreatesIt() {
    f.deploy(DesiredGraph.of(r("vpc", "fake.vpc", Map.of("cidr", "10.0.0.0/16"))));
    State s =
        f.state()
            .with(
                new ResourceState(
                    "lb",
                    "fake.thing",
                    Status.CREATING,
                    null,
                    Map.of("vpcId", f.state().resources().get("vpc").physicalId()),
                    Map.of(),
                    Set.of("vpc"),
                    Fixture.T0,
                    null))
            .successor(Fixture.T0);
    f.store.save(f.state(), s);

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(1, f.cloud.calls("find").size());
    assertEquals(List.of("lb", "listener", "vpc"), f.cloud.liveIds());
  }

  @Test
  void apply_afterCrashLeftTheResourceHalfMade_nextRunCompletesItInPlace() {
    DesiredGraph g =
        DesiredGraph.of(
            r("vpc", "fake.vpc", Map.of("cidr", "10.0.0.0/16")),
            r("igw", "fake.igw", Map.of("vpcId", Ref.to("vpc", "id"))));
    f.deploy(DesiredGraph.of(g.resource("vpc")));
    String vpc = f.state().resources().get("vpc").physicalId();
    // A gateway created but never attached: the process died between the two calls.
    synchronized (f.cloud) {
      f.cloud.put("fake.igw", "igw", Map.of("vpcId", "none"));
    }
    State s =
        f.state()
            .with(
                new ResourceState(
                    "igw",
                    "fake.igw",
                    Status.CREATING,
                    null,
                    Map.of("vpcId", vpc),
                    Map.of(),
                    Set.of("vpc"),
                    Fixture.T0,
                    null))
            .successor(Fixture.T0);
    f.store.save(f.state(), s);

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(0, f.cloud.calls("create").stream().filter(c -> c.id().equals("igw")).count());
    assertEquals(1, f.cloud.calls("update").stream().filter(c -> c.id().equals("igw")).count());
    ResourceState igw = f.state().resources().get("igw");
    assertEquals(Status.CREATED, igw.status());
    assertEquals(vpc, igw.properties().get("vpcId"));
    assertEquals(vpc, f.cloud.live().get(igw.physicalId()).props().get("vpcId"));
  }

  @Test
  void destroy_afterCrashDuringDelete_deletesAgainAndTreatsGoneAsDone() {
    f.deploy(g);
    f.cloud.crashAfterEffect("delete", "listener");

    assertThrows(FakeCrash.class, () -> f.destroy());
    assertEquals(Status.DELETING, f.state().resources().get("listener").status());

    DestroyResult r = f.destroy();

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(Map.of(), r.remaining().resources());
    assertEquals(List.of(), f.cloud.liveIds());
  }

  @Test
  void apply_afterCrashMidReplacement_nextRunDeletesTheLeftoverOldCopy() {
    f.cloud.takes("create", "*", seconds(10));
    f.deploy(g);
    String oldVpc = f.state().resources().get("vpc").physicalId();
    DesiredGraph changed =
        DesiredGraph.of(
            r("vpc", "fake.vpc", Map.of("cidr", "10.1.0.0/16")),
            g.resource("lb"),
            g.resource("listener"));
    f.cloud.crashAfterEffect("delete", "vpc");

    assertThrows(FakeCrash.class, () -> f.deploy(changed));
    assertTrue(f.state().resources().containsKey("vpc~old"));

    ApplyResult r = f.deploy(changed);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(Set.of("vpc", "lb", "listener"), f.state().resources().keySet());
    assertTrue(!f.cloud.live().containsKey(oldVpc));
    assertEquals(List.of("lb", "listener", "vpc"), f.cloud.liveIds());
  }
}
