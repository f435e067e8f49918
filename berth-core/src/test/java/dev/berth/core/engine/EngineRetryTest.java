package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static dev.berth.core.engine.Fixture.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EngineRetryTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph one = DesiredGraph.of(r("a", "fake.thing", Map.of()));

  @Test
  void apply_whenTransientErrorsNeverStop_givesUpAtTheDeadline() {
    f.cloud.fail("create", "a", ErrorKind.TRANSIENT);

    ApplyResult r = f.deploy(one);

    assertEquals(Duration.ofMinutes(5), r.elapsed());
    Failure failure = r.failures().get(0);
    assertEquals("Fake TRANSIENT: create a refused", failure.message());
    assertTrue(failure.hint().contains("kept failing for 5 min"), failure.hint());
    int creates = f.cloud.calls("create").size();
    assertTrue(creates > 5, "retried " + creates + " times");
    assertEquals(
        creates, f.cloud.calls("find").size(), "find before every retry, and in the rollback");
    long retrying = f.events.stream().filter(e -> e instanceof EngineEvent.Retrying).count();
    assertEquals(creates - 1, retrying);
  }

  @Test
  void apply_deadlineIsFixedAtTheFirstFailure_evenWhenCallsTakeTime() {
    f.options = f.options.withTransientDeadline(Duration.ofMinutes(2));
    f.cloud.takes("create", "a", seconds(50));
    f.cloud.fail("create", "a", ErrorKind.TRANSIENT);

    ApplyResult r = f.deploy(one);

    // First failure at 50 s: the deadline is 2 min later; the last attempt starts by then.
    Duration e = r.elapsed();
    assertTrue(
        e.compareTo(Duration.ofSeconds(170)) >= 0 && e.compareTo(Duration.ofSeconds(220)) <= 0,
        e.toString());
    FakeCloud.Call last = f.cloud.last("create", "a").orElseThrow();
    assertTrue(!last.start().isAfter(Fixture.T0.plusSeconds(170)), last.toString());
  }

  @Test
  void apply_whenTransientErrorsStop_succeeds() {
    f.cloud.failTimes("create", "a", ErrorKind.TRANSIENT, 3);

    ApplyResult r = f.deploy(one);

    assertTrue(r.succeeded());
    assertEquals(4, f.cloud.calls("create").size());
    assertEquals(List.of("a"), f.cloud.liveIds());
  }

  @Test
  void apply_whenAProviderBerthExceptionIsClassifiedTransient_retriesIt() {
    f.cloud.failTimesWithHint("create", "a", ErrorKind.TRANSIENT, 2);

    ApplyResult r = f.deploy(one);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(3, f.cloud.calls("create").size());
  }

  @Test
  void apply_whenCreateSucceededServerSideButReportedTransient_findsItInsteadOfDuplicating() {
    f.cloud.failAfterEffect("create", "a", ErrorKind.TRANSIENT);

    ApplyResult r = f.deploy(one);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(1, f.cloud.calls("create").size());
    assertEquals(1, f.cloud.calls("find").size());
    assertEquals(List.of("a"), f.cloud.liveIds());
    assertEquals(
        f.cloud.live().keySet().iterator().next(), f.state().resources().get("a").physicalId());
  }

  @Test
  void apply_whenGoneDuringCreate_retriesItAsAConsistencyWindow() {
    f.cloud.failTimes("create", "a", ErrorKind.GONE, 2);

    assertTrue(f.deploy(one).succeeded());
    assertEquals(3, f.cloud.calls("create").size());
  }

  @Test
  void apply_whenErrorIsUnclassified_failsAtOnce() {
    f.handlers.put(
        "fake.thing",
        new FakeHandler(dev.berth.core.graph.ResourceType.of("fake.thing"), f.cloud) {
          @Override
          public Observed create(ResourceContext ctx, Map<String, Object> props) {
            throw new IllegalStateException("boom");
          }
        });

    ApplyResult r = f.deploy(one);

    assertEquals("IllegalStateException: boom", r.failures().get(0).message());
    assertEquals(Duration.ZERO, r.elapsed());
  }

  @Test
  void destroy_whenDependencyErrorsPersist_retriesUntilTheDependencyDeadline() {
    f.deploy(one);
    f.cloud.failTimes("delete", "a", ErrorKind.DEPENDENCY, 4);

    DestroyResult r = f.destroy();

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(5, f.cloud.calls("delete").size());

    f.deploy(one);
    f.cloud.fail("delete", "a", ErrorKind.DEPENDENCY);
    java.time.Instant before = f.clock.instant();
    DestroyResult stuck = f.destroy();
    assertEquals(Duration.ofMinutes(20), Duration.between(before, f.clock.instant()));
    assertTrue(stuck.failures().get(0).hint().contains("depends on it"), stuck.toString());
  }
}
