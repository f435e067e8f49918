package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Security-group rules: parsed from {@code IpPermissions.N} into one stored rule per source ({@code
 * ruleId, ipProtocol, fromPort?, toPort?, cidrIp | cidrIpv6 | sourceGroupId, description?}), and
 * rendered back grouped as AWS does.
 */
final class Permissions {
  private Permissions() {}

  /**
   * The rules a call's {@code IpPermissions.N} (or legacy flat parameters) describe, one per
   * source.
   */
  static List<Map<String, Object>> parse(Ec2Call c, Res sg) {
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

  static Map<String, Object> rule(Ec2Call c, String protocol, Integer from, Integer to) {
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
    String s = p.toLowerCase(Locale.ROOT);
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

  static boolean same(Map<String, Object> a, Map<String, Object> b) {
    for (String k :
        List.of("ipProtocol", "fromPort", "toPort", "cidrIp", "cidrIpv6", "sourceGroupId")) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** The rule as AWS quotes it in InvalidPermission.Duplicate. */
  static String quote(Map<String, Object> r) {
    Object peer =
        r.get("cidrIp") != null
            ? r.get("cidrIp")
            : r.get("cidrIpv6") != null ? r.get("cidrIpv6") : r.get("sourceGroupId");
    String protocol = String.valueOf(r.get("ipProtocol"));
    String name = protocol.equals("-1") ? "ALL" : protocol.toUpperCase(Locale.ROOT);
    String ports =
        r.get("fromPort") == null
            ? ""
            : ", from port: " + r.get("fromPort") + ", to port: " + r.get("toPort");
    return "peer: " + peer + ", " + name + ports + ", ALLOW";
  }

  /** Rules grouped as AWS does: one permission per protocol and port range, listing its sources. */
  static void render(Xml x, String name, List<Map<String, Object>> rules) {
    Map<List<Object>, List<Map<String, Object>>> byRange = new LinkedHashMap<>();
    for (Map<String, Object> r : rules) {
      List<Object> key = Arrays.asList(r.get("ipProtocol"), r.get("fromPort"), r.get("toPort"));
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

  static void renderRule(Xml x, Res sg, Map<String, Object> r, boolean egress) {
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
