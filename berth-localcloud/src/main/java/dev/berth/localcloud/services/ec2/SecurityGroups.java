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
    Map<String, Object> self = rule(c, "-1", null, null);
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
    Map<String, Object> egress = rule(c, "-1", null, null);
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
    for (Map<String, Object> r : permissions(c, sg)) {
      if (existing.stream().anyMatch(e -> sameRule(e, r))
          || added.stream().anyMatch(e -> sameRule(e, r))) {
        throw AwsException.client(
            "InvalidPermission.Duplicate",
            "the specified rule \"" + describeRule(r) + "\" already exists");
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
        .list("securityGroupRuleSet", "item", added, (x, r) -> renderRule(x, sg, r, false))
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
    for (Map<String, Object> r : permissions(c, sg)) {
      Map<String, Object> match =
          existing.stream()
              .filter(e -> sameRule(e, r))
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

  /**
   * The rules a call's {@code IpPermissions.N} (or legacy flat parameters) describe, one per
   * source.
   */
  private static List<Map<String, Object>> permissions(Ec2Call c, Res sg) {
    List<Map<String, String>> perms = Params.structs(c.req.form(), "IpPermissions");
    if (perms.isEmpty() && c.param("IpProtocol") != null) {
      Map<String, String> flat = new LinkedHashMap<>();
      flat.put("IpProtocol", c.param("IpProtocol"));
      if (c.param("FromPort") != null) {
        flat.put("FromPort", c.param("FromPort"));
      }
      if (c.param("ToPort") != null) {
        flat.put("ToPort", c.param("ToPort"));
      }
      if (c.param("CidrIp") != null) {
        flat.put("IpRanges.1.CidrIp", c.param("CidrIp"));
      }
      perms = List.of(flat);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, String> p : perms) {
      String protocol = protocol(p.get("IpProtocol"));
      Integer[] ports = ports(protocol, p.get("FromPort"), p.get("ToPort"));
      for (Map<String, String> range : Params.structs(p, "IpRanges")) {
        String cidr = range.get("CidrIp");
        if (Cidr.parseLoose(cidr) == null) {
          throw AwsException.client(
              "InvalidParameterValue", "CIDR block " + cidr + " is malformed");
        }
        Map<String, Object> r = rule(c, protocol, ports[0], ports[1]);
        r.put("cidrIp", cidr);
        putDescription(r, range);
        out.add(r);
      }
      for (Map<String, String> range : Params.structs(p, "Ipv6Ranges")) {
        Map<String, Object> r = rule(c, protocol, ports[0], ports[1]);
        r.put("cidrIpv6", range.get("CidrIpv6"));
        putDescription(r, range);
        out.add(r);
      }
      // The SDKs send UserIdGroupPairs under its wire name, Groups.
      List<Map<String, String>> pairs = new ArrayList<>(Params.structs(p, "Groups"));
      pairs.addAll(Params.structs(p, "UserIdGroupPairs"));
      for (Map<String, String> pair : pairs) {
        String groupId = pair.get("GroupId");
        Res source;
        if (groupId != null) {
          source = c.get(Kind.SECURITY_GROUP, groupId);
        } else {
          String name = pair.get("GroupName");
          source =
              c.all(Kind.SECURITY_GROUP)
                  .filter(g -> g.name.equals(name) && g.str("vpcId").equals(sg.str("vpcId")))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          AwsException.client(
                              "InvalidGroup.NotFound",
                              "The security group '" + name + "' does not exist"));
        }
        Map<String, Object> r = rule(c, protocol, ports[0], ports[1]);
        r.put("sourceGroupId", source.id);
        putDescription(r, pair);
        out.add(r);
      }
    }
    return out;
  }

  private static void putDescription(Map<String, Object> rule, Map<String, String> source) {
    if (source.get("Description") != null) {
      rule.put("description", source.get("Description"));
    }
  }

  private static Map<String, Object> rule(Ec2Call c, String protocol, Integer from, Integer to) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", c.world.ec2Id("sgr"));
    r.put("ipProtocol", protocol);
    if (from != null) {
      r.put("fromPort", from);
      r.put("toPort", to);
    }
    return r;
  }

  static String protocol(String p) {
    if (p == null || p.isEmpty()) {
      throw AwsException.client(
          "MissingParameter", "The request must contain the parameter ipProtocol");
    }
    String s = p.toLowerCase(java.util.Locale.ROOT);
    return switch (s) {
      case "tcp", "6" -> "tcp";
      case "udp", "17" -> "udp";
      case "icmp", "1" -> "icmp";
      case "icmpv6", "58" -> "58";
      case "-1", "all" -> "-1";
      default -> {
        if (s.matches("\\d{1,3}") && Integer.parseInt(s) <= 255) {
          yield s;
        }
        throw AwsException.client(
            "InvalidParameterValue",
            "Invalid value '" + p + "' for IP protocol. Unknown protocol.");
      }
    };
  }

  private static Integer[] ports(String protocol, String from, String to) {
    switch (protocol) {
      case "tcp", "udp" -> {
        Integer f = parsePort(from);
        Integer t = parsePort(to);
        if (f == null || t == null) {
          throw AwsException.client(
              "InvalidParameterValue",
              "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
        }
        if (f < 0 || t > 65535 || f > t) {
          throw AwsException.client(
              "InvalidParameterValue",
              "Invalid value '"
                  + from
                  + "-"
                  + to
                  + "' for portRange. Ports must be 0-65535, from <= to.");
        }
        return new Integer[] {f, t};
      }
      case "icmp", "58" -> {
        Integer f = parsePort(from);
        Integer t = parsePort(to);
        return new Integer[] {f == null ? -1 : f, t == null ? -1 : t};
      }
      default -> {
        return new Integer[] {null, null};
      }
    }
  }

  private static Integer parsePort(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw AwsException.client("InvalidParameterValue", "Invalid value '" + s + "' for port");
    }
  }

  private static boolean sameRule(Map<String, Object> a, Map<String, Object> b) {
    for (String k :
        List.of("ipProtocol", "fromPort", "toPort", "cidrIp", "cidrIpv6", "sourceGroupId")) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** The rule as AWS quotes it in InvalidPermission.Duplicate. */
  private static String describeRule(Map<String, Object> r) {
    Object peer =
        r.get("cidrIp") != null
            ? r.get("cidrIp")
            : r.get("cidrIpv6") != null ? r.get("cidrIpv6") : r.get("sourceGroupId");
    String protocol = String.valueOf(r.get("ipProtocol"));
    String name = protocol.equals("-1") ? "ALL" : protocol.toUpperCase(java.util.Locale.ROOT);
    String ports =
        r.get("fromPort") == null
            ? ""
            : ", from port: " + r.get("fromPort") + ", to port: " + r.get("toPort");
    return "peer: " + peer + ", " + name + ports + ", ALLOW";
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
    return "arn:aws:ec2:" + sg.str("region") + ":" + World.ACCOUNT + ":security-group/" + sg.id;
  }

  private static void render(Xml x, Res r) {
    x.leaf("ownerId", World.ACCOUNT)
        .leaf("groupId", r.id)
        .leaf("groupName", r.name)
        .leaf("groupDescription", r.str("description"))
        .leaf("vpcId", r.str("vpcId"))
        .leaf("securityGroupArn", arn(r));
    renderPermissions(x, "ipPermissions", rules(r, "ingress"));
    renderPermissions(x, "ipPermissionsEgress", rules(r, "egress"));
    Tags.render(x, r);
  }

  /** Rules grouped as AWS does: one permission per protocol and port range, listing its sources. */
  private static void renderPermissions(Xml x, String name, List<Map<String, Object>> rules) {
    Map<List<Object>, List<Map<String, Object>>> byRange = new LinkedHashMap<>();
    for (Map<String, Object> r : rules) {
      List<Object> key =
          java.util.Arrays.asList(r.get("ipProtocol"), r.get("fromPort"), r.get("toPort"));
      byRange.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    x.list(
        name,
        "item",
        byRange.values(),
        (y, perm) -> {
          Map<String, Object> first = perm.get(0);
          y.leaf("ipProtocol", first.get("ipProtocol"))
              .leaf("fromPort", first.get("fromPort"))
              .leaf("toPort", first.get("toPort"))
              .list(
                  "groups",
                  "item",
                  perm.stream().filter(r -> r.get("sourceGroupId") != null).toList(),
                  (z, r) ->
                      z.leaf("userId", World.ACCOUNT)
                          .leaf("groupId", r.get("sourceGroupId"))
                          .leaf("description", r.get("description")))
              .list(
                  "ipRanges",
                  "item",
                  perm.stream().filter(r -> r.get("cidrIp") != null).toList(),
                  (z, r) ->
                      z.leaf("cidrIp", r.get("cidrIp")).leaf("description", r.get("description")))
              .list(
                  "ipv6Ranges",
                  "item",
                  perm.stream().filter(r -> r.get("cidrIpv6") != null).toList(),
                  (z, r) ->
                      z.leaf("cidrIpv6", r.get("cidrIpv6"))
                          .leaf("description", r.get("description")))
              .list(
                  "prefixListIds", "item", List.<String>of(), (z, p) -> z.leaf("prefixListId", p));
        });
  }

  private static void renderRule(Xml x, Res sg, Map<String, Object> r, boolean egress) {
    x.leaf("securityGroupRuleId", r.get("ruleId"))
        .leaf("groupId", sg.id)
        .leaf("groupOwnerId", World.ACCOUNT)
        .leaf("isEgress", egress)
        .leaf("ipProtocol", r.get("ipProtocol"))
        .leaf("fromPort", r.get("fromPort") == null ? -1 : r.get("fromPort"))
        .leaf("toPort", r.get("toPort") == null ? -1 : r.get("toPort"))
        .leaf("cidrIpv4", r.get("cidrIp"))
        .leaf("cidrIpv6", r.get("cidrIpv6"));
    if (r.get("sourceGroupId") != null) {
      x.open("referencedGroupInfo")
          .leaf("groupId", r.get("sourceGroupId"))
          .leaf("userId", World.ACCOUNT)
          .close();
    }
    x.leaf("description", r.get("description"));
  }
}
