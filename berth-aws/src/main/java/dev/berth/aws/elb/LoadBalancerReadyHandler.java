package dev.berth.aws.elb;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.engine.WaitHandler;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

/**
 * {@code aws.elbv2.load-balancer-ready}: waits until a load balancer is {@code active}, typically
 * 2–3 minutes after it was created. A wait of its own, like certificate validation, so that what
 * needs only the load balancer's ARN or DNS name (listeners, rules, the DNS record, the ECS
 * service) is made while it provisions, and a deploy ends once both the service is stable and the
 * load balancer serves. {@code failed} ends the wait with ELBv2's reason. There is nothing to
 * delete.
 */
public final class LoadBalancerReadyHandler implements WaitHandler {
  public static final ResourceType TYPE = LoadBalancerReadyKeys.DESCRIPTOR.type();

  static final Duration TIMEOUT = Duration.ofMinutes(15);

  private final AwsClients aws;

  public LoadBalancerReadyHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return LoadBalancerReadyKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String arn = LoadBalancerReadyKeys.LOAD_BALANCER_ARN.get(props);
    String name = arn.replaceFirst("^.*:loadbalancer/app/([^/]+)/.*$", "$1");
    // ELBv2 reads can miss a load balancer created a moment ago: "not visible yet".
    Wait.until(
            ctx,
            "load balancer " + name + " to become active",
            TIMEOUT,
            Polls.MINUTES,
            () -> LoadBalancerHandler.describe(aws.elb(), arn))
        .failIf(
            lb -> lb.state().code() == LoadBalancerStateEnum.FAILED,
            lb -> "load balancer " + name + " failed: " + lb.state().reason(),
            "Check the subnets and security groups, delete it, and run again.")
        .onTimeout(
            () ->
                "An internet-facing load balancer stays 'provisioning' while its VPC has no"
                    + " internet gateway attached; attach one and run the command again.")
        .inState(
            lb ->
                lb.state().code() == LoadBalancerStateEnum.ACTIVE
                    || lb.state().code() == LoadBalancerStateEnum.ACTIVE_IMPAIRED,
            lb -> lb.state().codeAsString());
    return Observed.of(arn, Map.of("arn", arn));
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return LoadBalancerHandler.describe(aws.elb(), physicalId)
        .map(
            lb ->
                new Observed(
                    physicalId,
                    Map.of("arn", physicalId),
                    Map.of("loadBalancerArn", physicalId),
                    lb.state().codeAsString()));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return read(ctx, LoadBalancerReadyKeys.LOAD_BALANCER_ARN.get(props), props)
        .filter(o -> "active".equals(o.status()) || "active_impaired".equals(o.status()));
  }
}
