package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deletion rounds with fake handlers: retries, deadline, failures, missing handlers. */
class SweepDeleterTest {
  // The engine deletes in parallel: time moves only when every worker waits.
  private final VirtualClock clock = new VirtualClock();
  private final FakeHandler groups = new FakeHandler(Types.SECURITY_GROUP);
  private final FakeHandler vpcs = new FakeHandler(Types.VPC);
  private final List<String> events = new ArrayList<>();

  private static TaggedResource res(String type, String id, String logicalId) {
    return new TaggedResource(
        "hello",
        logicalId,
        null,
        null,
        type,
        id,
        "us-east-1",
        null,
        Map.of(),
        Map.of(),
        Set.of(),
        id,
        null);
  }

  private SweepReport delete(List<TaggedResource> resources, Duration timeout) throws Exception {
    return Sweeper.delete(
        resources,
        List.of(groups, vpcs),
        Sweeper.Options.defaults(clock)
            .withTimeout(timeout)
            .withListener((r, m) -> events.add(r.physicalId() + " " + m)));
  }

  @Test
  void delete_whenBlockedForAWhile_retriesOnTheClockUntilItGoes_whileOthersGoOn() throws Exception {
    groups.failing(
        "sg-1",
        FakeHandler.aws("DependencyViolation", 400),
        FakeHandler.aws("DependencyViolation", 400),
        FakeHandler.aws("RequestLimitExceeded", 503));
    Instant start = clock.instant();

    SweepReport report =
        delete(
            List.of(res(Types.VPC, "vpc-1", "vpc"), res(Types.SECURITY_GROUP, "sg-1", "sg")),
            Duration.ofMinutes(5));

    assertTrue(report.complete(), report.failed().toString());
    assertEquals(
        List.of("hello/sg/sg-1", "hello/sg/sg-1", "hello/sg/sg-1", "hello/sg/sg-1"), groups.calls);
    // The fake VPC does not wait for its group as EC2 would: the next round tries what is left.
    assertEquals(
        List.of("vpc-1", "sg-1"),
        report.deleted().stream().map(TaggedResource::physicalId).toList());
    assertTrue(clock.instant().isAfter(start), "waited on the clock");
    assertTrue(
        events.contains(
            "sg-1 waiting: Fake DependencyViolation: DependencyViolation from the fake"),
        events.toString());
    assertTrue(events.contains("sg-1 deleted"));
  }

  @Test
  void delete_whenBlockedForGood_givesUpAtTheDeadlineOnce() throws Exception {
    vpcs.alwaysFailing("vpc-1", FakeHandler.aws("DependencyViolation", 400));
    vpcs.alwaysFailing("vpc-2", FakeHandler.aws("DependencyViolation", 400));
    Instant start = clock.instant();

    SweepReport report =
        delete(
            List.of(res(Types.VPC, "vpc-1", "vpc"), res(Types.VPC, "vpc-2", "vpc")),
            Duration.ofMinutes(10));

    Duration took = Duration.between(start, clock.instant());
    assertTrue(
        took.compareTo(Duration.ofMinutes(10)) >= 0 && took.compareTo(Duration.ofMinutes(11)) < 0,
        took.toString());
    assertEquals(2, report.failed().size());
    assertEquals(
        "still blocked after 10 min: Fake DependencyViolation: DependencyViolation from the fake",
        report.failed().get(0).reason());
  }

  @Test
  void delete_whenFatalOrGoneOrWithoutHandler_settlesAtOnceAndGoesOn() throws Exception {
    groups.alwaysFailing("sg-1", FakeHandler.aws("UnauthorizedOperation", 403));
    groups.alwaysFailing("sg-2", FakeHandler.aws("InvalidGroup.NotFound", 400));
    Instant start = clock.instant();

    SweepReport report =
        delete(
            List.of(
                res(Types.SECURITY_GROUP, "sg-1", "a"),
                res(Types.SECURITY_GROUP, "sg-2", "b"),
                res(Types.SERVICE, "arn:svc", "service"),
                res(Types.VPC, "vpc-1", "vpc")),
            Duration.ofMinutes(10));

    assertEquals(start, clock.instant());
    assertEquals(
        List.of("sg-2", "vpc-1"),
        report.deleted().stream().map(TaggedResource::physicalId).toList());
    assertEquals(
        List.of(
            "arn:svc: no handler for aws.ecs.service was given to the sweep",
            "sg-1: Fake UnauthorizedOperation: UnauthorizedOperation from the fake"),
        report.failed().stream().map(f -> f.resource().physicalId() + ": " + f.reason()).toList());
  }
}
