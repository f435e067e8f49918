package dev.berth.core.spec;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.util.List;

/** A spec that cannot be used, with every problem found in it (exit code 2: bad input). */
public final class SpecException extends BerthException {
  /** The library's advice: the CLI adds how to write the commented example. */
  public static final String HINT =
      "fix the problems listed above, starting from the commented example if you like";

  private final String source;
  private final List<SpecProblem> problems;

  public SpecException(String source, List<SpecProblem> problems) {
    super(describe(source, problems), HINT, FailureKind.BAD_INPUT, null);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file (or other source) the spec came from, e.g. {@code berth.yaml}. */
  public String source() {
    return source;
  }

  public List<SpecProblem> problems() {
    return problems;
  }

  private static String describe(String source, List<SpecProblem> problems) {
    StringBuilder out = new StringBuilder(source).append(" has ").append(problems.size());
    out.append(problems.size() == 1 ? " problem:" : " problems:");
    for (SpecProblem p : problems) {
      out.append("\n  ").append(p);
    }
    return out.toString();
  }
}
