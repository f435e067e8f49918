package dev.berth.aws.elb;

import dev.berth.core.graph.Props;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
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

  /** The resource's tags (DescribeTags). */
  static Map<String, String> tags(ElasticLoadBalancingV2Client elb, String arn) {
    Map<String, String> out = new LinkedHashMap<>();
    elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
        .flatMap(d -> d.tags().stream())
        .forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }

  /** Whether the resource carries this state's stack, logical id and lineage. */
  static boolean ownedBy(ElasticLoadBalancingV2Client elb, String arn, ResourceContext ctx) {
    return Ownership.ours(ctx, tags(elb, arn));
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
