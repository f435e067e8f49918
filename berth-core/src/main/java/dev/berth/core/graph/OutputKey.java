package dev.berth.core.graph;

import java.util.Map;

/**
 * An output of one resource type: what its handler reports once the resource exists (an id, an ARN)
 * and what other resources refer to with a {@link Ref} ({@link Ref#to(String, OutputKey)}).
 */
public record OutputKey(String name) {
  public static OutputKey of(String name) {
    return new OutputKey(name);
  }

  /** This output of {@code outputs}, or null. */
  public String get(Map<String, String> outputs) {
    return outputs.get(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
