package dev.berth.aws.iam;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code aws.iam.role}: a role that {@code assumeService} may assume, with AWS or customer managed
 * policies attached. Policies are attached and detached in place; deletion detaches every policy
 * first, since IAM refuses to delete a role that has any.
 */
public final class RoleHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = RoleKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public RoleHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return RoleKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    IamClient iam = aws.iam();
    String name = RoleKeys.NAME.get(props);
    String trust = PolicyJson.write(Policies.trustPolicy(RoleKeys.ASSUME_SERVICE.get(props)));
    Role role;
    try {
      role =
          iam.createRole(
                  r ->
                      r.roleName(name)
                          .assumeRolePolicyDocument(trust)
                          .description("berth stack " + ctx.stack() + ": " + ctx.logicalId())
                          .tags(IamTags.of(ctx)))
              .role();
    } catch (EntityAlreadyExistsException e) {
      // A retried create finds the role it made a moment ago; anything else is not ours.
      Map<String, String> tags = IamTags.ofRole(iam, name);
      if (!IamTags.ours(ctx, tags)) {
        throw Claims.taken("IAM role " + name, tags);
      }
      role = iam.getRole(r -> r.roleName(name)).role();
    }
    for (String arn : policyArns(props)) {
      iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn));
    }
    return observed(role, props);
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    IamClient iam = aws.iam();
    Role role;
    try {
      role = iam.getRole(r -> r.roleName(physicalId)).role();
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("name", role.roleName());
    trustedService(role).ifPresent(s -> seen.put("assumeService", s));
    seen.put("managedPolicyArns", new ArrayList<>(attached(iam, physicalId)));
    return Optional.of(observed(role, seen).withTags(IamTags.ofRole(iam, physicalId)));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    IamClient iam = aws.iam();
    String service = RoleKeys.ASSUME_SERVICE.get(newProps);
    if (!Objects.equals(service, RoleKeys.ASSUME_SERVICE.get(oldProps))) {
      String trust = PolicyJson.write(Policies.trustPolicy(service));
      iam.updateAssumeRolePolicy(r -> r.roleName(physicalId).policyDocument(trust));
    }
    Set<String> wanted = policyArns(newProps);
    Set<String> current = attached(iam, physicalId);
    for (String arn : wanted) {
      if (!current.contains(arn)) {
        iam.attachRolePolicy(r -> r.roleName(physicalId).policyArn(arn));
      }
    }
    for (String arn : policyArns(oldProps)) {
      if (!wanted.contains(arn) && current.contains(arn)) {
        detach(iam, physicalId, arn);
      }
    }
    iam.tagRole(r -> r.roleName(physicalId).tags(IamTags.of(ctx)));
    return observed(iam.getRole(r -> r.roleName(physicalId)).role(), newProps);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    IamClient iam = aws.iam();
    for (String arn : attached(iam, physicalId)) {
      detach(iam, physicalId, arn);
    }
    iam.deleteRole(r -> r.roleName(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    IamClient iam = aws.iam();
    String name = RoleKeys.NAME.get(props);
    try {
      if (!IamTags.ours(ctx, IamTags.ofRole(iam, name))) {
        return Optional.empty();
      }
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
    return read(ctx, name, props);
  }

  /** The role of that name, whoever made it: role names are unique in the account. */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> name = Claims.literal(props, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Holder("IAM role " + name.get(), IamTags.ofRole(aws.iam(), name.get())));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.iam().tagRole(r -> r.roleName(physicalId).tags(IamTags.of(ctx)));
  }

  private static Observed observed(Role role, Map<String, Object> props) {
    return new Observed(
        role.roleName(), Map.of("arn", role.arn(), "name", role.roleName()), props, null);
  }

  static Set<String> attached(IamClient iam, String roleName) {
    Set<String> out = new LinkedHashSet<>();
    iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().stream()
        .map(AttachedPolicy::policyArn)
        .forEach(out::add);
    return out;
  }

  private static void detach(IamClient iam, String roleName, String policyArn) {
    try {
      iam.detachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
    } catch (NoSuchEntityException e) {
      // detached (or deleted) meanwhile
    }
  }

  private static Set<String> policyArns(Map<String, Object> props) {
    Set<String> out = new LinkedHashSet<>();
    RoleKeys.MANAGED_POLICY_ARNS.get(props).forEach(a -> out.add(a.toString()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> trustedService(Role role) {
    Object statements = PolicyJson.read(role.assumeRolePolicyDocument()).get("Statement");
    List<Object> list = statements instanceof List<?> l ? (List<Object>) l : List.of(statements);
    for (Object s : list) {
      if (s instanceof Map<?, ?> st
          && st.get("Principal") instanceof Map<?, ?> p
          && p.get("Service") instanceof String service) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }
}
