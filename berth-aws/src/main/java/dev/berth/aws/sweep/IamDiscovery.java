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
   * Service-linked roles live under {@code /aws-service-role/}, SSO's under {@code /aws-reserved/}.
   */
  static boolean awsManaged(String path) {
    return path != null
        && (path.startsWith("/aws-service-role/") || path.startsWith("/aws-reserved/"));
  }
}
