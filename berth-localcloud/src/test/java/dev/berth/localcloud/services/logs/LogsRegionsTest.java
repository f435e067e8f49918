package dev.berth.localcloud.services.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** CloudWatch Logs is regional: a log group name is unique per region, not per account. */
@ExtendWith(LocalCloudExtension.class)
class LogsRegionsTest {
  private static final String GROUP = "/berth/x";
  private CloudWatchLogsClient us;
  private CloudWatchLogsClient eu;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    us = Clients.of(CloudWatchLogsClient.builder(), cloud, Region.US_EAST_1);
    eu = Clients.of(CloudWatchLogsClient.builder(), cloud, Region.EU_CENTRAL_1);
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  private static List<LogGroup> groups(CloudWatchLogsClient logs) {
    return logs.describeLogGroups(r -> r.logGroupNamePrefix("/berth/")).logGroups();
  }

  @Test
  void createLogGroup_whenNameExistsInAnotherRegion_createsASecondGroup() {
    us.createLogGroup(r -> r.logGroupName(GROUP));

    assertEquals(List.of(), groups(eu));
    eu.createLogGroup(r -> r.logGroupName(GROUP));

    assertEquals(
        "arn:aws:logs:us-east-1:123456789012:log-group:/berth/x", groups(us).get(0).logGroupArn());
    assertEquals(
        "arn:aws:logs:eu-central-1:123456789012:log-group:/berth/x",
        groups(eu).get(0).logGroupArn());
  }

  @Test
  void putLogEvents_inOneRegion_leavesTheSameNamedGroupOfTheOtherEmpty() {
    us.createLogGroup(r -> r.logGroupName(GROUP));
    eu.createLogGroup(r -> r.logGroupName(GROUP));
    us.createLogStream(r -> r.logGroupName(GROUP).logStreamName("s"));
    us.putLogEvents(
        r ->
            r.logGroupName(GROUP)
                .logStreamName("s")
                .logEvents(InputLogEvent.builder().timestamp(1L).message("hello").build()));

    assertEquals(1, us.filterLogEvents(r -> r.logGroupName(GROUP)).events().size());
    assertEquals(0, eu.filterLogEvents(r -> r.logGroupName(GROUP)).events().size());
    assertEquals(0, eu.describeLogStreams(r -> r.logGroupName(GROUP)).logStreams().size());
  }

  @Test
  void deleteLogGroup_inOneRegion_leavesTheOther() {
    us.createLogGroup(r -> r.logGroupName(GROUP));
    eu.createLogGroup(r -> r.logGroupName(GROUP));

    eu.deleteLogGroup(r -> r.logGroupName(GROUP));

    assertEquals(List.of(), groups(eu));
    assertEquals(1, groups(us).size());
    assertThrows(
        ResourceNotFoundException.class, () -> eu.deleteLogGroup(r -> r.logGroupName(GROUP)));
  }

  @Test
  void calls_whenGroupOnlyExistsInAnotherRegion_answerResourceNotFound() {
    us.createLogGroup(r -> r.logGroupName(GROUP));
    String arn = groups(us).get(0).logGroupArn();

    assertThrows(
        ResourceNotFoundException.class, () -> eu.deleteLogGroup(r -> r.logGroupName(GROUP)));
    assertThrows(
        ResourceNotFoundException.class,
        () -> eu.putRetentionPolicy(r -> r.logGroupName(GROUP).retentionInDays(7)));
    assertThrows(
        ResourceNotFoundException.class,
        () -> eu.describeLogStreams(r -> r.logGroupIdentifier(arn)));
    assertThrows(
        ResourceNotFoundException.class, () -> eu.listTagsForResource(r -> r.resourceArn(arn)));
    assertEquals(0, us.describeLogStreams(r -> r.logGroupIdentifier(arn)).logStreams().size());
  }
}
