package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Listener and rule actions and rule conditions. They are parsed from the query form into maps and
 * lists shaped like the API (member names as in the API reference), validated, completed with the
 * defaults AWS reports, and stored and rendered in that shape.
 */
final class Actions {
  private static final Pattern FIXED_STATUS = Pattern.compile("[245]\\d\\d");
  private static final Set<String> CONTENT_TYPES =
      Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");
  private static final Map<String, String> CONDITION_CONFIGS =
      Map.of(
          "host-header", "HostHeaderConfig",
          "path-pattern", "PathPatternConfig",
          "http-header", "HttpHeaderConfig",
          "http-request-method", "HttpRequestMethodConfig",
          "query-string", "QueryStringConfig",
          "source-ip", "SourceIpConfig");

  private Actions() {}

  /** The validated actions of {@code prefix} ({@code DefaultActions.member}, ...). */
  static List<Object> parseActions(Request req, String prefix, World world) {
    List<Map<String, String>> raw = req.structs(prefix);
    if (raw.isEmpty()) {
      throw validation("At least one action must be specified");
    }
    List<Object> out = new ArrayList<>();
    int position = 1;
    for (Map<String, String> flat : raw) {
      out.add(action(unflatten(flat), position++, world, req.region()));
    }
    return out;
  }

  private static Map<String, Object> action(
      Map<String, Object> in, int position, World world, String region) {
    String type = str(in.get("Type"));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("Type", type);
    if (type == null) {
      throw validation("An action type must be specified");
    }
    switch (type) {
      case "forward" -> forward(in, a, world, region);
      case "redirect" -> a.put("RedirectConfig", redirect(map(in.get("RedirectConfig"))));
      case "fixed-response" ->
          a.put("FixedResponseConfig", fixedResponse(map(in.get("FixedResponseConfig"))));
      default ->
          throw error(
              "InvalidLoadBalancerAction", "Action type '" + type + "' is not supported here");
    }
    Object order = in.get("Order");
    a.put("Order", order == null || str(order).isEmpty() ? String.valueOf(position) : order);
    return a;
  }

  private static void forward(
      Map<String, Object> in, Map<String, Object> a, World world, String region) {
    Map<String, Object> cfg = map(in.get("ForwardConfig"));
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Object o : list(cfg.get("TargetGroups"))) {
      Map<String, Object> g = map(o);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("TargetGroupArn", str(g.get("TargetGroupArn")));
      t.put("Weight", g.get("Weight") == null ? "1" : str(g.get("Weight")));
      groups.add(t);
    }
    String single = str(in.get("TargetGroupArn"));
    if (groups.isEmpty() && single != null && !single.isEmpty()) {
      groups.add(new LinkedHashMap<>(Map.of("TargetGroupArn", single, "Weight", "1")));
    }
    if (groups.isEmpty()) {
      throw validation("A target group ARN must be specified for a forward action");
    }
    for (Map<String, Object> g : groups) {
      Elb.tg(world, region, str(g.get("TargetGroupArn")));
    }
    if (groups.size() == 1) {
      a.put("TargetGroupArn", groups.get(0).get("TargetGroupArn"));
    }
    Map<String, Object> stickiness = new LinkedHashMap<>();
    Map<String, Object> given = map(cfg.get("TargetGroupStickinessConfig"));
    stickiness.put("Enabled", given.get("Enabled") == null ? "false" : str(given.get("Enabled")));
    if (given.get("DurationSeconds") != null) {
      stickiness.put("DurationSeconds", str(given.get("DurationSeconds")));
    }
    Map<String, Object> forward = new LinkedHashMap<>();
    forward.put("TargetGroups", groups);
    forward.put("TargetGroupStickinessConfig", stickiness);
    a.put("ForwardConfig", forward);
  }

  private static Map<String, Object> redirect(Map<String, Object> in) {
    if (in.isEmpty()) {
      throw validation("A redirect configuration must be specified for a redirect action");
    }
    String status = str(in.get("StatusCode"));
    if (!"HTTP_301".equals(status) && !"HTTP_302".equals(status)) {
      throw validation("Redirect status code '" + status + "' must be HTTP_301 or HTTP_302");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    String protocol = orDefault(in, "Protocol", "#{protocol}");
    if (!List.of("HTTP", "HTTPS", "#{protocol}").contains(protocol)) {
      throw validation("Redirect protocol '" + protocol + "' must be HTTP, HTTPS or #{protocol}");
    }
    r.put("Protocol", protocol);
    r.put("Port", orDefault(in, "Port", "#{port}"));
    r.put("Host", orDefault(in, "Host", "#{host}"));
    r.put("Path", orDefault(in, "Path", "/#{path}"));
    r.put("Query", orDefault(in, "Query", "#{query}"));
    r.put("StatusCode", status);
    return r;
  }

  private static Map<String, Object> fixedResponse(Map<String, Object> in) {
    String status = str(in.get("StatusCode"));
    if (status == null || !FIXED_STATUS.matcher(status).matches()) {
      throw validation("Fixed response status code '" + status + "' must be 2XX, 4XX or 5XX");
    }
    Map<String, Object> f = new LinkedHashMap<>();
    String body = str(in.get("MessageBody"));
    if (body != null) {
      if (body.length() > 1024) {
        throw validation("A fixed response message body cannot be longer than 1024 characters");
      }
      f.put("MessageBody", body);
    }
    f.put("StatusCode", status);
    String contentType = str(in.get("ContentType"));
    if (contentType != null) {
      if (!CONTENT_TYPES.contains(contentType)) {
        throw validation("Content type '" + contentType + "' is not valid");
      }
      f.put("ContentType", contentType);
    }
    return f;
  }

  /** The validated conditions of a CreateRule / ModifyRule. */
  static List<Object> parseConditions(Request req) {
    List<Object> out = new ArrayList<>();
    for (Map<String, String> flat : req.structs("Conditions.member")) {
      Map<String, Object> in = unflatten(flat);
      String field = str(in.get("Field"));
      String config = CONDITION_CONFIGS.get(field);
      if (config == null) {
        throw validation(
            "Condition field '" + field + "' must be one of " + CONDITION_CONFIGS.keySet());
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Field", field);
      if (field.equals("host-header") || field.equals("path-pattern")) {
        List<Object> values = new ArrayList<>(list(map(in.get(config)).get("Values")));
        if (values.isEmpty()) {
          values.addAll(list(in.get("Values")));
        }
        if (values.isEmpty()) {
          throw validation("A '" + field + "' condition must have at least one value");
        }
        c.put("Values", values);
        c.put(config, new LinkedHashMap<>(Map.of("Values", values)));
      } else {
        in.forEach((k, v) -> c.putIfAbsent(k, v));
      }
      out.add(c);
    }
    return out;
  }

  /** The target groups that {@code actions} forward to. */
  static Set<String> targetGroups(List<Object> actions) {
    Set<String> arns = new LinkedHashSet<>();
    for (Object o : actions) {
      for (Object g : list(map(map(o).get("ForwardConfig")).get("TargetGroups"))) {
        arns.add(str(map(g).get("TargetGroupArn")));
      }
    }
    return arns;
  }

  /**
   * Turns a flat query struct ({@code ForwardConfig.TargetGroups.member.1.TargetGroupArn=…}) into
   * nested maps and lists.
   */
  static Map<String, Object> unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach((k, v) -> insert(root, k.split("\\."), 0, v));
    return finish(root);
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> node, String[] parts, int i, String value) {
    String key = parts[i];
    if (i == parts.length - 1) {
      if (!(node.get(key) instanceof Map)) {
        node.put(key, value);
      }
      return;
    }
    if (parts[i + 1].equals("member") && i + 2 < parts.length && isIndex(parts[i + 2])) {
      Object existing = node.get(key);
      TreeMap<Integer, Object> items =
          existing instanceof TreeMap ? (TreeMap<Integer, Object>) existing : new TreeMap<>();
      node.put(key, items);
      int index = Integer.parseInt(parts[i + 2]);
      if (i + 2 == parts.length - 1) {
        items.put(index, value);
      } else {
        Object child = items.get(index);
        Map<String, Object> m =
            child instanceof Map ? (Map<String, Object>) child : new LinkedHashMap<>();
        items.put(index, m);
        insert(m, parts, i + 3, value);
      }
      return;
    }
    Object child = node.get(key);
    Map<String, Object> m =
        child instanceof Map && !(child instanceof TreeMap)
            ? (Map<String, Object>) child
            : new LinkedHashMap<>();
    node.put(key, m);
    insert(m, parts, i + 1, value);
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  @SuppressWarnings("unchecked")
  private static <T> T finish(Object v) {
    if (v instanceof TreeMap<?, ?> items) {
      List<Object> l = new ArrayList<>();
      items.values().forEach(x -> l.add(finish(x)));
      return (T) l;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put((String) k, finish(x)));
      return (T) out;
    }
    return (T) v;
  }

  private static String orDefault(Map<String, Object> in, String key, String dflt) {
    String v = str(in.get(key));
    return v == null || v.isEmpty() ? dflt : v;
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : List.of();
  }
}
