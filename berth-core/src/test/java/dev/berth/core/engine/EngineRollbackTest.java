package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.plan.Action;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class EngineRollbackTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph g = Fixture.sample();

  private Set<String> ids(List<FakeCloud.Call> calls) {
    return calls.stream()
        .filter(FakeCloud.Call::ok)
        .map(FakeCloud.Call::id)
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vpc", "igw", "subnet-a", "subnet-b", "sg", "lb", "tg", "listener"})
  void apply_whenACreateFails_rollsBackExactlyWhatThisRunCreated_inReverseOrder(String failing) {
    f.cloud.takes("create", "*", seconds(10));
    f.cloud.takes("create", "tg", seconds(5));
    f.cloud.takes("delete", "*", seconds(3));
    f.cloud.fail("create", failing, ErrorKind.FATAL);

    ApplyResult r = f.deploy(g);

    assertTrue(r.rolledBack());
    assertEquals(List.of(failing), r.failures().stream().map(Failure::id).toList());
    Failure failure = r.failures().get(0);
    assertEquals("Fake FATAL: create " + failing + " refused", failure.message());
    assertEquals(Action.CREATE, failure.action());

    Set<String> created = ids(f.cloud.calls("create"));
    assertFalse(created.contains(failing));
    assertEquals(created, ids(f.cloud.calls("delete")), "deleted exactly what was created");
    assertEquals(List.of(), f.cloud.liveIds());
    assertEquals(Map.of(), r.finalState().resources());
    assertEquals(Map.of(), f.state().resources());

    FakeCloud.Call failed = f.cloud.last("create", failing).orElseThrow();
    for (FakeCloud.Call c : f.cloud.calls("create")) {
      assertTrue(c.startSeq() < failed.endSeq(), c.id() + " was started after the failure");
    }
    for (String a : created) {
      for (String b : g.dependenciesOf(a)) {
        FakeCloud.Call da = f.cloud.last("delete", a).orElseThrow();
        FakeCloud.Call db = f.cloud.last("delete", b).orElseThrow();
        assertTrue(da.endSeq() < db.startSeq(), a + " must be deleted before " + b);
      }
    }
    long rolledBackEvents =
        f.events.stream().filter(e -> e instanceof EngineEvent.RolledBack).count();
    assertEquals(created.size(), rolledBackEvents);
  }

  @Test
  void apply_whenFailingWhileOthersRun_letsThemFinishAndRollsThemBackToo() {
    f.cloud.takes("create", "*", seconds(10));
    f.cloud.takes("create", "tg", seconds(5));
    f.cloud.fail("create", "tg", ErrorKind.FATAL);

    ApplyResult r = f.deploy(g);

    // vpc 0-10 s; tg fails at 15 s while igw, subnets and sg run until 20 s.
    assertEquals(Set.of("vpc", "igw", "subnet-a", "subnet-b", "sg"), ids(f.cloud.calls("create")));
    assertTrue(f.cloud.calls("create").stream().noneMatch(c -> c.id().equals("lb")));
    assertTrue(r.rolledBack());
  }

  @Test
  void apply_withNoRollback_keepsWhatWasCreatedAndTheFailedIntent() {
    f.cloud.fail("create", "lb", ErrorKind.FATAL);

    ApplyResult r = f.deploy(g, new ApplyOptions(true));

    assertFalse(r.rolledBack());
    State s = f.state();
    assertEquals(Status.CREATING, s.resources().get("lb").status());
    assertEquals(Status.CREATED, s.resources().get("vpc").status());
    assertEquals(6, f.cloud.liveIds().size(), "all but lb and listener");

    f.cloud.clearFaults();
    ApplyResult again = f.deploy(g);

    assertTrue(again.succeeded(), again.failures().toString());
    assertEquals(8, f.cloud.liveIds().size());
    assertEquals(1, f.cloud.calls("find").size(), "lb was looked for before being created");
    assertEquals(1, f.cloud.calls("create").stream().filter(c -> c.id().equals("vpc")).count());
  }

  @Test
  void rollback_whenADeleteFails_continuesWithTheRestAndKeepsItAsDeleteFailed() {
    f.cloud.fail("create", "listener", ErrorKind.FATAL);
    f.cloud.fail("delete", "sg", ErrorKind.FATAL);

    ApplyResult r = f.deploy(g);

    assertTrue(r.rolledBack());
    assertEquals(List.of("listener", "sg", "vpc"), r.failures().stream().map(Failure::id).toList());
    assertTrue(r.failures().get(2).message().startsWith("not deleted"), r.failures().toString());
    State s = f.state();
    assertEquals(Set.of("sg", "vpc"), s.resources().keySet());
    assertEquals(Status.DELETE_FAILED, s.resources().get("sg").status());
    assertEquals("Fake FATAL: delete sg refused", s.resources().get("sg").error());
    assertEquals(Status.CREATED, s.resources().get("vpc").status());
    assertEquals(List.of("sg", "vpc"), f.cloud.liveIds());
    assertTrue(
        f.events.stream()
            .anyMatch(e -> e instanceof EngineEvent.DeleteFailed d && d.id().equals("sg")));
  }

  @Test
  void rollback_whenReplacementFails_deletesTheNewCopyAndRestoresTheOld() {
    f.deploy(g);
    String oldVpc = f.state().resources().get("vpc").physicalId();
    DesiredGraph changed =
        DesiredGraph.of(
            g.resources().values().stream()
                .map(
                    r ->
                        r.id().equals("vpc")
                            ? Fixture.r("vpc", "fake.vpc", Map.of("cidr", "10.9.0.0/16"))
                            : r)
                .toList());
    f.cloud.fail("create", "igw", ErrorKind.FATAL);

    ApplyResult r = f.deploy(changed);

    assertTrue(r.rolledBack());
    State s = f.state();
    assertEquals(oldVpc, s.resources().get("vpc").physicalId());
    assertFalse(s.resources().containsKey("vpc~old"));
    assertTrue(f.cloud.live().containsKey(oldVpc));
  }

  @Test
  void rollback_whenOnlyTheOldCopyCouldNotBeDeleted_keepsTheNewCopyThatAnUpdatedResourceUses() {
    DesiredGraph v1 =
        DesiredGraph.of(
            Fixture.r("td", "fake.vpc", Map.of("cidr", "10.0.0.0/16")),
            Fixture.r("service", "fake.thing", Map.of("td", Ref.to("td", "arn"))));
    f.deploy(v1);
    String oldTd = f.state().resources().get("td").physicalId();
    DesiredGraph v2 =
        DesiredGraph.of(
            Fixture.r("td", "fake.vpc", Map.of("cidr", "10.1.0.0/16")), v1.resource("service"));
    f.cloud.failTimes("delete", "td", ErrorKind.FATAL, 1);

    ApplyResult r = f.deploy(v2);

    assertFalse(r.succeeded());
    State s = f.state();
    String newTd = s.resources().get("td").physicalId();
    assertNotEquals(oldTd, newTd);
    assertTrue(f.cloud.live().containsKey(newTd), "the new copy the service uses was deleted");
    assertEquals(Status.CREATED, s.resources().get("td").status());
    assertEquals("arn:fake:" + newTd, s.resources().get("service").properties().get("td"));
    assertEquals(oldTd, s.resources().get("td~old").physicalId());
    assertEquals(Status.DELETE_FAILED, s.resources().get("td~old").status());

    assertTrue(f.deploy(v2).succeeded());
    assertEquals(Set.of("td", "service"), f.state().resources().keySet());
    assertFalse(f.cloud.live().containsKey(oldTd));
  }
}
