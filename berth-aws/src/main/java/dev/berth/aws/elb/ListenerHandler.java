package dev.berth.aws.elb;

import dev.berth.aws.AwsClients;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/**
 * {@code aws.elbv2.listener}: an HTTPS listener (certificate, TLS policy, default 404) or an HTTP
 * one (default redirect to HTTPS). Port, protocol, certificate, policy and default action change in
 * place with ModifyListener; another load balancer means a new listener.
 */
public final class ListenerHandler extends AbstractResourceHandler {
  static final ResourceType TYPE = ListenerKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public ListenerHandler(AwsClients aws) {
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
    return ListenerKeys.DESCRIPTOR;
  }

  private static boolean https(Map<String, Object> props) {
    return "HTTPS".equals(ListenerKeys.PROTOCOL.get(props));
  }

  private static List<Certificate> certificates(Map<String, Object> props) {
    return https(props)
        ? List.of(
            Certificate.builder().certificateArn(ListenerKeys.CERTIFICATE_ARN.get(props)).build())
        : null;
  }

  private static String sslPolicy(Map<String, Object> props) {
    return https(props) ? ListenerKeys.SSL_POLICY.get(props) : null;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    Listener l =
        elb()
            .createListener(
                r ->
                    r.loadBalancerArn(ListenerKeys.LOAD_BALANCER_ARN.get(props))
                        .port(Tagging.integer(props, "port"))
                        .protocol(ListenerKeys.PROTOCOL.get(props))
                        .certificates(certificates(props))
                        .sslPolicy(sslPolicy(props))
                        .defaultActions(
                            DefaultAction.toAction(ListenerKeys.DEFAULT_ACTION.get(props)))
                        .tags(Tagging.of(ctx.tags())))
            .listeners()
            .get(0);
    return observed(l, props);
  }

  private static Observed observed(Listener l, Map<String, Object> desired) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("loadBalancerArn", l.loadBalancerArn());
    props.put("port", l.port());
    props.put("protocol", l.protocolAsString());
    if (!l.certificates().isEmpty()) {
      props.put("certificateArn", l.certificates().get(0).certificateArn());
    }
    props.put("sslPolicy", l.sslPolicy());
    if (!l.defaultActions().isEmpty()) {
      props.put(
          "defaultAction",
          DefaultAction.toProps(
              l.defaultActions().get(0), ListenerKeys.DEFAULT_ACTION.get(desired)));
    }
    return new Observed(l.listenerArn(), Map.of("arn", l.listenerArn()), props, null);
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    try {
      return elb().describeListeners(r -> r.listenerArns(physicalId)).listeners().stream()
          .findFirst()
          .map(l -> observed(l, props).withTags(Tagging.tags(elb(), physicalId)));
    } catch (ListenerNotFoundException e) {
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

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    Listener l =
        elb()
            .modifyListener(
                r ->
                    r.listenerArn(physicalId)
                        .port(Tagging.integer(newProps, "port"))
                        .protocol(ListenerKeys.PROTOCOL.get(newProps))
                        .certificates(certificates(newProps))
                        .sslPolicy(sslPolicy(newProps))
                        .defaultActions(
                            DefaultAction.toAction(ListenerKeys.DEFAULT_ACTION.get(newProps))))
            .listeners()
            .get(0);
    Tagging.apply(elb(), physicalId, ctx.tags());
    return observed(l, newProps);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    elb().deleteListener(r -> r.listenerArn(physicalId));
  }

  /** The listener on the load balancer's port: a load balancer has at most one per port. */
  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String lb = ListenerKeys.LOAD_BALANCER_ARN.get(props);
    Integer port = Tagging.integer(props, "port");
    try {
      return elb().describeListenersPaginator(r -> r.loadBalancerArn(lb)).listeners().stream()
          .filter(l -> port.equals(l.port()))
          .findFirst()
          .map(l -> observed(l, props));
    } catch (LoadBalancerNotFoundException e) {
      return Optional.empty();
    }
  }
}
