package dev.berth.aws.sweep;

import dev.berth.core.engine.Ownership;
import java.util.Map;
import java.util.Optional;

/**
 * Who a resource belongs to, read from berth's tags: the stack ({@code berth:stack}), the logical
 * id ({@code berth:id}, null if missing) and the state lineage ({@code berth:lineage}, null for a
 * berth before lineages).
 */
record Owner(String stack, String logicalId, String lineage) {
  static final String STACK_TAG = "berth:stack";
  static final String ID_TAG = "berth:id";

  Owner(String stack, String logicalId) {
    this(stack, logicalId, null);
  }

  /**
   * The owner named by {@code tags}; empty if they carry no {@code berth:stack} or name a stack
   * other than {@code only}.
   */
  static Optional<Owner> of(Map<String, String> tags, Optional<String> only) {
    String stack = tags.get(STACK_TAG);
    if (stack == null || stack.isEmpty() || only.isPresent() && !only.get().equals(stack)) {
      return Optional.empty();
    }
    return Optional.of(new Owner(stack, tags.get(ID_TAG), tags.get(Ownership.LINEAGE)));
  }
}
