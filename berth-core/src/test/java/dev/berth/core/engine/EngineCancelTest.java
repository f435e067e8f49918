package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run cancelled from outside (Ctrl-C): stop starting, finish and record what is in flight. */
@Timeout(30)
class EngineCancelTest {
  private final Fixture f = new Fixture();
  private final Cancellation cancel = new Cancellation();

  /** Cancels the run when the first event matching {@code when} is sent. */
  private Engine engine(Predicate<EngineEvent> when) {
    Engine.Builder b =
        Engine.builder()
            .classifier(FakeError.CLASSIFIER)
            .clock(f.clock)
            .store(f.store)
            .events(
                e -> {
                  f.events.add(e);
                  if (when.test(e)) {
                    cancel.cancel();
                  }
                })
            .options(f.options)
            .cancellation(cancel);
    f.handlers.values().forEach(b::handler);
    return b.build();
  }

  private ApplyResult deploy(DesiredGraph g, Engine e) {
    return e.apply(g, f.plan(g), f.state(), ApplyOptions.DEFAULT);
  }

  private static Predicate<EngineEvent> started(String id) {
    return e -> e instanceof EngineEvent.Started && id.equals(e.id());
  }

  @Test
  void apply_whenCancelledMidRun_finishesCallsInFlightRecordsThemAndStartsNothingNew() {
    f.cloud.takes("create", "*", seconds(5));
    DesiredGraph g = Fixture.sample();

    ApplyResult r = deploy(g, engine(started("igw")));

    assertTrue(cancel.isCancelled());
    assertFalse(r.rolledBack());
    assertEquals(List.of(), f.cloud.calls("delete"), "a cancelled run does not roll back");
    List<String> created =
        f.state().resources().values().stream()
            .filter(rs -> rs.status() == Status.CREATED)
            .map(ResourceState::id)
            .sorted()
            .toList();
    assertEquals(f.cloud.liveIds(), created, "everything made is recorded");
    assertTrue(created.contains("igw"), created.toString());
    assertFalse(created.contains("lb"), "lb waits for igw: it must not start");
    assertTrue(f.cloud.last("create", "lb").isEmpty());
    assertTrue(f.cloud.last("create", "listener").isEmpty());
    assertEquals(List.of(), r.failures(), "calls in flight finished; nothing failed");
  }

  @Test
  void apply_afterACancelledRun_continuesWhereItStopped() {
    f.cloud.takes("create", "*", seconds(5));
    DesiredGraph g = Fixture.sample();
    deploy(g, engine(started("igw")));

    ApplyResult r = f.deploy(g);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(8, f.cloud.liveIds().size());
    assertEquals(1, f.cloud.calls("create").stream().filter(c -> c.id().equals("vpc")).count());
  }

  @Test
  void apply_whenCancelledDuringAWait_endsTheWaitAtOnceAndKeepsTheIntent() {
    ResourceType slow = ResourceType.of("fake.slow");
    f.types.put(slow.name(), slow);
    f.handlers.put(
        slow.name(),
        new FakeHandler(slow, f.cloud) {
          @Override
          public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
            Observed o = super.create(ctx, props);
            return ctx.await(
                "it to be ready",
                Duration.ofMinutes(15),
                Backoff.WAIT,
                () -> WaitStep.pending("provisioning"));
          }
        });
    DesiredGraph g = DesiredGraph.of(r("a", "fake.slow", Map.of()));

    ApplyResult r = deploy(g, engine(e -> e instanceof EngineEvent.Waiting));

    assertTrue(r.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "" + r.elapsed());
    assertEquals(1, r.failures().size());
    assertTrue(r.failures().get(0).message().contains("cancelled"), r.failures().toString());
    assertFalse(r.rolledBack());
    assertEquals(Status.CREATING, f.state().resource("a").orElseThrow().status());
    assertEquals(List.of(), f.cloud.calls("delete"));
  }

  @Test
  void apply_whenCancelledBeforeItStarts_makesNoCall() {
    cancel.cancel();

    ApplyResult r = deploy(Fixture.sample(), engine(e -> false));

    assertEquals(List.of(), f.cloud.calls());
    assertEquals(List.of(), r.failures());
  }

  @Test
  void destroy_whenCancelled_leavesWhatWasNotStartedRecordedWithoutFailures() {
    DesiredGraph g = Fixture.sample();
    assertTrue(f.deploy(g).succeeded());
    f.cloud.takes("delete", "*", seconds(5));

    DestroyResult d = engine(started("listener")).destroy(f.state());

    assertEquals(List.of(), d.failures());
    assertTrue(d.remaining().resource("vpc").isPresent());
    assertFalse(d.remaining().resource("listener").isPresent(), "the delete in flight finished");
    assertEquals(f.cloud.liveIds().size(), d.remaining().resources().size());
  }
}
