package dev.berth.core.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec: where (a field path such as {@code domain.hostname}, or {@link
 * #DOCUMENT} for the file as a whole), what, and how to fix it. Never holds a secret value.
 */
public record SpecProblem(String field, String message, String fix) {
  /** The field path of problems about the whole file (syntax, emptiness, shape). */
  public static final String DOCUMENT = "(document)";

  public SpecProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return field + ": " + message + " — " + fix;
  }
}
