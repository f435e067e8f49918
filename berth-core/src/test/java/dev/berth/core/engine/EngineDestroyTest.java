package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EngineDestroyTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph g = Fixture.sample();

  @Test
  void destroy_deletesEverythingDependentsFirst_inParallelWhereIndependent() {
    f.deploy(g);
    f.cloud.takes("delete", "*", seconds(10));

    DestroyResult r = f.destroy();

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(Map.of(), r.remaining().resources());
    assertEquals(List.of(), f.cloud.liveIds());
    for (String a : g.order()) {
      for (String b : g.dependenciesOf(a)) {
        FakeCloud.Call da = f.cloud.last("delete", a).orElseThrow();
        FakeCloud.Call db = f.cloud.last("delete", b).orElseThrow();
        assertTrue(!da.end().isAfter(db.start()), a + " must be deleted before " + b);
      }
    }
    // listener; lb and tg; igw, subnets and sg; vpc: four rounds of 10 s.
    FakeCloud.Call vpc = f.cloud.last("delete", "vpc").orElseThrow();
    assertEquals(Fixture.T0.plusSeconds(40), vpc.end());
  }

  @Test
  void destroy_whenTypeCascadesDelete_deletesItWithoutWaitingForItsDependents() {
    f.type(ResourceType.of("fake.lb", "subnets").withCascadingDelete());
    f.deploy(g);
    f.cloud.takes("delete", "listener", seconds(30));

    DestroyResult r = f.destroy();

    assertTrue(r.succeeded(), r.failures().toString());
    FakeCloud.Call lb = f.cloud.last("delete", "lb").orElseThrow();
    FakeCloud.Call listener = f.cloud.last("delete", "listener").orElseThrow();
    assertEquals(Fixture.T0, lb.start(), "the load balancer goes first");
    assertTrue(listener.end().isAfter(lb.end()));
    // What the load balancer depends on still waits for it.
    FakeCloud.Call subnet = f.cloud.last("delete", "subnet-a").orElseThrow();
    assertTrue(!lb.end().isAfter(subnet.start()));
  }

  @Test
  void destroy_whenADeleteFails_continuesPastItAndReportsWhatRemains() {
    f.deploy(g);
    f.cloud.fail("delete", "subnet-a", ErrorKind.FATAL);

    DestroyResult r = f.destroy();

    assertEquals(List.of("subnet-a", "vpc"), r.failures().stream().map(Failure::id).toList());
    assertEquals("Fake FATAL: delete subnet-a refused", r.failures().get(0).message());
    State s = r.remaining();
    assertEquals(Set.of("subnet-a", "vpc"), s.resources().keySet());
    assertEquals(Status.DELETE_FAILED, s.resources().get("subnet-a").status());
    assertEquals(s, f.state(), "what remains is saved");
    assertEquals(List.of("subnet-a", "vpc"), f.cloud.liveIds());

    f.cloud.clearFaults();
    assertTrue(f.destroy().succeeded());
    assertEquals(List.of(), f.cloud.liveIds());
  }

  @Test
  void destroy_whenAlreadyGone_succeeds() {
    f.deploy(g);
    f.cloud.removeOutside("listener");

    assertTrue(f.destroy().succeeded());
  }

  @Test
  void destroy_retainedTypeIsForgottenNotDeleted() {
    f.type(new ResourceType("fake.slr", Set.of(), true, false));
    f.deploy(DesiredGraph.of(Fixture.r("slr", "fake.slr", Map.of())));

    DestroyResult r = f.destroy();

    assertTrue(r.succeeded());
    assertEquals(Map.of(), r.remaining().resources());
    assertEquals(List.of(), f.cloud.calls("delete"));
    assertEquals(List.of("slr"), f.cloud.liveIds());
  }

  @Test
  void destroy_whenNoHandlerForARecordedType_reportsItAndKeepsIt() {
    f.deploy(DesiredGraph.of(Fixture.r("x", "fake.thing", Map.of())));
    f.handlers.remove("fake.thing");

    DestroyResult r = f.destroy();

    assertEquals(List.of("x"), r.failures().stream().map(Failure::id).toList());
    assertTrue(r.failures().get(0).message().contains("no handler"), r.failures().toString());
    assertEquals(Status.DELETE_FAILED, r.remaining().resources().get("x").status());
  }
}
