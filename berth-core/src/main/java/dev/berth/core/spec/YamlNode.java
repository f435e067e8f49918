package dev.berth.core.spec;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that keeps each scalar's text exactly as written ({@code 1.20} stays {@code
 * 1.20}, {@code 0755} stays {@code 0755}), so that string fields get what the user typed.
 */
sealed interface YamlNode {
  /** What the user would call this kind of value, for messages: "text", "a list", ... */
  String describe();

  enum Kind {
    TEXT("text"),
    NUMBER("a number"),
    BOOLEAN("true/false"),
    NULL("nothing");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  record Scalar(String text, Kind kind) implements YamlNode {
    @Override
    public String describe() {
      return kind.description;
    }
  }

  record Sequence(List<YamlNode> items) implements YamlNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  record Mapping(Map<String, YamlNode> entries) implements YamlNode {
    @Override
    public String describe() {
      return "a mapping";
    }
  }
}
