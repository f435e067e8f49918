package dev.berth.core.graph;

import java.util.List;

/**
 * A desired graph that cannot be deployed: unknown references, duplicate ids or cycles. The graph
 * is built by code (a blueprint), so this is a bug, not bad input.
 */
public class InvalidGraphException extends IllegalArgumentException {
  private final List<String> problems;

  public InvalidGraphException(List<String> problems) {
    super("Invalid resource graph: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem found, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
