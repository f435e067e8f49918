package dev.berth.aws;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.NameTakenException;
import dev.berth.core.resource.Ownership;
import java.util.Map;
import java.util.Optional;

/**
 * What the AWS handlers share about names other owners hold: the refusal of a create that met one,
 * and reading a deterministic name out of properties that may not be resolved yet.
 */
public final class Claims {
  private Claims() {}

  /**
   * The refusal of a create that found {@code what} (for example {@code IAM role x}) held by the
   * owner its {@code tags} name. Nothing was changed on it.
   */
  public static BerthException taken(String what, Map<String, String> tags) {
    return new NameTakenException(what, tags, Ownership.describe(tags));
  }

  /**
   * {@code props.get(key)} when it is a string: a {@code Ref} not resolved yet (the holder check
   * runs before anything is created) reads as empty.
   */
  public static Optional<String> literal(Map<String, Object> props, String key) {
    return props.get(key) instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }
}
