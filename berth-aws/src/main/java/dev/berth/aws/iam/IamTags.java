package dev.berth.aws.iam;

import dev.berth.core.engine.ResourceContext;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.Tag;

/** berth's tags in IAM's form, and whether an IAM entity is this resource's. */
final class IamTags {
  private IamTags() {}

  static List<Tag> of(ResourceContext ctx) {
    return ctx.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** True when the entity carries this stack's {@code berth:stack} and this {@code berth:id}. */
  static boolean ours(ResourceContext ctx, List<Tag> tags) {
    Map<String, String> want = ctx.tags();
    return tags.stream()
            .filter(t -> t.key().equals("berth:stack") || t.key().equals("berth:id"))
            .filter(t -> t.value().equals(want.get(t.key())))
            .count()
        == 2;
  }
}
