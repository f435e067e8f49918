package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * berth's IAM roles and customer-managed policies. IAM lists carry no tags, so each role's and
 * policy's are read (ListRoleTags, ListPolicyTags). Service-linked and other AWS-reserved roles are
 * skipped: AWS owns them, and berth only ensures the ECS one, never deletes it.
 */
public final class IamDiscovery implements Discovery {
  private final AwsClients aws;

  public IamDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    IamClient iam = aws.iam();
    String region = aws.region().id();
    List<TaggedResource> out = new ArrayList<>();
    for (Role role : iam.listRolesPaginator(r -> {}).roles()) {
      if (awsManaged(role.path())) {
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      Gone.unlessGone(
              () ->
                  iam.listRoleTagsPaginator(r -> r.roleName(role.roleName())).tags().stream()
                      .toList())
          .orElse(List.of())
          .forEach(t -> tags.put(t.key(), t.value()));
      Owner.of(tags, stack)
          .filter(o -> inThisRegion(role.roleName(), o.stack(), region))
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.ROLE,
                              role.roleName(),
                              TaggedResource.GLOBAL,
                              role.createDate(),
                              "IAM role " + role.roleName())
                          .withOutputs(Map.of("arn", role.arn(), "name", role.roleName()))));
    }
    for (Policy p : iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies()) {
      Map<String, String> tags = new LinkedHashMap<>();
      Gone.unlessGone(
              () -> iam.listPolicyTagsPaginator(r -> r.policyArn(p.arn())).tags().stream().toList())
          .orElse(List.of())
          .forEach(t -> tags.put(t.key(), t.value()));
      Owner.of(tags, stack)
          .filter(o -> inThisRegion(p.policyName(), o.stack(), region))
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.POLICY,
                              p.arn(),
                              TaggedResource.GLOBAL,
                              p.createDate(),
                              "IAM policy " + p.policyName())
                          .withOutputs(Map.of("arn", p.arn()))));
    }
    return out;
  }

  /**
   * IAM is global to the account, but berth names its roles and policies {@code
   * berth-<stack>-<region>-<what>} so that the same stack in two regions shares nothing: a sweep in
   * one region must not find (and delete) the other region's. A name of that shape whose region is
   * another one belongs to that region's stack; a name of another shape (not berth's, or an older
   * berth's) is kept, so nothing berth made becomes unsweepable.
   */
  static boolean inThisRegion(String name, String stack, String region) {
    String prefix = "berth-" + stack + "-";
    if (name == null || !name.startsWith(prefix)) {
      return true;
    }
    String rest = name.substring(prefix.length());
    if (rest.startsWith(region + "-")) {
      return true;
    }
    return !REGION_PREFIX.matcher(rest).lookingAt();
  }

  /** An AWS region name at the start: {@code eu-west-1-}, {@code us-gov-west-1-}, … */
  private static final java.util.regex.Pattern REGION_PREFIX =
      java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+-");

  /**
   * Service-linked roles live under {@code /aws-service-role/}, SSO's under {@code /aws-reserved/}.
   */
  static boolean awsManaged(String path) {
    return path != null
        && (path.startsWith("/aws-service-role/") || path.startsWith("/aws-reserved/"));
  }
}
