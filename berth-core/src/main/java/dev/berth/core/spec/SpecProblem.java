package dev.berth.core.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec: where (a field path such as {@code domain.hostname}, or {@link
 * #DOCUMENT} for the file as a whole), what, and how to fix it. Never holds a secret value.
 */
public record SpecProblem(String field, String message, String fix) {
  /** The field path of problems about the whole file (syntax, emptiness, shape). */
  public static final String DOCUMENT = "(document)";

  /**
   * The fix of a spec file that does not exist. This and the other {@code START_*} fixes are the
   * library's words; a caller that can write the commented example (the CLI's init) says how.
   */
  public static final String START_MISSING =
      "write one from the commented example, or name the file your spec is in";

  /** The fix of an empty spec file. */
  public static final String START_EMPTY = "write the commented example into it";

  /** The fix of a spec file that is not a mapping of keys. */
  public static final String START_OVER = "start from the commented example";

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
