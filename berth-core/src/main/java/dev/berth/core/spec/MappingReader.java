package dev.berth.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed, interpolated access to one YAML mapping of a spec. Every problem (unknown key, wrong type,
 * missing variable) is recorded against its field path and reading goes on, so all of them are
 * reported together. Messages repeat a value only for number fields: any other may be secret.
 */
final class MappingReader {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

  private final String path;
  private final Map<String, YamlNode> entries;
  private final Interpolator interpolator;
  private final Problems problems;

  private MappingReader(
      String path, Map<String, YamlNode> entries, Interpolator interpolator, Problems problems) {
    this.path = path;
    this.entries = entries;
    this.interpolator = interpolator;
    this.problems = problems;
  }

  /** A reader for {@code node} that reports any key not in {@code known}. */
  static MappingReader open(
      String path,
      YamlNode.Mapping node,
      List<String> known,
      Interpolator interpolator,
      Problems problems) {
    for (String key : node.entries().keySet()) {
      if (!known.contains(key)) {
        String fix =
            Suggestions.closest(key, known)
                .map(k -> "did you mean \"" + k + "\"?")
                .orElse("remove it; the keys allowed here are " + String.join(", ", known));
        problems.add(Problems.path(path, key), "unknown key \"" + key + "\"", fix);
      }
    }
    return new MappingReader(path, node.entries(), interpolator, problems);
  }

  /** The value under {@code key}, unless it is absent or null. */
  Optional<YamlNode> node(String key) {
    YamlNode n = entries.get(key);
    if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
      return Optional.empty();
    }
    return Optional.ofNullable(n);
  }

  String field(String key) {
    return Problems.path(path, key);
  }

  /** A scalar as text (numbers and booleans as written), or null if absent or not a scalar. */
  String text(String key) {
    return node(key).map(n -> scalarText(n, field(key))).orElse(null);
  }

  /** A whole number, or {@code fallback} if absent or not a whole number. */
  int integer(String key, int fallback) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return fallback;
    }
    String example = "write a whole number, e.g. " + key + ": " + fallback;
    int before = problems.size();
    String text = scalarText(n.get(), field(key));
    if (problems.size() > before) {
      return fallback;
    }
    if (!WHOLE_NUMBER.matcher(text.trim()).matches()) {
      // The text as written, not as interpolated: a misplaced ${env:...} may hold a secret.
      String written = ((YamlNode.Scalar) n.get()).text();
      problems.add(field(key), "\"" + written + "\" is not a whole number", example);
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      problems.add(field(key), "the number is too large", example);
      return fallback;
    }
  }

  /** A list of scalars as text; empty if absent. */
  List<String> textList(String key) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (!(n.get() instanceof YamlNode.Sequence seq)) {
      wrongType(
          key, "a list", n.get(), "write a list, e.g. " + key + ": [\"node\", \"server.js\"]");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String text = scalarText(seq.items().get(i), field(key) + "[" + i + "]");
      if (text != null) {
        out.add(text);
      }
    }
    return out;
  }

  /** A mapping of names to scalars as text (null values as ""); empty if absent. */
  Map<String, String> textMap(String key) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return Map.of();
    }
    if (!(n.get() instanceof YamlNode.Mapping map)) {
      wrongType(key, "a mapping of names to values", n.get(), "write one NAME: value per line");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.entries()
        .forEach(
            (name, value) -> {
              String text = scalarText(value, field(key) + "." + name);
              if (text != null) {
                out.put(name, text);
              }
            });
    return out;
  }

  /** A nested mapping whose keys must be among {@code known}; empty if absent or not a mapping. */
  Optional<MappingReader> section(String key, List<String> known) {
    Optional<YamlNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!(n.get() instanceof YamlNode.Mapping map)) {
      wrongType(key, "a mapping", n.get(), "indent its keys (" + String.join(", ", known) + ")");
      return Optional.empty();
    }
    return Optional.of(open(field(key), map, known, interpolator, problems));
  }

  private String scalarText(YamlNode node, String field) {
    if (!(node instanceof YamlNode.Scalar s)) {
      problems.add(
          field,
          "expected a single value, but got " + node.describe(),
          "write the value on the same line as its key");
      return null;
    }
    return s.kind() == YamlNode.Kind.NULL ? "" : interpolator.apply(s.text(), field, problems);
  }

  private void wrongType(String key, String expected, YamlNode got, String fix) {
    problems.add(field(key), "expected " + expected + ", but got " + got.describe(), fix);
  }
}
