package dev.berth.core.spec;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether the container's settings fit in one ECS task definition, checked before any call so that
 * a deploy does not fail at RegisterTaskDefinition with half the stack made.
 *
 * <p>ECS refuses a task definition whose JSON is over 65,536 bytes: "Actual length: '66420'. Max
 * allowed length is '65536' bytes." (awsdocs/amazon-ecs-developer-guide#149, which corrected the
 * service quota "Task definition size limit" from 32 to 64 KiB). The limit is on the whole
 * definition, so it is checked on the sum of what the spec puts in it, as the SDK writes it as JSON
 * (quotes, escapes and UTF-8 bytes counted), plus a reserve for what berth adds itself.
 */
final class TaskDefinitionSize {
  /** ECS's limit on the task definition JSON, in bytes. */
  static final int LIMIT = 65_536;

  /**
   * For what berth writes besides the spec's values: family, role and log-group names, ports,
   * sizes, its own tags. Well under 2 KiB today; the rest is headroom.
   */
  static final int RESERVE = 4_096;

  static final int BUDGET = LIMIT - RESERVE;

  private static final String FIX =
      "keep large values out of env: store them in Secrets Manager or SSM Parameter Store and list"
          + " them under secrets: (the task definition then holds only their ARN), or build them"
          + " into the image";

  private TaskDefinitionSize() {}

  static void check(ServiceSpec spec, Problems problems) {
    Map<String, Integer> envSizes = new LinkedHashMap<>();
    spec.env().forEach((k, v) -> envSizes.put(k, entry("name", k, "value", v)));
    boolean single = false;
    for (Map.Entry<String, Integer> e : envSizes.entrySet()) {
      if (e.getValue() > BUDGET) {
        single = true;
        problems.add(
            "env." + e.getKey(),
            ("the value takes %,d bytes in the task definition; ECS accepts at most %,d bytes"
                    + " (64 KiB) for the whole task definition, and berth needs about %,d of them")
                .formatted(e.getValue(), LIMIT, RESERVE),
            FIX);
      }
    }
    if (single) {
      return;
    }
    Map<String, Integer> sections = new LinkedHashMap<>();
    sections.put("env", sum(envSizes.values()));
    sections.put(
        "secrets",
        spec.secrets().entrySet().stream()
            .mapToInt(e -> entry("name", e.getKey(), "valueFrom", e.getValue()))
            .sum());
    sections.put("command", list(spec.command()));
    sections.put("entrypoint", list(spec.entrypoint()));
    sections.put(
        "tags",
        spec.tags().entrySet().stream()
            .mapToInt(e -> entry("key", e.getKey(), "value", e.getValue()))
            .sum());
    int image = spec.image() == null || spec.image().name() == null ? 0 : json(spec.image().name());
    int total = sum(sections.values()) + image;
    if (total <= BUDGET) {
      return;
    }
    String largest =
        sections.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String detail =
        largest.equals("env")
            ? "; the largest variables are "
                + envSizes.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(3)
                    .map(e -> "%s (%,d bytes)".formatted(e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "))
            : "";
    problems.add(
        largest,
        ("env, secrets, command, entrypoint and tags take about %,d bytes in the task definition;"
                + " ECS accepts at most %,d bytes (64 KiB) for all of it, and berth needs about"
                + " %,d of them%s")
            .formatted(total, LIMIT, RESERVE, detail),
        largest.equals("env") ? FIX : "shorten " + largest + " so that the whole fits");
  }

  /** {@code {"name":"k","value":"v"},} as the SDK writes it. */
  private static int entry(String keyField, String key, String valueField, String value) {
    return "{\"\":,\"\":},".length()
        + keyField.length()
        + valueField.length()
        + json(key)
        + json(value);
  }

  private static int list(List<String> items) {
    return items.stream().mapToInt(s -> json(s) + 1).sum();
  }

  private static int sum(Iterable<Integer> sizes) {
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    return total;
  }

  /** The bytes of {@code s} as a JSON string: quotes, escapes, UTF-8. */
  static int json(String s) {
    int n = 2 + s.getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        n += 1;
      } else if (c < 0x20) {
        n += 5;
      }
    }
    return n;
  }
}
