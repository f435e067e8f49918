package dev.berth.aws.iam;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code aws.iam.policy}: a customer-managed policy whose {@code document} (a map) is serialised
 * with Jackson. A document change becomes the new default version in place, so the policy keeps its
 * ARN and attachments; older versions are deleted (IAM keeps at most five). Deletion first detaches
 * the policy from every role, user and group, which the original script never did.
 */
public final class PolicyHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = PolicyKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public PolicyHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return PolicyKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    IamClient iam = aws.iam();
    String name = PolicyKeys.NAME.get(props);
    String document = PolicyJson.write(PolicyKeys.DOCUMENT.get(props));
    try {
      Policy p =
          iam.createPolicy(
                  r ->
                      r.policyName(name)
                          .policyDocument(document)
                          .description("berth stack " + ctx.stack() + ": " + ctx.logicalId())
                          .tags(IamTags.of(ctx)))
              .policy();
      return observed(p, props);
    } catch (EntityAlreadyExistsException e) {
      // A retried create finds the policy it made a moment ago; anything else is not ours.
      Optional<Policy> existing = named(iam, name);
      Map<String, String> tags = existing.map(p -> IamTags.ofPolicy(iam, p.arn())).orElse(Map.of());
      if (existing.isEmpty() || !IamTags.ours(ctx, tags)) {
        throw Claims.taken("IAM policy " + name, tags);
      }
      setDocument(iam, existing.get().arn(), document);
      return observed(existing.get(), props);
    }
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    IamClient iam = aws.iam();
    try {
      Policy p = iam.getPolicy(r -> r.policyArn(physicalId)).policy();
      PolicyVersion v =
          iam.getPolicyVersion(r -> r.policyArn(physicalId).versionId(p.defaultVersionId()))
              .policyVersion();
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("name", p.policyName());
      seen.put("document", PolicyJson.read(v.document()));
      return Optional.of(observed(p, seen).withTags(IamTags.ofPolicy(iam, physicalId)));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    IamClient iam = aws.iam();
    if (!Objects.equals(PolicyKeys.DOCUMENT.get(oldProps), PolicyKeys.DOCUMENT.get(newProps))) {
      setDocument(iam, physicalId, PolicyJson.write(PolicyKeys.DOCUMENT.get(newProps)));
    }
    iam.tagPolicy(r -> r.policyArn(physicalId).tags(IamTags.of(ctx)));
    return observed(iam.getPolicy(r -> r.policyArn(physicalId)).policy(), newProps);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    IamClient iam = aws.iam();
    var entities = iam.listEntitiesForPolicyPaginator(r -> r.policyArn(physicalId));
    for (var page : entities) {
      page.policyRoles()
          .forEach(
              role ->
                  ignoreGone(
                      () ->
                          iam.detachRolePolicy(
                              r -> r.roleName(role.roleName()).policyArn(physicalId))));
      page.policyUsers()
          .forEach(
              user ->
                  ignoreGone(
                      () ->
                          iam.detachUserPolicy(
                              r -> r.userName(user.userName()).policyArn(physicalId))));
      page.policyGroups()
          .forEach(
              group ->
                  ignoreGone(
                      () ->
                          iam.detachGroupPolicy(
                              r -> r.groupName(group.groupName()).policyArn(physicalId))));
    }
    deleteOldVersions(iam, physicalId);
    iam.deletePolicy(r -> r.policyArn(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return locate(ctx, PolicyKeys.NAME.get(props)).flatMap(p -> read(ctx, p.arn(), props));
  }

  /** This resource's policy by name among the account's customer-managed policies. */
  private Optional<Policy> locate(ResourceContext ctx, String name) {
    IamClient iam = aws.iam();
    return named(iam, name).filter(p -> IamTags.ours(ctx, IamTags.ofPolicy(iam, p.arn())));
  }

  /**
   * The customer-managed policy named {@code name}, whoever made it. IAM policy names are unique in
   * the account whatever their path, and case-insensitively, so every local policy is looked at (no
   * PathPrefix): one of that name at another path still takes the name. The ARN cannot be built
   * instead, since the handler does not know the account id.
   */
  private static Optional<Policy> named(IamClient iam, String name) {
    return iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies().stream()
        .filter(p -> p.policyName().equalsIgnoreCase(name))
        .findFirst();
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> name = Claims.literal(props, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    IamClient iam = aws.iam();
    return named(iam, name.get())
        .map(p -> new Holder("IAM policy " + p.policyName(), IamTags.ofPolicy(iam, p.arn())));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.iam().tagPolicy(r -> r.policyArn(physicalId).tags(IamTags.of(ctx)));
  }

  /** Makes {@code document} the default version and deletes every other version. */
  private static void setDocument(IamClient iam, String arn, String document) {
    deleteOldVersions(iam, arn);
    iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(document).setAsDefault(true));
    deleteOldVersions(iam, arn);
  }

  private static void deleteOldVersions(IamClient iam, String arn) {
    iam.listPolicyVersions(r -> r.policyArn(arn)).versions().stream()
        .filter(v -> !v.isDefaultVersion())
        .forEach(
            v ->
                ignoreGone(
                    () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v.versionId()))));
  }

  private static void ignoreGone(Runnable call) {
    try {
      call.run();
    } catch (NoSuchEntityException e) {
      // detached or deleted meanwhile
    }
  }

  private static Observed observed(Policy p, Map<String, Object> props) {
    return new Observed(p.arn(), Map.of("arn", p.arn()), props, null);
  }
}
