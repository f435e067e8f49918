package dev.berth.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observation;
import dev.berth.core.resource.Observed;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, ResourceType> TYPES =
      Map.of("role", ResourceType.of("role", "name"), "task", ResourceType.of("task", "roleArn"));
  private static final DesiredGraph GRAPH =
      DesiredGraph.of(
          new Resource("role", "role", Map.of("name", "r", "policy", "p1")),
          new Resource("task", "task", Map.of("roleArn", Ref.to("role", "arn"))));

  private static State deployed() {
    return State.initial("hello", T0)
        .with(
            new ResourceState(
                "role",
                "role",
                Status.CREATED,
                "r",
                Map.of("name", "r", "policy", "p1"),
                Map.of("arn", "arn:r"),
                Set.of(),
                T0,
                null))
        .with(
            new ResourceState(
                "task",
                "task",
                Status.CREATED,
                "t1",
                Map.of("roleArn", "arn:r"),
                Map.of(),
                Set.of("role"),
                T0,
                null));
  }

  private static Map<String, Observation> seen(Observation role, Observation task) {
    Map<String, Observation> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("task", task);
    return m;
  }

  private static Observation live(String id, Map<String, Object> props) {
    return new Observation(new Observed(id, Map.of(), props, null), null);
  }

  @Test
  void plan_whenEveryRecordedResourceIsGone_createsThemAgain() {
    Refresh r = Refresh.of(seen(new Observation(null, null), new Observation(null, null)));

    Plan p = Planner.plan(GRAPH, deployed(), TYPES, r);

    assertEquals(2, p.count(Action.CREATE), p::summary);
    assertEquals("deleted outside berth", p.changes().get(0).reason());
    assertEquals(2, r.reads());
  }

  @Test
  void plan_whenARoleIsGone_createsItAndReplacesWhatUsesIt() {
    Refresh r =
        Refresh.of(seen(new Observation(null, null), live("t1", Map.of("roleArn", "arn:r"))));

    Plan p = Planner.plan(GRAPH, deployed(), TYPES, r);
    State base = r.applyTo(deployed(), p);

    assertEquals(Action.CREATE, p.changes().get(0).action());
    assertEquals(Action.REPLACE, p.changes().get(1).action());
    assertFalse(base.resources().containsKey("role"), "the engine starts without the gone role");
    assertTrue(base.resources().containsKey("task"));
  }

  @Test
  void plan_whenAResourceCannotBeRead_plansItAsRecorded() {
    Refresh r =
        Refresh.of(
            seen(new Observation(null, "AccessDenied"), live("t1", Map.of("roleArn", "arn:r"))));

    Plan p = Planner.plan(GRAPH, deployed(), TYPES, r);

    assertFalse(p.hasChanges(), p::summary);
    assertEquals(Map.of("role", "AccessDenied"), r.unreadable());
  }

  @Test
  void applyTo_whenAPropertyDrifted_givesTheEngineTheLiveValueAsTheOldOne() {
    Refresh r =
        Refresh.of(
            seen(
                live("r", Map.of("name", "r", "policy", "changed-by-hand")),
                live("t1", Map.of("roleArn", "arn:r"))));

    Plan p = Planner.plan(GRAPH, deployed(), TYPES, r);
    State base = r.applyTo(deployed(), p);

    Change role = p.changes().get(0);
    assertEquals(Action.UPDATE, role.action());
    assertTrue(role.changes().get(0).drift());
    assertEquals("changed-by-hand", base.resources().get("role").properties().get("policy"));
    assertEquals(deployed().serial(), base.serial(), "same serial: the first save still swaps");
  }

  @Test
  void none_trustsTheState() {
    Plan p = Planner.plan(GRAPH, deployed(), TYPES, Refresh.NONE);

    assertFalse(p.hasChanges());
    assertEquals(deployed().resources(), Refresh.NONE.applyTo(deployed(), p).resources());
  }
}
