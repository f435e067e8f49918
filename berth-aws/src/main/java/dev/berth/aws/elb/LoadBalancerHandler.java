package dev.berth.aws.elb;

import dev.berth.aws.AwsClients;
import dev.berth.core.engine.Backoff;
import dev.berth.core.engine.Observed;
import dev.berth.core.engine.ResourceContext;
import dev.berth.core.engine.ResourceHandler;
import dev.berth.core.engine.WaitStep;
import dev.berth.core.engine.WaitTimeoutException;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * {@code aws.elbv2.load-balancer}: an internet-facing IPv4 application load balancer. Create waits
 * until it is {@code active} (typically 2–3 minutes); delete waits until DescribeLoadBalancers no
 * longer knows it. Its name is fixed, so a replacement deletes the old one first.
 */
public final class LoadBalancerHandler implements ResourceHandler {
  static final ResourceType TYPE =
      new ResourceType(
          "aws.elbv2.load-balancer", Set.of("name", "subnets", "securityGroups"), false, true);

  /** Quick first polls for a fast cloud, then every 15 s: well under ELBv2's rate limits. */
  static final Backoff POLL = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(15), 1.5, 0.2);

  private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(10);

  private final AwsClients aws;

  public LoadBalancerHandler(AwsClients aws) {
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
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String name = Props.string(props, "name");
    LoadBalancer lb =
        elb()
            .createLoadBalancer(
                r ->
                    r.name(name)
                        .subnets(Tagging.strings(props, "subnets"))
                        .securityGroups(Tagging.strings(props, "securityGroups"))
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .ipAddressType(IpAddressType.IPV4)
                        .tags(Tagging.of(ctx.tags())))
            .loadBalancers()
            .get(0);
    return observed(awaitActive(ctx, name, lb.loadBalancerArn()));
  }

  /** A load balancer found after a crash may still be provisioning: wait until it is active. */
  @Override
  public Observed awaitReady(ResourceContext ctx, Observed found, Map<String, Object> props)
      throws Exception {
    return observed(awaitActive(ctx, Props.string(props, "name"), found.physicalId()));
  }

  private LoadBalancer awaitActive(ResourceContext ctx, String name, String arn) throws Exception {
    try {
      return ctx.await(
          "load balancer " + name + " to become active",
          ACTIVE_TIMEOUT,
          POLL,
          () -> {
            Optional<LoadBalancer> lb = describe(arn);
            if (lb.isEmpty()) {
              // ELBv2 reads can miss a load balancer created a moment ago.
              return WaitStep.pending("not visible yet");
            }
            var state = lb.get().state();
            return switch (state.code()) {
              case ACTIVE, ACTIVE_IMPAIRED -> WaitStep.done(lb.get());
              case FAILED ->
                  WaitStep.failed(
                      "load balancer " + name + " failed: " + state.reason(),
                      "Check the subnets and security groups, delete it, and run again.");
              default -> WaitStep.pending(state.codeAsString());
            };
          });
    } catch (WaitTimeoutException e) {
      throw new WaitTimeoutException(
          e.getMessage(),
          "An internet-facing load balancer stays 'provisioning' while its VPC has no internet"
              + " gateway attached; attach one and run the command again.");
    }
  }

  private Optional<LoadBalancer> describe(String arn) {
    try {
      return elb().describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().stream()
          .findFirst();
    } catch (LoadBalancerNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Observed observed(LoadBalancer lb) {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("arn", lb.loadBalancerArn());
    outputs.put("dnsName", lb.dnsName());
    outputs.put("canonicalHostedZoneId", lb.canonicalHostedZoneId());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", lb.loadBalancerName());
    props.put("subnets", lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList());
    props.put("securityGroups", lb.securityGroups());
    return new Observed(lb.loadBalancerArn(), outputs, props, lb.state().codeAsString());
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId).map(LoadBalancerHandler::observed);
  }

  /** Nothing but tags can change in place: every property forces a replacement. */
  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    Tagging.apply(elb(), physicalId, ctx.tags());
    return observed(awaitActive(ctx, Props.string(newProps, "name"), physicalId));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    elb().deleteLoadBalancer(r -> r.loadBalancerArn(physicalId));
    ctx.await(
        "load balancer " + Props.string(props, "name") + " to be deleted",
        DELETE_TIMEOUT,
        POLL,
        () ->
            describe(physicalId).isPresent() ? WaitStep.pending("deleting") : WaitStep.done(null));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String name = Props.string(props, "name");
    try {
      return elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().stream()
          .filter(lb -> Tagging.ownedBy(elb(), lb.loadBalancerArn(), ctx.stack()))
          .findFirst()
          .map(LoadBalancerHandler::observed);
    } catch (LoadBalancerNotFoundException e) {
      return Optional.empty();
    }
  }
}
