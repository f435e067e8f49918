package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * {@code aws.logs.log-group}: the CloudWatch log group the containers write to, with a retention
 * that is changed in place. Physical id: the group name.
 */
public final class LogGroupHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = LogGroupKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public LogGroupHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return LogGroupKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    String name = LogGroupKeys.NAME.get(props);
    try {
      aws.logs().createLogGroup(r -> r.logGroupName(name).tags(ctx.tags()));
    } catch (ResourceAlreadyExistsException e) {
      // A retried create whose first attempt went through is ours; anyone else's group is not.
      Map<String, String> tags = describe(name).map(this::tags).orElse(Map.of());
      if (!Ownership.ours(ctx, tags)) {
        throw Claims.taken(what(name), tags);
      }
    }
    Integer days = retention(props);
    if (days != null) {
      aws.logs().putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(days));
    }
    return observe(describe(name).orElseThrow());
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId).map(g -> observe(g).withTags(tags(g)));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    Integer days = retention(newProps);
    if (days == null) {
      aws.logs().deleteRetentionPolicy(r -> r.logGroupName(physicalId));
    } else {
      aws.logs().putRetentionPolicy(r -> r.logGroupName(physicalId).retentionInDays(days));
    }
    return observe(describe(physicalId).orElseThrow());
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.logs().deleteLogGroup(r -> r.logGroupName(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String name = LogGroupKeys.NAME.get(props);
    return describe(name).filter(g -> Ownership.ours(ctx, tags(g))).map(LogGroupHandler::observe);
  }

  private static String what(String name) {
    return "log group " + name;
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    return Claims.literal(props, "name")
        .flatMap(name -> describe(name).map(g -> new Holder(what(name), tags(g))));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    describe(physicalId)
        .ifPresent(g -> aws.logs().tagResource(r -> r.resourceArn(bareArn(g)).tags(ctx.tags())));
  }

  private Optional<LogGroup> describe(String name) {
    return aws
        .logs()
        .describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name))
        .logGroups()
        .stream()
        .filter(g -> g.logGroupName().equals(name))
        .findFirst();
  }

  /** The group's tags: ListTagsForResource (ListTagsLogGroup is deprecated). */
  private Map<String, String> tags(LogGroup g) {
    return aws.logs().listTagsForResource(r -> r.resourceArn(bareArn(g))).tags();
  }

  /** The group's ARN without the {@code :*} suffix DescribeLogGroups puts on {@code arn}. */
  static String bareArn(LogGroup g) {
    if (g.logGroupArn() != null) {
      return g.logGroupArn();
    }
    String arn = g.arn();
    return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }

  private static Observed observe(LogGroup g) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", g.logGroupName());
    if (g.retentionInDays() != null) {
      props.put("retentionDays", g.retentionInDays());
    }
    return new Observed(
        g.logGroupName(),
        Map.of("name", g.logGroupName(), "arn", bareArn(g)),
        props,
        g.retentionInDays() == null ? "never expires" : g.retentionInDays() + " days");
  }

  private static Integer retention(Map<String, Object> props) {
    return LogGroupKeys.RETENTION_DAYS.get(props);
  }
}
