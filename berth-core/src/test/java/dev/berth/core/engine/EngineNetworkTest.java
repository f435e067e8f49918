package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Observation;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.state.ResourceState;
import dev.berth.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A provider that cannot be reached, and waits that must not be silent. */
@Timeout(30)
class EngineNetworkTest {
  private final Fixture f = new Fixture();
  private final DesiredGraph one = DesiredGraph.of(r("a", "fake.thing", Map.of()));

  @Test
  void apply_whenTheProviderStaysUnreachable_failsAtTheUnreachableDeadlineNamingIt() {
    f.cloud.unreachableTimes("create", "a", -1);

    ApplyResult r = f.deploy(one);

    assertTrue(r.elapsed().compareTo(EngineOptions.UNREACHABLE_DEADLINE) <= 0, "" + r.elapsed());
    Failure failure = r.failures().get(0);
    assertEquals(FakeError.UNREACHABLE + ": connection refused", failure.message());
    assertTrue(failure.hint().contains("check the endpoint URL, the network"), failure.hint());
    assertFalse(r.rolledBack());
  }

  @Test
  void apply_whenTheProviderIsUnreachableForAMoment_retriesAndSucceeds() {
    f.cloud.unreachableTimes("create", "a", 3);

    ApplyResult r = f.deploy(one);

    assertTrue(r.succeeded(), r.failures().toString());
    assertEquals(List.of("a"), f.cloud.liveIds());
  }

  @Test
  void apply_whenTheProviderGoesAwayMidRun_keepsWhatExistsRecordedInsteadOfRollingBack() {
    for (String id : List.of("igw", "subnet-a", "subnet-b", "sg", "tg")) {
      f.cloud.unreachableTimes("create", id, -1);
    }

    ApplyResult r = f.deploy(Fixture.sample());

    assertFalse(r.succeeded());
    assertFalse(r.rolledBack());
    assertEquals(List.of("vpc"), f.cloud.liveIds());
    assertEquals(ResourceState.Status.CREATED, f.state().resource("vpc").orElseThrow().status());
    assertEquals(List.of(), f.cloud.calls("delete"));
    assertTrue(r.elapsed().compareTo(Duration.ofSeconds(30)) <= 0, "" + r.elapsed());
  }

  @Test
  void destroy_afterGivingUpOnTheProvider_failsTheOtherCallsAtOnce() {
    DesiredGraph two =
        DesiredGraph.of(r("a", "fake.thing", Map.of()), r("b", "fake.thing", Map.of()));
    f.deploy(two);
    f.cloud.unreachableTimes("delete", "a", -1);
    f.cloud.unreachableTimes("delete", "b", -1);
    f.parallelism = 1;
    Instant start = f.clock.instant();

    DestroyResult d = f.destroy();

    assertEquals(2, d.failures().size(), d.failures().toString());
    Duration took = Duration.between(start, f.clock.instant());
    assertTrue(took.compareTo(Duration.ofSeconds(25)) <= 0, "one deadline, not two: " + took);
  }

  @Test
  void observe_afterGivingUpOnTheProvider_readsTheRestOnce() {
    DesiredGraph two =
        DesiredGraph.of(r("a", "fake.thing", Map.of()), r("b", "fake.thing", Map.of()));
    f.deploy(two);
    f.cloud.unreachableTimes("read", "a", -1);
    f.cloud.unreachableTimes("read", "b", -1);
    f.parallelism = 1; // reads run in parallel otherwise; one at a time shows the rest read once
    Instant start = f.clock.instant();

    Map<String, Observation> seen = f.engine().observe(f.state());

    assertTrue(seen.get("a").error().contains("could not be reached"), seen.toString());
    assertTrue(seen.get("b").error().contains("could not be reached"), seen.toString());
    assertEquals(1, f.cloud.calls("read").stream().filter(c -> c.id().equals("b")).count());
    assertTrue(
        Duration.between(start, f.clock.instant()).compareTo(Duration.ofSeconds(25)) <= 0,
        "one deadline, not two");
  }

  @Test
  void await_whenPollsStayUnreachable_rethrowsTheErrorAtTheUnreachableDeadline() {
    VirtualClock clock = new VirtualClock(Fixture.T0);
    Waiter w = new Waiter(clock, FakeError.CLASSIFIER, new Random(1));

    assertThrows(
        FakeError.Unreachable.class,
        () ->
            w.await(
                "the load balancer to be active",
                Duration.ofMinutes(15),
                Backoff.WAIT,
                () -> {
                  throw new FakeError.Unreachable();
                },
                m -> {}));

    Duration took = Duration.between(Fixture.T0, clock.instant());
    assertEquals(EngineOptions.UNREACHABLE_DEADLINE, took);
  }

  @Test
  void await_whenWaitingLong_reportsProgressAtLeastEvery30sAndTimesOutSayingWhatToDo() {
    VirtualClock clock = new VirtualClock(Fixture.T0);
    Waiter w = new Waiter(clock, FakeError.CLASSIFIER, new Random(1));
    List<Instant> reported = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    Backoff slow = new Backoff(Duration.ofSeconds(45), Duration.ofSeconds(45), 1, 0);

    WaitTimeoutException e =
        assertThrows(
            WaitTimeoutException.class,
            () ->
                w.await(
                    "the certificate to be issued",
                    Duration.ofMinutes(5),
                    slow,
                    () -> WaitStep.pending("PENDING_VALIDATION"),
                    m -> {
                      reported.add(clock.instant());
                      messages.add(m);
                    }));

    Instant last = Fixture.T0;
    for (Instant at : reported) {
      assertTrue(Duration.between(last, at).compareTo(Waiter.HEARTBEAT) <= 0, reported.toString());
      last = at;
    }
    assertTrue(Duration.between(last, clock.instant()).compareTo(Waiter.HEARTBEAT) <= 0);
    assertTrue(
        messages.contains("PENDING_VALIDATION (waited 1 min of at most 5 min)"),
        messages.toString());
    assertTrue(
        e.getMessage().startsWith("Timed out after 300 s waiting for the certificate to be issued"),
        e.getMessage());
    assertTrue(e.hint().contains("run the command again"), e.hint());
  }
}
