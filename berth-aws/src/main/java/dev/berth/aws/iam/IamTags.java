package dev.berth.aws.iam;

import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/** berth's tags in IAM's form, and whether an IAM entity is this resource's. */
final class IamTags {
  private IamTags() {}

  static List<Tag> of(ResourceContext ctx) {
    return ctx.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }

  /** The role's tags (ListRoleTags, every page). */
  static Map<String, String> ofRole(IamClient iam, String roleName) {
    Map<String, String> out = new LinkedHashMap<>();
    iam.listRoleTagsPaginator(r -> r.roleName(roleName)).forEach(p -> out.putAll(toMap(p.tags())));
    return out;
  }

  /** The policy's tags (ListPolicyTags, every page). */
  static Map<String, String> ofPolicy(IamClient iam, String arn) {
    Map<String, String> out = new LinkedHashMap<>();
    iam.listPolicyTagsPaginator(r -> r.policyArn(arn)).forEach(p -> out.putAll(toMap(p.tags())));
    return out;
  }

  /** True when the entity carries this stack's stack, logical id and lineage. */
  static boolean ours(ResourceContext ctx, Map<String, String> tags) {
    return Ownership.ours(ctx, tags);
  }
}
