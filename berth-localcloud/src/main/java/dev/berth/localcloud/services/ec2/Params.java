package dev.berth.localcloud.services.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nested numbered parameters of the EC2 query protocol, such as {@code
 * IpPermissions.1.IpRanges.2.CidrIp}.
 */
final class Params {
  private Params() {}

  /**
   * The structures under {@code prefix} in index order: for {@code Tag.1.Key=a&Tag.1.Value=b} and
   * prefix {@code Tag}, one map {@code {Key=a, Value=b}}.
   */
  static List<Map<String, String>> structs(Map<String, String> flat, String prefix) {
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    String p = prefix + ".";
    for (Map.Entry<String, String> e : flat.entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(p)) {
        continue;
      }
      String rest = k.substring(p.length());
      int dot = rest.indexOf('.');
      if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
        byIndex
            .computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
            .put(rest.substring(dot + 1), e.getValue());
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** The values of {@code prefix.1, prefix.2, ...} in index order. */
  static List<String> values(Map<String, String> flat, String prefix) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    String p = prefix + ".";
    flat.forEach(
        (k, v) -> {
          String rest = k.startsWith(p) ? k.substring(p.length()) : "";
          if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
            byIndex.put(Integer.parseInt(rest), v);
          }
        });
    return new ArrayList<>(byIndex.values());
  }
}
