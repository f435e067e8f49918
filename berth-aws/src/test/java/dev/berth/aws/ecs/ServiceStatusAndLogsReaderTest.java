package dev.berth.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

class ServiceStatusAndLogsReaderTest {
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension localcloud = new LocalCloudExtension(clock, Profile.aws(1.0));

  private ComputeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new ComputeFixture(localcloud.cloud(), clock);
    f.logGroup();
    f.cluster();
    String td = f.taskDefinition("nginx:1").physicalId();
    new EcsServiceHandler(f.aws).create(f.ctx("service"), f.serviceProps(td, 2));
  }

  @AfterEach
  void tearDown() {
    f.aws.close();
  }

  @Test
  void serviceStatus_showsDeploymentsEventsCountsAndTargetHealth() {
    ServiceStatus.Snapshot s = new ServiceStatus(f.aws).read("hello", "hello", 5).orElseThrow();
    assertEquals("ACTIVE", s.status());
    assertEquals(2, s.desired());
    assertEquals(2, s.running());
    assertEquals(1, s.deployments().size());
    assertEquals("COMPLETED", s.deployments().get(0).rolloutState());
    assertTrue(s.events().size() <= 5 && !s.events().isEmpty());
    assertEquals(2, s.targets().size());
    assertTrue(s.targets().stream().allMatch(t -> t.state().equals("healthy")));
    assertTrue(new ServiceStatus(f.aws).read("hello", "nope", 5).isEmpty());
  }

  @Test
  void logsReader_tailsEveryStreamInOrderThenFollowsNewLinesOnce() throws Exception {
    LogsReader reader = new LogsReader(f.aws.logs(), clock, Duration.ofSeconds(2));
    List<LogsReader.Line> lines = new ArrayList<>();
    reader.tail(ComputeFixture.GROUP, Instant.EPOCH, lines::add, () -> false);
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("starting nginx:1", lines.get(0).message());
    assertTrue(lines.get(0).stream().startsWith("berth/web/"));

    f.aws.logs().createLogStream(r -> r.logGroupName(ComputeFixture.GROUP).logStreamName("extra"));
    long t = clock.millis();
    List<LogsReader.Line> followed = new ArrayList<>();
    int[] polls = {0};
    reader.tail(
        ComputeFixture.GROUP,
        Instant.ofEpochMilli(t),
        followed::add,
        () -> {
          if (polls[0]++ == 0) {
            f.aws
                .logs()
                .putLogEvents(
                    r ->
                        r.logGroupName(ComputeFixture.GROUP)
                            .logStreamName("extra")
                            .logEvents(
                                InputLogEvent.builder().timestamp(t).message("same ms").build(),
                                InputLogEvent.builder().timestamp(t + 5).message("later").build()));
            return true;
          }
          return polls[0] < 4;
        });
    assertEquals(
        List.of("same ms", "later"), followed.stream().map(LogsReader.Line::message).toList());
  }
}
