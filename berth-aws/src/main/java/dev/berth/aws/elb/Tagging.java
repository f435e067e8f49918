package dev.berth.aws.elb;

import dev.berth.core.graph.Props;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** ELBv2 tags and the list properties the handlers share. */
final class Tagging {
  private Tagging() {}

  static List<Tag> of(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** Whether the resource carries this stack's {@code berth:stack} tag. */
  static boolean ownedBy(ElasticLoadBalancingV2Client elb, String arn, String stack) {
    return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
        .flatMap(d -> d.tags().stream())
        .anyMatch(t -> t.key().equals("berth:stack") && t.value().equals(stack));
  }

  static void apply(ElasticLoadBalancingV2Client elb, String arn, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      elb.addTags(r -> r.resourceArns(arn).tags(of(tags)));
    }
  }

  static List<String> strings(Map<String, Object> props, String key) {
    return Props.list(props, key).stream().map(String::valueOf).toList();
  }

  static Integer integer(Map<String, Object> props, String key) {
    return props.get(key) == null ? null : Props.integer(props, key, 0);
  }
}
