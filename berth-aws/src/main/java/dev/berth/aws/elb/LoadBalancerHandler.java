package dev.berth.aws.elb;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.Wait;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * {@code aws.elbv2.load-balancer}: an internet-facing IPv4 application load balancer. Create
 * returns as soon as ELBv2 has accepted it, with its ARN and DNS name, so that listeners, rules and
 * the DNS record can be made while it provisions; waiting for {@code active} (2–3 minutes) is
 * {@link LoadBalancerReadyHandler}'s job. Deleting it deletes its listeners and their rules too, so
 * a destroy deletes it first, and its network interfaces start draining at once; delete waits until
 * DescribeLoadBalancers no longer knows it. Its name is fixed, so a replacement deletes the old one
 * first.
 */
public final class LoadBalancerHandler extends AbstractResourceHandler {
  static final ResourceType TYPE = LoadBalancerKeys.DESCRIPTOR.type();

  /** Deletion is quick: poll often at first, then every 5 s at most. */
  static final Backoff POLL = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5, 0.2);

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
  public ResourceDescriptor descriptor() {
    return LoadBalancerKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String name = LoadBalancerKeys.NAME.get(props);
    LoadBalancer lb;
    try {
      lb =
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
    } catch (DuplicateLoadBalancerNameException e) {
      // Ours (a create that went through) is found by the engine's find before it retries.
      Optional<Holder> h = holder(ctx, props);
      if (h.isPresent() && !Ownership.ours(ctx, h.get().tags())) {
        throw Claims.taken(h.get().what(), h.get().tags());
      }
      throw e;
    }
    // ELBv2 answers a create with the name and settings of an existing load balancer with that
    // one, tags unchanged: it is ours only if its tags say so.
    Map<String, String> tags = Tagging.tags(elb(), lb.loadBalancerArn());
    if (!Ownership.ours(ctx, tags)) {
      throw Claims.taken(what(name), tags);
    }
    return observed(lb).withTags(tags);
  }

  private static String what(String name) {
    return "load balancer " + name;
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> name = Claims.literal(props, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return elb().describeLoadBalancers(r -> r.names(name.get())).loadBalancers().stream()
          .findFirst()
          .map(lb -> new Holder(what(name.get()), Tagging.tags(elb(), lb.loadBalancerArn())));
    } catch (LoadBalancerNotFoundException e) {
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

  /** The load balancer, or empty once ELBv2 no longer knows it. */
  static Optional<LoadBalancer> describe(ElasticLoadBalancingV2Client elb, String arn) {
    try {
      return elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().stream()
          .findFirst();
    } catch (LoadBalancerNotFoundException e) {
      return Optional.empty();
    }
  }

  private Optional<LoadBalancer> describe(String arn) {
    return describe(elb(), arn);
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
    String state = lb.state() == null ? null : lb.state().codeAsString();
    return new Observed(lb.loadBalancerArn(), outputs, props, state);
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId)
        .map(lb -> observed(lb).withTags(Tagging.tags(elb(), lb.loadBalancerArn())));
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
    return describe(physicalId)
        .map(LoadBalancerHandler::observed)
        .orElseThrow(() -> new IllegalStateException("load balancer " + physicalId + " is gone"));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    elb().deleteLoadBalancer(r -> r.loadBalancerArn(physicalId));
    Wait.until(
            ctx,
            "load balancer " + LoadBalancerKeys.NAME.get(props) + " to be deleted",
            DELETE_TIMEOUT,
            POLL,
            () -> describe(physicalId))
        .gone(lb -> "deleting");
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String name = LoadBalancerKeys.NAME.get(props);
    try {
      return elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().stream()
          .filter(lb -> Tagging.ownedBy(elb(), lb.loadBalancerArn(), ctx))
          .findFirst()
          .map(LoadBalancerHandler::observed);
    } catch (LoadBalancerNotFoundException e) {
      return Optional.empty();
    }
  }
}
