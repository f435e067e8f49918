package dev.berth.aws.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One inbound rule of a security group, from one source: {@code {protocol, fromPort, toPort, cidr}}
 * or {@code {protocol, fromPort, toPort, sourceGroupId}}. Normalised so that rules read back from
 * EC2 compare equal to the spec's ({@code TCP} and {@code 6} are {@code tcp}; {@code all} is {@code
 * -1}, which has no ports).
 */
record IngressRule(
    String protocol, Integer fromPort, Integer toPort, String cidr, String sourceGroupId) {

  IngressRule {
    protocol = normalise(protocol);
    if (protocol.equals("-1")) {
      fromPort = null;
      toPort = null;
    }
    if ((cidr == null) == (sourceGroupId == null)) {
      throw new IllegalArgumentException(
          "an ingress rule needs exactly one of cidr and sourceGroupId");
    }
  }

  static IngressRule of(Map<?, ?> m) {
    return new IngressRule(
        String.valueOf(m.get("protocol")),
        port(m.get("fromPort")),
        port(m.get("toPort")),
        m.get("cidr") == null ? null : m.get("cidr").toString(),
        m.get("sourceGroupId") == null ? null : m.get("sourceGroupId").toString());
  }

  static List<IngressRule> listOf(List<Object> props) {
    List<IngressRule> out = new ArrayList<>();
    for (Object o : props) {
      out.add(of((Map<?, ?>) o));
    }
    return out;
  }

  /** Every rule an EC2 permission holds: one per CIDR range and one per source group. */
  static List<IngressRule> fromPermissions(List<IpPermission> perms) {
    List<IngressRule> out = new ArrayList<>();
    for (IpPermission p : perms) {
      for (IpRange r : p.ipRanges()) {
        out.add(new IngressRule(p.ipProtocol(), p.fromPort(), p.toPort(), r.cidrIp(), null));
      }
      for (UserIdGroupPair g : p.userIdGroupPairs()) {
        out.add(new IngressRule(p.ipProtocol(), p.fromPort(), p.toPort(), null, g.groupId()));
      }
    }
    return out;
  }

  IpPermission toPermission() {
    IpPermission.Builder b =
        IpPermission.builder().ipProtocol(protocol).fromPort(fromPort).toPort(toPort);
    if (cidr != null) {
      b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    } else {
      b.userIdGroupPairs(UserIdGroupPair.builder().groupId(sourceGroupId).build());
    }
    return b.build();
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", protocol);
    if (fromPort != null) {
      m.put("fromPort", fromPort);
      m.put("toPort", toPort);
    }
    if (cidr != null) {
      m.put("cidr", cidr);
    } else {
      m.put("sourceGroupId", sourceGroupId);
    }
    return m;
  }

  private static String normalise(String p) {
    String s = p == null ? "-1" : p.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      case "all", "-1", "null" -> "-1";
      default -> s;
    };
  }

  private static Integer port(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString());
  }
}
