package dev.berth.aws.elb;

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
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * {@code aws.elbv2.target-group}: an HTTP target group of {@code ip} targets (Fargate tasks).
 * Health check and deregistration delay change in place; name, port and VPC force a replacement,
 * which creates the new group first (the blueprint's names must therefore differ when port or VPC
 * do).
 */
public final class TargetGroupHandler extends AbstractResourceHandler {
  static final ResourceType TYPE = TargetGroupKeys.DESCRIPTOR.type();
  private static final String DELAY = "deregistration_delay.timeout_seconds";

  private final AwsClients aws;

  public TargetGroupHandler(AwsClients aws) {
    this.aws = aws;
  }

  private ElasticLoadBalancingV2Client elb() {
    return aws.elb();
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return TargetGroupKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    Integer interval = Tagging.integer(props, "healthCheckIntervalSeconds");
    String name = TargetGroupKeys.NAME.get(props);
    TargetGroup tg;
    try {
      tg = createGroup(ctx, props, interval);
    } catch (DuplicateTargetGroupNameException e) {
      // Ours (a create that went through) is found by the engine's find before it retries.
      Optional<Holder> h = holder(ctx, props);
      if (h.isPresent() && !Ownership.ours(ctx, h.get().tags())) {
        throw Claims.taken(h.get().what(), h.get().tags());
      }
      throw e;
    }
    // ELBv2 answers a create with the name and settings of an existing group with that one, tags
    // unchanged: it is ours only if its tags say so.
    Map<String, String> tags = Tagging.tags(elb(), tg.targetGroupArn());
    if (!Ownership.ours(ctx, tags)) {
      throw Claims.taken(what(name), tags);
    }
    setDelay(tg.targetGroupArn(), props);
    return observed(tg, delay(tg.targetGroupArn())).withTags(tags);
  }

  private TargetGroup createGroup(
      ResourceContext ctx, Map<String, Object> props, Integer interval) {
    return elb()
        .createTargetGroup(
            r ->
                r.name(TargetGroupKeys.NAME.get(props))
                    .protocol(ProtocolEnum.HTTP)
                    .port(Tagging.integer(props, "port"))
                    .vpcId(TargetGroupKeys.VPC_ID.get(props))
                    .targetType(TargetTypeEnum.IP)
                    .healthCheckEnabled(true)
                    .healthCheckProtocol(ProtocolEnum.HTTP)
                    .healthCheckPath(TargetGroupKeys.HEALTH_CHECK_PATH.get(props))
                    .healthCheckIntervalSeconds(interval)
                    .healthCheckTimeoutSeconds(timeout(interval))
                    .healthyThresholdCount(Tagging.integer(props, "healthyThresholdCount"))
                    .tags(Tagging.of(ctx.tags())))
        .targetGroups()
        .get(0);
  }

  private static String what(String name) {
    return "target group " + name;
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> name = Claims.literal(props, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return elb().describeTargetGroups(r -> r.names(name.get())).targetGroups().stream()
          .findFirst()
          .map(tg -> new Holder(what(name.get()), Tagging.tags(elb(), tg.targetGroupArn())));
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Tagging.apply(elb(), physicalId, ctx.tags());
  }

  /** AWS requires the timeout to be shorter than the interval; its default is 5 s. */
  private static Integer timeout(Integer interval) {
    return interval == null ? null : Math.min(5, interval - 1);
  }

  private void setDelay(String arn, Map<String, Object> props) {
    Integer seconds = Tagging.integer(props, "deregistrationDelaySeconds");
    if (seconds != null) {
      elb()
          .modifyTargetGroupAttributes(
              r ->
                  r.targetGroupArn(arn)
                      .attributes(
                          TargetGroupAttribute.builder()
                              .key(DELAY)
                              .value(String.valueOf(seconds))
                              .build()));
    }
  }

  private int delay(String arn) {
    return elb().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
        .filter(a -> a.key().equals(DELAY))
        .map(a -> Integer.parseInt(a.value()))
        .findFirst()
        .orElse(300);
  }

  private static Observed observed(TargetGroup tg, int delay) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", tg.targetGroupName());
    props.put("vpcId", tg.vpcId());
    props.put("port", tg.port());
    props.put("healthCheckPath", tg.healthCheckPath());
    props.put("healthCheckIntervalSeconds", tg.healthCheckIntervalSeconds());
    props.put("healthyThresholdCount", tg.healthyThresholdCount());
    props.put("deregistrationDelaySeconds", delay);
    return new Observed(tg.targetGroupArn(), Map.of("arn", tg.targetGroupArn()), props, null);
  }

  private Optional<TargetGroup> describe(String arn) {
    try {
      return elb().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().stream()
          .findFirst();
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId)
        .map(tg -> observed(tg, delay(physicalId)).withTags(Tagging.tags(elb(), physicalId)));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    Integer interval = Tagging.integer(newProps, "healthCheckIntervalSeconds");
    TargetGroup tg =
        elb()
            .modifyTargetGroup(
                r ->
                    r.targetGroupArn(physicalId)
                        .healthCheckPath(TargetGroupKeys.HEALTH_CHECK_PATH.get(newProps))
                        .healthCheckIntervalSeconds(interval)
                        .healthCheckTimeoutSeconds(timeout(interval))
                        .healthyThresholdCount(Tagging.integer(newProps, "healthyThresholdCount")))
            .targetGroups()
            .get(0);
    setDelay(physicalId, newProps);
    Tagging.apply(elb(), physicalId, ctx.tags());
    return observed(tg, delay(physicalId));
  }

  /** ResourceInUse while a listener or rule still forwards here: the engine waits and retries. */
  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    elb().deleteTargetGroup(r -> r.targetGroupArn(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String name = TargetGroupKeys.NAME.get(props);
    try {
      return elb().describeTargetGroups(r -> r.names(name)).targetGroups().stream()
          .filter(tg -> Tagging.ownedBy(elb(), tg.targetGroupArn(), ctx))
          .findFirst()
          .map(tg -> observed(tg, delay(tg.targetGroupArn())));
    } catch (TargetGroupNotFoundException e) {
      return Optional.empty();
    }
  }
}
