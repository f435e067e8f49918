package dev.berth.aws.network;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * {@code aws.ec2.security-group}: a group {@code name} in {@code vpcId} whose inbound rules are
 * exactly {@code ingress}. Rules are authorized in one call whose errors fail the create (the group
 * is then removed again); an update authorizes what is missing before revoking what is extra, so
 * traffic the new rules allow is never cut off in between. Egress stays AWS's default (allow all).
 */
public final class SecurityGroupHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = SecurityGroupKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public SecurityGroupHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return SecurityGroupKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    Ec2Client ec2 = aws.ec2();
    String vpcId = SecurityGroupKeys.VPC_ID.get(props);
    String name = SecurityGroupKeys.NAME.get(props);
    String groupId;
    try {
      groupId =
          ec2.createSecurityGroup(
                  r ->
                      r.vpcId(vpcId)
                          .groupName(name)
                          .description(SecurityGroupKeys.DESCRIPTION.get(props))
                          .tagSpecifications(Ec2Calls.tags("security-group", ctx.tags())))
              .groupId();
    } catch (RuntimeException e) {
      if (Ec2Calls.is(e, "InvalidGroup.Duplicate")) {
        // Ours (a create that went through before its answer was lost) is found by the engine's
        // find before it retries; anyone else's group is refused, not taken over.
        Map<String, String> tags =
            named(ec2, vpcId, name).map(g -> Ec2Calls.toMap(g.tags())).orElse(Map.of());
        if (!Ownership.ours(ctx, tags)) {
          throw Claims.taken(what(name, vpcId), tags);
        }
      }
      throw e;
    }
    try {
      authorize(ctx, ec2, groupId, IngressRule.listOf(SecurityGroupKeys.INGRESS.get(props)));
    } catch (Exception e) {
      Ec2Calls.undo(e, () -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)));
      throw e;
    }
    // Returns once EC2 answers for the group, so what uses it next finds it.
    SecurityGroup group =
        Ec2Calls.whenVisible(
            ctx,
            "security group " + groupId + " to be visible",
            () -> ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0));
    return observed(group, props);
  }

  private static void authorize(
      ResourceContext ctx, Ec2Client ec2, String groupId, List<IngressRule> rules)
      throws Exception {
    if (rules.isEmpty()) {
      return;
    }
    Ec2Calls.whenVisible(
        ctx,
        "authorizing " + rules.size() + " ingress rule(s) on " + groupId,
        () ->
            ec2.authorizeSecurityGroupIngress(
                r ->
                    r.groupId(groupId)
                        .ipPermissions(rules.stream().map(IngressRule::toPermission).toList())));
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(aws.ec2(), physicalId).map(g -> observed(g, props));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    Ec2Client ec2 = aws.ec2();
    SecurityGroup group =
        ec2.describeSecurityGroups(r -> r.groupIds(physicalId)).securityGroups().get(0);
    List<IngressRule> actual = IngressRule.fromPermissions(group.ipPermissions());
    List<IngressRule> wanted = IngressRule.listOf(SecurityGroupKeys.INGRESS.get(newProps));
    List<IngressRule> missing = wanted.stream().filter(r -> !actual.contains(r)).toList();
    List<IngressRule> extra = actual.stream().filter(r -> !wanted.contains(r)).toList();
    authorize(ctx, ec2, physicalId, missing);
    if (!extra.isEmpty()) {
      ec2.revokeSecurityGroupIngress(
          r ->
              r.groupId(physicalId)
                  .ipPermissions(extra.stream().map(IngressRule::toPermission).toList()));
    }
    return observed(
        ec2.describeSecurityGroups(r -> r.groupIds(physicalId)).securityGroups().get(0), newProps);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ec2().deleteSecurityGroup(r -> r.groupId(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    List<Filter> filters = new ArrayList<>(Ec2Calls.ownedBy(ctx));
    filters.add(Ec2Calls.filter("vpc-id", SecurityGroupKeys.VPC_ID.get(props)));
    return aws.ec2().describeSecurityGroups(r -> r.filters(filters)).securityGroups().stream()
        .findFirst()
        .map(g -> observed(g, props));
  }

  private static Optional<SecurityGroup> describe(Ec2Client ec2, String id) {
    try {
      return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().stream().findFirst();
    } catch (RuntimeException e) {
      if (Ec2Calls.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The observed rules come in the spec's order (unknown ones last), so equal lists compare equal.
   */
  private static Observed observed(SecurityGroup g, Map<String, Object> props) {
    List<IngressRule> wanted = IngressRule.listOf(SecurityGroupKeys.INGRESS.get(props));
    List<Object> rules =
        IngressRule.fromPermissions(g.ipPermissions()).stream()
            .sorted(
                Comparator.comparingInt(
                    r -> wanted.indexOf(r) < 0 ? Integer.MAX_VALUE : wanted.indexOf(r)))
            .map(r -> (Object) r.toMap())
            .toList();
    Map<String, Object> observed = new LinkedHashMap<>();
    observed.put("vpcId", g.vpcId());
    observed.put("name", g.groupName());
    observed.put("description", g.description());
    observed.put("ingress", rules);
    return new Observed(g.groupId(), Map.of("groupId", g.groupId()), observed, null)
        .withTags(Ec2Calls.toMap(g.tags()));
  }

  private static String what(String name, String vpcId) {
    return "security group " + name + " in " + vpcId;
  }

  /** The group called {@code name} in {@code vpcId}: group names are unique in a VPC. */
  private static Optional<SecurityGroup> named(Ec2Client ec2, String vpcId, String name) {
    return ec2
        .describeSecurityGroups(
            r -> r.filters(Ec2Calls.filter("vpc-id", vpcId), Ec2Calls.filter("group-name", name)))
        .securityGroups()
        .stream()
        .findFirst();
  }

  /**
   * The group that holds this group's name, when the VPC is one that exists already (a literal
   * {@code vpcId}); a VPC this stack creates holds no one else's groups.
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> vpcId = Claims.literal(props, "vpcId");
    Optional<String> name = Claims.literal(props, "name");
    if (vpcId.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    return named(aws.ec2(), vpcId.get(), name.get())
        .map(g -> new Holder(what(name.get(), vpcId.get()), Ec2Calls.toMap(g.tags())));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Ec2Calls.tag(aws.ec2(), physicalId, ctx.tags());
  }
}
