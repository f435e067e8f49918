package dev.berth.localcloud.services.elb;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Regions;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** ELBv2 constants, lookups, name rules and paging shared by the operation classes. */
final class Elb {
  static final String SERVICE = "elasticloadbalancing";
  static final String LB = "loadbalancer";
  static final String TG = "targetgroup";
  static final String LISTENER = "listener";
  static final String RULE = "rule";

  private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9-]+");

  private Elb() {}

  static AwsException validation(String message) {
    return AwsException.client("ValidationError", message);
  }

  static AwsException error(String code, String message) {
    return AwsException.client(code, message);
  }

  /** The resource-name rules AWS applies to load balancers and target groups. */
  static void checkName(String what, String name, boolean forbidInternalPrefix) {
    if (name == null || name.isEmpty()) {
      throw validation("A " + what.toLowerCase() + " name must be specified");
    }
    if (name.length() > 32) {
      throw validation(what + " name '" + name + "' cannot be longer than '32' characters");
    }
    if (!NAME_CHARS.matcher(name).matches()) {
      throw validation(
          what
              + " name '"
              + name
              + "' can only contain characters that are alphanumeric characters or hyphens(-)");
    }
    if (name.startsWith("-") || name.endsWith("-")) {
      throw validation(what + " name '" + name + "' cannot begin or end with '-' character");
    }
    if (forbidInternalPrefix && name.startsWith("internal-")) {
      throw validation(what + " name '" + name + "' cannot begin with 'internal-'");
    }
  }

  /**
   * Checks the shape of an ARN of {@code kind} (loadbalancer, targetgroup, listener, ...) and that
   * it names the call's region: ELBv2 answers an ARN of another region as not valid.
   */
  static void checkArn(String arn, String kind, String what, String region) {
    if (arn == null
        || !arn.startsWith("arn:")
        || !arn.contains(":" + kind + "/")
        || Regions.foreign(arn, region)) {
      throw validation("'" + arn + "' is not a valid " + what + " ARN");
    }
  }

  static Res lb(World world, String region, String arn) {
    checkArn(arn, "loadbalancer", "load balancer", region);
    return world
        .get(SERVICE, LB, region, arn)
        .orElseThrow(() -> error("LoadBalancerNotFound", "Load balancer '" + arn + "' not found"));
  }

  static Res tg(World world, String region, String arn) {
    checkArn(arn, "targetgroup", "target group", region);
    return world
        .get(SERVICE, TG, region, arn)
        .orElseThrow(() -> error("TargetGroupNotFound", "Target group '" + arn + "' not found"));
  }

  static Res listener(World world, String region, String arn) {
    checkArn(arn, "listener", "listener", region);
    return world
        .get(SERVICE, LISTENER, region, arn)
        .orElseThrow(() -> error("ListenerNotFound", "Listener '" + arn + "' not found"));
  }

  static Res rule(World world, String region, String arn) {
    checkArn(arn, "listener-rule", "rule", region);
    return world
        .get(SERVICE, RULE, region, arn)
        .orElseThrow(() -> error("RuleNotFound", "Rule '" + arn + "' not found"));
  }

  /** An integer parameter, or {@code dflt} when absent; ValidationError when not a number. */
  static Integer intParam(Request req, String name, Integer dflt) {
    String v = req.param(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw validation("Value '" + v + "' for " + name + " is not a valid integer");
    }
  }

  /** The constraint message AWS answers for a number outside its model's range. */
  static void checkRange(String member, Integer value, int min, int max) {
    if (value == null) {
      return;
    }
    if (value < min) {
      throw validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal to "
              + min);
    }
    if (value > max) {
      throw validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value less than or equal to "
              + max);
    }
  }

  /** Tags of a create call ({@code Tags.member.N.Key/Value}). */
  static Map<String, String> tagsParam(Request req) {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    for (Map<String, String> t : req.structs("Tags.member")) {
      String key = t.get("Key");
      if (key == null || key.isEmpty()) {
        throw validation("A tag key must be specified");
      }
      if (tags.containsKey(key)) {
        throw error("DuplicateTagKeys", "Tag key '" + key + "' is duplicated");
      }
      tags.put(key, t.getOrDefault("Value", ""));
    }
    if (tags.size() > 50) {
      throw error("TooManyTags", "Too many tags: the limit is 50");
    }
    return tags;
  }

  /** One page of {@code all} after the request's {@code Marker}, {@code PageSize} long. */
  record Page(List<Res> items, String nextMarker) {}

  static Page page(Request req, List<Res> all) {
    Integer size = intParam(req, "PageSize", 400);
    checkRange("pageSize", size, 1, 400);
    int from = 0;
    String marker = req.param("Marker");
    if (marker != null && !marker.isEmpty()) {
      String arn;
      try {
        arn = new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw validation("Invalid marker '" + marker + "'");
      }
      from = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).arn.equals(arn)) {
          from = i;
        }
      }
      if (from < 0) {
        throw validation("Invalid marker '" + marker + "'");
      }
    }
    int to = Math.min(all.size(), from + size);
    String next =
        to < all.size()
            ? Base64.getEncoder().encodeToString(all.get(to).arn.getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page(all.subList(from, to), next);
  }
}
