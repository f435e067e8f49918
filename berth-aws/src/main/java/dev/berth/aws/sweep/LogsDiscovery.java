package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * berth's CloudWatch log groups: those under {@code /berth/} (berth's naming convention) whose
 * tags, read with ListTagsForResource, name a stack. The physical id is the group's name.
 */
public final class LogsDiscovery implements Discovery {
  static final String PREFIX = "/berth/";

  private final AwsClients aws;

  public LogsDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    CloudWatchLogsClient logs = aws.logs();
    String region = aws.region().id();
    List<TaggedResource> out = new ArrayList<>();
    for (LogGroup g :
        logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(PREFIX)).logGroups()) {
      String arn = arn(g);
      Map<String, String> tags =
          Gone.unlessGone(() -> logs.listTagsForResource(r -> r.resourceArn(arn)).tags())
              .orElse(Map.of());
      Owner.of(tags, stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.LOG_GROUP,
                              g.logGroupName(),
                              region,
                              g.creationTime() == null
                                  ? null
                                  : Instant.ofEpochMilli(g.creationTime()),
                              "log group " + g.logGroupName())
                          .withOutputs(Map.of("name", g.logGroupName(), "arn", arn))));
    }
    return out;
  }

  /**
   * The ARN tagging calls take: without the {@code :*} suffix DescribeLogGroups' {@code arn} has.
   */
  static String arn(LogGroup g) {
    if (g.logGroupArn() != null) {
      return g.logGroupArn();
    }
    String arn = g.arn();
    return arn != null && arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }
}
