package dev.berth.localcloud.services.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

@ExtendWith(LocalCloudExtension.class)
class LogsServiceTest {
  private static final String GROUP = "/berth/hello";
  private LocalCloud cloud;
  private CloudWatchLogsClient logs;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    this.logs = Clients.of(CloudWatchLogsClient.builder(), cloud);
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private LogGroup describe(String name) {
    return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
        .filter(g -> g.logGroupName().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  void createLogGroup_withTags_isDescribedWithArnAndTagsByBareArn() {
    logs.createLogGroup(r -> r.logGroupName(GROUP).tags(Map.of("berth:stack", "hello")));
    LogGroup g = describe(GROUP);
    assertEquals("arn:aws:logs:us-east-1:123456789012:log-group:/berth/hello:*", g.arn());
    assertEquals("arn:aws:logs:us-east-1:123456789012:log-group:/berth/hello", g.logGroupArn());
    assertNull(g.retentionInDays());
    assertEquals(
        Map.of("berth:stack", "hello"),
        logs.listTagsForResource(r -> r.resourceArn(g.logGroupArn())).tags());
    logs.tagResource(r -> r.resourceArn(g.logGroupArn()).tags(Map.of("team", "web")));
    assertEquals(
        "web", logs.listTagsForResource(r -> r.resourceArn(g.logGroupArn())).tags().get("team"));
  }

  @Test
  void createLogGroup_whenExists_returnsResourceAlreadyExists() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    var e =
        assertThrows(
            ResourceAlreadyExistsException.class,
            () -> logs.createLogGroup(r -> r.logGroupName(GROUP)));
    assertEquals("The specified log group already exists", e.awsErrorDetails().errorMessage());
  }

  @Test
  void createLogGroup_whenNameInvalid_returnsInvalidParameter() {
    assertThrows(
        InvalidParameterException.class, () -> logs.createLogGroup(r -> r.logGroupName("a b")));
  }

  @Test
  void describeLogGroups_filtersByPrefixAndPages() {
    for (String n : List.of("/berth/a", "/berth/b", "/other/c")) {
      logs.createLogGroup(r -> r.logGroupName(n));
    }
    assertEquals(
        2, logs.describeLogGroups(r -> r.logGroupNamePrefix("/berth/")).logGroups().size());
    var first = logs.describeLogGroups(r -> r.limit(2));
    assertEquals(2, first.logGroups().size());
    var second = logs.describeLogGroups(r -> r.limit(2).nextToken(first.nextToken()));
    assertEquals("/other/c", second.logGroups().get(0).logGroupName());
    assertNull(second.nextToken());
  }

  @Test
  void putRetentionPolicy_setsValidValuesAndRejectsOthers() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    logs.putRetentionPolicy(r -> r.logGroupName(GROUP).retentionInDays(14));
    assertEquals(14, describe(GROUP).retentionInDays());
    var e =
        assertThrows(
            InvalidParameterException.class,
            () -> logs.putRetentionPolicy(r -> r.logGroupName(GROUP).retentionInDays(2)));
    assertTrue(e.awsErrorDetails().errorMessage().contains("retentionInDays"));
    assertThrows(
        ResourceNotFoundException.class,
        () -> logs.putRetentionPolicy(r -> r.logGroupName("/nope").retentionInDays(7)));
  }

  @Test
  void deleteLogGroup_removesItAndThenReturnsResourceNotFound() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    logs.deleteLogGroup(r -> r.logGroupName(GROUP));
    assertNull(describe(GROUP));
    var e =
        assertThrows(
            ResourceNotFoundException.class, () -> logs.deleteLogGroup(r -> r.logGroupName(GROUP)));
    assertEquals("The specified log group does not exist.", e.awsErrorDetails().errorMessage());
  }

  private void put(String stream, long... timestamps) {
    List<InputLogEvent> events =
        java.util.Arrays.stream(timestamps)
            .mapToObj(t -> InputLogEvent.builder().timestamp(t).message("line " + t).build())
            .toList();
    logs.putLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).logEvents(events));
  }

  @Test
  void putLogEvents_whenStreamMissing_returnsResourceNotFound() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    assertThrows(ResourceNotFoundException.class, () -> put("nope", 1));
    logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName("s"));
    assertThrows(InvalidParameterException.class, () -> put("s", 5, 3));
  }

  @Test
  void describeLogStreams_reportsEventTimes() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName("berth/web/1"));
    logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName("other"));
    put("berth/web/1", 100, 200);
    var streams =
        logs.describeLogStreams(r -> r.logGroupName(GROUP).logStreamNamePrefix("berth/"))
            .logStreams();
    assertEquals(1, streams.size());
    assertEquals(100L, streams.get(0).firstEventTimestamp());
    assertEquals(200L, streams.get(0).lastEventTimestamp());
    assertTrue(streams.get(0).arn().endsWith(":log-group:/berth/hello:log-stream:berth/web/1"));
  }

  @Test
  void getLogEvents_readsFromHeadOrTailAndPagesForward() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName("s"));
    put("s", 1, 2, 3, 4, 5);
    GetLogEventsResponse head =
        logs.getLogEvents(
            r -> r.logGroupName(GROUP).logStreamName("s").startFromHead(true).limit(2));
    assertEquals(List.of(1L, 2L), head.events().stream().map(OutputLogEvent::timestamp).toList());
    GetLogEventsResponse next =
        logs.getLogEvents(
            r ->
                r.logGroupName(GROUP)
                    .logStreamName("s")
                    .nextToken(head.nextForwardToken())
                    .limit(10));
    assertEquals(
        List.of(3L, 4L, 5L), next.events().stream().map(OutputLogEvent::timestamp).toList());
    GetLogEventsResponse end =
        logs.getLogEvents(
            r -> r.logGroupName(GROUP).logStreamName("s").nextToken(next.nextForwardToken()));
    assertTrue(end.events().isEmpty());
    assertEquals(next.nextForwardToken(), end.nextForwardToken());
    GetLogEventsResponse tail =
        logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName("s").limit(2));
    assertEquals(List.of(4L, 5L), tail.events().stream().map(OutputLogEvent::timestamp).toList());
    assertEquals("line 5", tail.events().get(1).message());
  }

  @Test
  void filterLogEvents_interleavesStreamsAndFiltersByNamesPrefixAndTime() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    for (String s : List.of("berth/web/a", "berth/web/b", "x")) {
      logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName(s));
    }
    put("berth/web/a", 10, 30);
    put("berth/web/b", 20, 40);
    put("x", 15);
    FilterLogEventsResponse all = logs.filterLogEvents(r -> r.logGroupName(GROUP));
    assertEquals(
        List.of(10L, 15L, 20L, 30L, 40L), all.events().stream().map(e -> e.timestamp()).toList());
    FilterLogEventsResponse prefixed =
        logs.filterLogEvents(
            r -> r.logGroupName(GROUP).logStreamNamePrefix("berth/").startTime(20L));
    assertEquals(
        List.of(20L, 30L, 40L), prefixed.events().stream().map(e -> e.timestamp()).toList());
    assertEquals("berth/web/b", prefixed.events().get(0).logStreamName());
    FilterLogEventsResponse named =
        logs.filterLogEvents(r -> r.logGroupName(GROUP).logStreamNames("x").endTime(15L));
    assertEquals(1, named.events().size());
    FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(GROUP).limit(3));
    assertEquals(3, page.events().size());
    FilterLogEventsResponse rest =
        logs.filterLogEvents(r -> r.logGroupName(GROUP).nextToken(page.nextToken()));
    assertEquals(List.of(30L, 40L), rest.events().stream().map(e -> e.timestamp()).toList());
    assertNull(rest.nextToken());
    assertFalse(all.events().get(0).eventId().isEmpty());
    assertThrows(
        InvalidParameterException.class,
        () ->
            logs.filterLogEvents(
                r -> r.logGroupName(GROUP).logStreamNames("x").logStreamNamePrefix("b")));
  }

  @Test
  void logStoreAppend_createsTheStreamAndIsVisibleToReaders() {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    synchronized (cloud.world()) {
      assertTrue(LogStore.append(cloud.world(), "us-east-1", GROUP, "berth/web/t1", 5, "hello"));
      assertFalse(LogStore.append(cloud.world(), "us-east-1", "/missing", "s", 5, "hello"));
    }
    var events = logs.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern("hello")).events();
    assertEquals("hello", events.get(0).message());
  }

  @Test
  void rawJson_describeLogGroupsHasDocumentedMemberNames() throws Exception {
    logs.createLogGroup(r -> r.logGroupName(GROUP));
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, resp.statusCode());
    assertTrue(resp.body().contains("\"logGroups\":[{\"logGroupName\":\"/berth/hello\""));
    assertTrue(resp.body().contains("\"creationTime\":"));
  }
}
