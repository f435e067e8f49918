package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * berth's load balancers and target groups, and the tagged listeners and rules of its load
 * balancers. ELBv2 lists carry no tags, so they are read with DescribeTags, 20 ARNs a call (its
 * limit). Default rules belong to their listener and are never reported.
 */
public final class ElbDiscovery implements Discovery {
  /** DescribeTags takes at most this many ARNs. */
  static final int TAGS_BATCH = 20;

  private final AwsClients aws;

  public ElbDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    ElasticLoadBalancingV2Client elb = aws.elb();
    String region = aws.region().id();
    List<TaggedResource> out = new ArrayList<>();
    List<LoadBalancer> lbs = new ArrayList<>();
    elb.describeLoadBalancersPaginator(r -> {}).loadBalancers().forEach(lbs::add);
    Map<String, Map<String, String>> lbTags =
        tags(elb, lbs.stream().map(LoadBalancer::loadBalancerArn).toList());
    for (LoadBalancer lb : lbs) {
      Optional<Owner> o = Owner.of(lbTags.getOrDefault(lb.loadBalancerArn(), Map.of()), stack);
      if (o.isEmpty()) {
        continue;
      }
      out.add(loadBalancer(o.get(), lb, region));
      out.addAll(listenersAndRules(elb, lb, stack, region));
    }
    List<TargetGroup> groups = new ArrayList<>();
    elb.describeTargetGroupsPaginator(r -> {}).targetGroups().forEach(groups::add);
    Map<String, Map<String, String>> tgTags =
        tags(elb, groups.stream().map(TargetGroup::targetGroupArn).toList());
    for (TargetGroup tg : groups) {
      Owner.of(tgTags.getOrDefault(tg.targetGroupArn(), Map.of()), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.TARGET_GROUP,
                              tg.targetGroupArn(),
                              region,
                              null,
                              "target group " + tg.targetGroupName())
                          .withProps(
                              tg.vpcId() == null
                                  ? Map.of("name", tg.targetGroupName())
                                  : Map.of("name", tg.targetGroupName(), "vpcId", tg.vpcId()))
                          .withOutputs(Map.of("arn", tg.targetGroupArn()))));
    }
    return out;
  }

  private static TaggedResource loadBalancer(Owner o, LoadBalancer lb, String region) {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("arn", lb.loadBalancerArn());
    if (lb.dnsName() != null) {
      outputs.put("dnsName", lb.dnsName());
    }
    if (lb.canonicalHostedZoneId() != null) {
      outputs.put("canonicalHostedZoneId", lb.canonicalHostedZoneId());
    }
    String state =
        lb.state() == null || lb.state().code() == null ? "unknown" : lb.state().codeAsString();
    return TaggedResource.of(
            o,
            Types.LOAD_BALANCER,
            lb.loadBalancerArn(),
            region,
            lb.createdTime(),
            "load balancer " + lb.loadBalancerName())
        .withProps(Map.of("name", lb.loadBalancerName()))
        .withOutputs(outputs)
        .withServing(
            lb.state() != null && lb.state().code() == LoadBalancerStateEnum.ACTIVE, state);
  }

  /**
   * {@code props} with the {@code targetGroupArn} the actions forward to, if one does: a listener
   * or rule goes before the target group it forwards to.
   */
  private static Map<String, Object> withTarget(Map<String, Object> props, List<Action> actions) {
    Map<String, Object> out = new LinkedHashMap<>(props);
    actions.stream()
        .map(Action::targetGroupArn)
        .filter(Objects::nonNull)
        .findFirst()
        .ifPresent(arn -> out.put("targetGroupArn", arn));
    return out;
  }

  private static List<TaggedResource> listenersAndRules(
      ElasticLoadBalancingV2Client elb, LoadBalancer lb, Optional<String> stack, String region) {
    List<TaggedResource> out = new ArrayList<>();
    List<Listener> listeners =
        Gone.unlessGone(
                () ->
                    elb
                        .describeListenersPaginator(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                        .listeners()
                        .stream()
                        .toList())
            .orElse(List.of());
    Map<String, Map<String, String>> listenerTags =
        tags(elb, listeners.stream().map(Listener::listenerArn).toList());
    for (Listener l : listeners) {
      String what = l.protocolAsString() + ":" + l.port() + " of " + lb.loadBalancerName();
      Owner.of(listenerTags.getOrDefault(l.listenerArn(), Map.of()), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o, Types.LISTENER, l.listenerArn(), region, null, "listener " + what)
                          .withProps(
                              withTarget(
                                  Map.of("loadBalancerArn", lb.loadBalancerArn()),
                                  l.defaultActions()))
                          .withOutputs(Map.of("arn", l.listenerArn()))));
      List<Rule> rules =
          Gone.unlessGone(
                  () ->
                      elb
                          .describeRulesPaginator(r -> r.listenerArn(l.listenerArn()))
                          .rules()
                          .stream()
                          .filter(rule -> !Boolean.TRUE.equals(rule.isDefault()))
                          .toList())
              .orElse(List.of());
      Map<String, Map<String, String>> ruleTags =
          tags(elb, rules.stream().map(Rule::ruleArn).toList());
      for (Rule rule : rules) {
        Owner.of(ruleTags.getOrDefault(rule.ruleArn(), Map.of()), stack)
            .ifPresent(
                o ->
                    out.add(
                        TaggedResource.of(
                                o,
                                Types.LISTENER_RULE,
                                rule.ruleArn(),
                                region,
                                null,
                                "listener rule " + rule.priority() + " on " + what)
                            .withProps(
                                withTarget(Map.of("listenerArn", l.listenerArn()), rule.actions()))
                            .withOutputs(Map.of("arn", rule.ruleArn()))));
      }
    }
    return out;
  }

  /**
   * The tags of each ARN, asking DescribeTags {@value #TAGS_BATCH} ARNs at a time. A batch naming a
   * resource deleted meanwhile fails as a whole; it is then asked again one ARN at a time.
   */
  public static Map<String, Map<String, String>> tags(
      ElasticLoadBalancingV2Client elb, List<String> arns) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (int i = 0; i < arns.size(); i += TAGS_BATCH) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + TAGS_BATCH));
      Optional<List<TagDescription>> all = describeTags(elb, batch);
      List<TagDescription> found = new ArrayList<>();
      if (all.isPresent()) {
        found.addAll(all.get());
      } else {
        batch.forEach(arn -> describeTags(elb, List.of(arn)).ifPresent(found::addAll));
      }
      for (TagDescription d : found) {
        Map<String, String> m = new LinkedHashMap<>();
        d.tags().forEach(t -> m.put(t.key(), t.value()));
        out.put(d.resourceArn(), m);
      }
    }
    return out;
  }

  private static Optional<List<TagDescription>> describeTags(
      ElasticLoadBalancingV2Client elb, List<String> arns) {
    return Gone.unlessGone(() -> elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions());
  }
}
