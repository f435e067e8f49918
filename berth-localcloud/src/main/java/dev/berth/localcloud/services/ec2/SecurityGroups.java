package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Security groups: names unique per VPC, an allow-all egress rule by default, ingress rules from
 * CIDR ranges or other groups. A group referenced by another group's rule, or used by a network
 * interface (or any other resource), cannot be deleted; nor can a VPC's default group.
 */
final class SecurityGroups {
  static final int MAX_RULES = 60;

  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("group-id", r -> List.of(r.id));
    FIELDS.put("group-name", r -> List.of(r.name));
    FIELDS.put("vpc-id", Filters.attr("vpcId"));
    FIELDS.put("description", Filters.attr("description"));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
    FIELDS.put("ip-permission.cidr", r -> ruleField(r, "ingress", "cidrIp"));
    FIELDS.put("ip-permission.ipv6-cidr", r -> ruleField(r, "ingress", "cidrIpv6"));
    FIELDS.put("ip-permission.group-id", r -> ruleField(r, "ingress", "sourceGroupId"));
    FIELDS.put("ip-permission.protocol", r -> ruleField(r, "ingress", "ipProtocol"));
    FIELDS.put("ip-permission.from-port", r -> ruleField(r, "ingress", "fromPort"));
    FIELDS.put("ip-permission.to-port", r -> ruleField(r, "ingress", "toPort"));
    FIELDS.put("egress.ip-permission.cidr", r -> ruleField(r, "egress", "cidrIp"));
    FIELDS.put("egress.ip-permission.group-id", r -> ruleField(r, "egress", "sourceGroupId"));
    FIELDS.put("egress.ip-permission.protocol", r -> ruleField(r, "egress", "ipProtocol"));
  }

  private SecurityGroups() {}

  private static List<String> ruleField(Res sg, String direction, String key) {
    return rules(sg, direction).stream()
        .map(m -> m.get(key))
        .filter(Objects::nonNull)
        .map(String::valueOf)
        .toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Res sg, String direction) {
    List<Map<String, Object>> out = new ArrayList<>();
    sg.listAttr(direction).forEach(o -> out.add((Map<String, Object>) o));
    return out;
  }

  static Res createDefault(Ec2Call c, Res vpc) {
    Res sg = newGroup(c, vpc, "default", "default VPC security group", Map.of());
    sg.attrs.put("default", true);
    Map<String, Object> self = Permissions.rule(c, "-1", null, null);
    self.put("sourceGroupId", sg.id);
    sg.attrs.put("ingress", new ArrayList<>(List.of(self)));
    refresh(sg);
    return sg;
  }

  private static Res newGroup(
      Ec2Call c, Res vpc, String name, String description, Map<String, String> tags) {
    Res sg = new Res("ec2", Kind.SECURITY_GROUP.type, c.world.ec2Id(Kind.SECURITY_GROUP.prefix));
    sg.name = name;
    sg.state = "available";
    sg.tags.putAll(tags);
    sg.attrs.put("region", c.region);
    sg.attrs.put("vpcId", vpc.id);
    sg.attrs.put("description", description);
    sg.attrs.put("default", false);
    sg.attrs.put("ingress", new ArrayList<>());
    Map<String, Object> egress = Permissions.rule(c, "-1", null, null);
    egress.put("cidrIp", "0.0.0.0/0");
    sg.attrs.put("egress", new ArrayList<>(List.of(egress)));
    sg.refs.add(vpc.id);
    return sg;
  }

  static Response create(Ec2Call c) {
    String name = c.required("GroupName");
    String description = c.required("GroupDescription");
    if (name.equals("default")) {
      throw AwsException.client(
          "InvalidGroup.Reserved", "The security group 'default' is reserved");
    }
    if (name.startsWith("sg-")) {
      throw AwsException.client(
          "InvalidParameterValue", "Group names may not be in the format sg-*");
    }
    if (name.length() > 255 || description.length() > 255) {
      throw AwsException.client(
          "InvalidParameterValue", "Group name and description must be at most 255 characters");
    }
    String vpcId = c.param("VpcId");
    if (vpcId == null || vpcId.isEmpty()) {
      throw AwsException.client("VPCIdNotSpecified", "No default VPC for this user");
    }
    Res vpc = c.get(Kind.VPC, vpcId);
    if (c.all(Kind.SECURITY_GROUP)
        .anyMatch(g -> name.equals(g.name) && vpc.id.equals(g.str("vpcId")))) {
      throw AwsException.client(
          "InvalidGroup.Duplicate",
          "The security group '" + name + "' already exists for VPC '" + vpc.id + "'");
    }
    Res sg = newGroup(c, vpc, name, description, c.tagsFor(Kind.SECURITY_GROUP));
    c.world.put(sg);
    Xml x = c.response().leaf("return", true).leaf("groupId", sg.id);
    Tags.render(x, sg);
    return x.leaf("securityGroupArn", arn(sg)).response();
  }

  static Response authorizeIngress(Ec2Call c) {
    Res sg = target(c);
    List<Map<String, Object>> existing = rules(sg, "ingress");
    List<Map<String, Object>> added = new ArrayList<>();
    for (Map<String, Object> r : Permissions.parse(c, sg)) {
      if (existing.stream().anyMatch(e -> Permissions.same(e, r))
          || added.stream().anyMatch(e -> Permissions.same(e, r))) {
        throw AwsException.client(
            "InvalidPermission.Duplicate",
            "the specified rule \"" + Permissions.quote(r) + "\" already exists");
      }
      added.add(r);
    }
    if (existing.size() + added.size() > MAX_RULES) {
      throw AwsException.client(
          "RulesPerSecurityGroupLimitExceeded",
          "The maximum number of rules per security group has been reached.");
    }
    existing.addAll(added);
    sg.attrs.put("ingress", existing);
    refresh(sg);
    return c.response()
        .leaf("return", true)
        .list(
            "securityGroupRuleSet",
            "item",
            added,
            (x, r) -> Permissions.renderRule(x, sg, r, false))
        .response();
  }

  static Response revokeIngress(Ec2Call c) {
    Res sg = target(c);
    List<Map<String, Object>> existing = rules(sg, "ingress");
    List<Map<String, Object>> remove = new ArrayList<>();
    for (String ruleId : c.req.list("SecurityGroupRuleId")) {
      Map<String, Object> match =
          existing.stream()
              .filter(e -> ruleId.equals(e.get("ruleId")))
              .findFirst()
              .orElseThrow(
                  () ->
                      AwsException.client(
                          "InvalidSecurityGroupRuleId.NotFound",
                          "The security group rule ID '" + ruleId + "' does not exist"));
      remove.add(match);
    }
    for (Map<String, Object> r : Permissions.parse(c, sg)) {
      Map<String, Object> match =
          existing.stream()
              .filter(e -> Permissions.same(e, r))
              .findFirst()
              .orElseThrow(
                  () ->
                      AwsException.client(
                          "InvalidPermission.NotFound",
                          "The specified rule does not exist in this security group."));
      remove.add(match);
    }
    existing.removeAll(remove);
    sg.attrs.put("ingress", existing);
    refresh(sg);
    return c.returnTrue();
  }

  static Response describe(Ec2Call c) {
    List<String> names = c.req.list("GroupName");
    List<Res> groups = c.describe(Kind.SECURITY_GROUP, "GroupId", FIELDS);
    if (!names.isEmpty()) {
      for (String n : names) {
        if (c.all(Kind.SECURITY_GROUP).noneMatch(g -> n.equals(g.name))) {
          throw AwsException.client(
              "InvalidGroup.NotFound", "The security group '" + n + "' does not exist");
        }
      }
      groups = groups.stream().filter(g -> names.contains(g.name)).toList();
    }
    return c.response()
        .list("securityGroupInfo", "item", groups, SecurityGroups::render)
        .response();
  }

  static Response delete(Ec2Call c) {
    Res sg = target(c);
    if (sg.bool("default")) {
      throw AwsException.client(
          "CannotDelete",
          "the specified group: \"" + sg.id + "\" name: \"default\" cannot be deleted by a user");
    }
    if (c.world.referrers(sg.id).anyMatch(r -> r != sg)) {
      throw AwsException.client(
          "DependencyViolation", "resource " + sg.id + " has a dependent object");
    }
    c.world.remove(sg);
    return c.response().leaf("return", true).leaf("groupId", sg.id).response();
  }

  /** The group a call names by {@code GroupId}, or by {@code GroupName} within the region. */
  private static Res target(Ec2Call c) {
    String id = c.param("GroupId");
    if (id != null && !id.isEmpty()) {
      return c.get(Kind.SECURITY_GROUP, id);
    }
    String name = c.param("GroupName");
    if (name == null || name.isEmpty()) {
      throw AwsException.client(
          "MissingParameter", "The request must contain the parameter groupName or groupId");
    }
    return c.all(Kind.SECURITY_GROUP)
        .filter(g -> name.equals(g.name))
        .findFirst()
        .orElseThrow(
            () ->
                AwsException.client(
                    "InvalidGroup.NotFound", "The security group '" + name + "' does not exist"));
  }

  /** Keeps {@link Res#refs} = the VPC plus every group a rule names. */
  private static void refresh(Res sg) {
    sg.refs.clear();
    sg.refs.add(sg.str("vpcId"));
    for (String direction : List.of("ingress", "egress")) {
      rules(sg, direction).stream()
          .map(r -> r.get("sourceGroupId"))
          .filter(Objects::nonNull)
          .forEach(id -> sg.refs.add(id.toString()));
    }
  }

  static String arn(Res sg) {
    return "arn:aws:ec2:" + sg.region() + ":" + World.ACCOUNT + ":security-group/" + sg.id;
  }

  private static void render(Xml x, Res r) {
    x.leaf("ownerId", World.ACCOUNT)
        .leaf("groupId", r.id)
        .leaf("groupName", r.name)
        .leaf("groupDescription", r.str("description"))
        .leaf("vpcId", r.str("vpcId"))
        .leaf("securityGroupArn", arn(r));
    Permissions.render(x, "ipPermissions", rules(r, "ingress"));
    Permissions.render(x, "ipPermissionsEgress", rules(r, "egress"));
    Tags.render(x, r);
  }
}
