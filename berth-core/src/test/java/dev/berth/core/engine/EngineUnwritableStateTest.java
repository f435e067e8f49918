package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.plan.Action;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The state store stops taking saves in the middle of a run. */
@Timeout(30)
class EngineUnwritableStateTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph g = Fixture.sample();
  private final FakeUnwritableStore unwritable = new FakeUnwritableStore(f.store);

  EngineUnwritableStateTest() {
    f.engineStore = unwritable;
  }

  private static Set<String> ids(List<Unrecorded> u) {
    return u.stream().map(Unrecorded::id).collect(Collectors.toSet());
  }

  @Test
  void apply_whenTheStateBecomesUnwritableMidRun_startsNothingNewAndListsWhatItCouldNotRecord() {
    f.cloud.takes("create", "*", seconds(10));
    // The vpc's intent and result, then the intents of two of the five that follow it.
    unwritable.failAfter(4);

    ApplyResult r = f.deploy(g);

    assertFalse(r.succeeded());
    assertFalse(r.rolledBack(), "deletes cannot be recorded, so nothing is rolled back");
    assertEquals(FakeUnwritableStore.MESSAGE, r.stateError());
    assertEquals(List.of(), f.cloud.calls("delete"));
    State stored = f.state();
    assertEquals(3, f.cloud.calls("create").size(), "no create started after the refused save");
    for (FakeCloud.Call c : f.cloud.calls("create")) {
      assertTrue(stored.resource(c.id()).isPresent(), c.id() + " created without a saved intent");
    }
    assertEquals(Status.CREATED, stored.resources().get("vpc").status());
    List<String> live = f.cloud.liveIds();
    assertEquals(live, r.created(), "what this run created is all still there");
    Set<String> unrecorded = ids(r.unrecorded());
    assertEquals(Set.copyOf(live.stream().filter(id -> !id.equals("vpc")).toList()), unrecorded);
    for (Unrecorded u : r.unrecorded()) {
      assertEquals(Unrecorded.Kind.CREATED, u.kind());
      assertEquals(Status.CREATING, u.recordedAs());
      assertEquals(Status.CREATING, stored.resources().get(u.id()).status());
      assertTrue(f.cloud.live().containsKey(u.physicalId()), u.toString());
      assertEquals(r.finalState().resources().get(u.id()).physicalId(), u.physicalId());
    }
    assertTrue(
        r.failures().stream()
            .allMatch(
                x ->
                    x.message()
                        .equals(
                            "could not record it in the state: " + FakeUnwritableStore.MESSAGE)),
        r.failures().toString());
    assertTrue(r.failures().size() >= 2, r.failures().toString());

    unwritable.heal();
    assertEquals(Action.CREATE, f.plan(g).change(live.get(0)).orElseThrow().action());
    ApplyResult again = f.deploy(g);

    assertTrue(again.succeeded(), again.failures().toString());
    assertNull(again.stateError());
    assertEquals(List.of(), again.unrecorded());
    for (String id : g.order()) {
      long creates = f.cloud.calls("create").stream().filter(c -> c.id().equals(id)).count();
      assertEquals(1, creates, id + " was created twice");
    }
    assertEquals(g.order().stream().sorted().toList(), f.cloud.liveIds());
  }

  @Test
  void apply_whenTheFirstSaveFails_makesNoCallAtAll() {
    unwritable.failAfter(0);

    ApplyResult r = f.deploy(g);

    assertFalse(r.succeeded());
    assertEquals(List.of(), f.cloud.calls());
    assertEquals(List.of(), r.unrecorded());
    assertEquals(List.of(), r.created());
    assertEquals(1, r.failures().size(), r.failures().toString());
    assertEquals("vpc", r.failures().get(0).id());
  }

  @Test
  void apply_whenAnUpdateIsMadeButNotRecorded_reportsItAsUpdatedAndTheNextRunRepeatsIt() {
    DesiredGraph one = DesiredGraph.of(r("thing", "fake.thing", Map.of("size", 1)));
    assertTrue(f.deploy(one).succeeded());
    DesiredGraph bigger = DesiredGraph.of(r("thing", "fake.thing", Map.of("size", 2)));
    unwritable.failAfter(1); // the UPDATING intent, not the result

    ApplyResult r = f.deploy(bigger);

    assertEquals(1, r.unrecorded().size(), r.unrecorded().toString());
    Unrecorded u = r.unrecorded().get(0);
    assertEquals(Unrecorded.Kind.UPDATED, u.kind());
    assertEquals(Status.UPDATING, u.recordedAs());
    assertEquals(List.of(), r.created());

    unwritable.heal();
    assertEquals(Action.UPDATE, f.plan(bigger).change("thing").orElseThrow().action());
    assertTrue(f.deploy(bigger).succeeded());
    assertEquals(2L, f.state().resources().get("thing").properties().get("size"));
  }

  @Test
  void apply_whenACreateFailsAndTheStateIsWritableAgain_rollsBackAsUsual() {
    f.cloud.fail("create", "igw", ErrorKind.FATAL);
    f.cloud.takes("create", "igw", seconds(20));
    f.cloud.takes("create", "*", seconds(10));

    ApplyResult r = f.deploy(g);

    assertTrue(r.rolledBack());
    assertEquals(List.of(), r.created());
    assertEquals(List.of(), r.unrecorded());
    assertNull(r.stateError());
    assertEquals(List.of(), f.cloud.liveIds());
  }

  @Test
  void destroy_whenTheStateBecomesUnwritable_stopsDeletingAndListsWhatIsGoneButStillRecorded() {
    assertTrue(f.deploy(g).succeeded());
    f.cloud.takes("delete", "*", seconds(10));
    unwritable.failAfter(3); // the listener's intent and removal, then one intent of lb and tg

    DestroyResult r = f.destroy();

    assertFalse(r.succeeded());
    assertEquals(FakeUnwritableStore.MESSAGE, r.stateError());
    List<String> deleted =
        f.cloud.calls("delete").stream()
            .filter(FakeCloud.Call::ok)
            .map(FakeCloud.Call::id)
            .toList();
    assertEquals(2, deleted.size(), deleted.toString());
    assertTrue(deleted.contains("listener"));
    String second = deleted.get(1);
    assertTrue(Set.of("lb", "tg").contains(second), second);
    assertEquals(1, r.unrecorded().size(), r.unrecorded().toString());
    Unrecorded u = r.unrecorded().get(0);
    assertEquals(second, u.id());
    assertEquals(Unrecorded.Kind.DELETED, u.kind());
    assertEquals(Status.DELETING, u.recordedAs());
    assertEquals(Status.DELETING, f.state().resources().get(second).status());
    assertFalse(r.remaining().resources().containsKey(second), "gone, as far as the run knows");
    assertEquals(6, r.remaining().resources().size());
    assertTrue(
        r.failures().stream().noneMatch(x -> x.message().startsWith("not deleted")),
        "what was not started is not blamed on a dependent: " + r.failures());

    unwritable.heal();
    DestroyResult again = f.destroy();

    assertTrue(again.succeeded(), again.failures().toString());
    assertEquals(List.of(), f.cloud.liveIds());
    assertEquals(Map.of(), f.state().resources());
    ResourceState none = f.state().resources().get(second);
    assertNull(none);
  }
}
