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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/**
 * {@code aws.elbv2.listener-rule}: requests whose Host header is {@code hostHeader} go to the
 * target group. Host and target group change with ModifyRule, the priority with SetRulePriorities.
 */
public final class ListenerRuleHandler extends AbstractResourceHandler {
  static final ResourceType TYPE = ListenerRuleKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public ListenerRuleHandler(AwsClients aws) {
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
    return ListenerRuleKeys.DESCRIPTOR;
  }

  private static RuleCondition host(Map<String, Object> props) {
    return RuleCondition.builder()
        .field("host-header")
        .hostHeaderConfig(h -> h.values(ListenerRuleKeys.HOST_HEADER.get(props)))
        .build();
  }

  private static Action forward(Map<String, Object> props) {
    return Action.builder()
        .type(ActionTypeEnum.FORWARD)
        .targetGroupArn(ListenerRuleKeys.TARGET_GROUP_ARN.get(props))
        .build();
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    Rule rule =
        elb()
            .createRule(
                r ->
                    r.listenerArn(ListenerRuleKeys.LISTENER_ARN.get(props))
                        .priority(Tagging.integer(props, "priority"))
                        .conditions(host(props))
                        .actions(forward(props))
                        .tags(Tagging.of(ctx.tags())))
            .rules()
            .get(0);
    return observed(rule, ListenerRuleKeys.LISTENER_ARN.get(props));
  }

  private static List<String> hosts(Rule rule) {
    return rule.conditions().stream()
        .filter(c -> "host-header".equals(c.field()))
        .flatMap(
            c ->
                c.hostHeaderConfig() != null && !c.hostHeaderConfig().values().isEmpty()
                    ? c.hostHeaderConfig().values().stream()
                    : c.values().stream())
        .toList();
  }

  private static Observed observed(Rule rule, String listenerArn) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("listenerArn", listenerArn);
    props.put("priority", Integer.parseInt(rule.priority()));
    List<String> hosts = hosts(rule);
    if (!hosts.isEmpty()) {
      props.put("hostHeader", hosts.get(0));
    }
    rule.actions().stream()
        .filter(a -> a.targetGroupArn() != null)
        .findFirst()
        .ifPresent(a -> props.put("targetGroupArn", a.targetGroupArn()));
    return new Observed(rule.ruleArn(), Map.of("arn", rule.ruleArn()), props, null);
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    try {
      return elb().describeRules(r -> r.ruleArns(physicalId)).rules().stream()
          .findFirst()
          .map(
              rule ->
                  observed(rule, ListenerRuleKeys.LISTENER_ARN.get(props))
                      .withTags(Tagging.tags(elb(), physicalId)));
    } catch (RuleNotFoundException e) {
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
    Integer priority = Tagging.integer(newProps, "priority");
    if (!priority.equals(Tagging.integer(oldProps, "priority"))) {
      elb()
          .setRulePriorities(
              r ->
                  r.rulePriorities(
                      RulePriorityPair.builder().ruleArn(physicalId).priority(priority).build()));
    }
    Rule rule =
        elb()
            .modifyRule(
                r -> r.ruleArn(physicalId).conditions(host(newProps)).actions(forward(newProps)))
            .rules()
            .get(0);
    Tagging.apply(elb(), physicalId, ctx.tags());
    return observed(rule, ListenerRuleKeys.LISTENER_ARN.get(newProps));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    elb().deleteRule(r -> r.ruleArn(physicalId));
  }

  /** The listener's non-default rule for this host name (host names compare case-insensitively). */
  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String listener = ListenerRuleKeys.LISTENER_ARN.get(props);
    String host = ListenerRuleKeys.HOST_HEADER.get(props);
    try {
      return elb().describeRulesPaginator(r -> r.listenerArn(listener)).rules().stream()
          .filter(rule -> !Boolean.TRUE.equals(rule.isDefault()))
          .filter(rule -> hosts(rule).stream().anyMatch(h -> h.equalsIgnoreCase(host)))
          .findFirst()
          .map(rule -> observed(rule, listener));
    } catch (ListenerNotFoundException e) {
      return Optional.empty();
    }
  }
}
