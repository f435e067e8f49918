package dev.berth.app.sweep;

import java.util.List;
import java.util.Optional;

/**
 * Which group a {@code sweep --delete} may remove: exactly one, named by its stack, its lineage, or
 * both. A sweep deletes only a stack it is named; the library says why it refuses, the front end
 * turns that into options and an exit code.
 */
public final class SweepSelection {
  private SweepSelection() {}

  /** Why a deletion names no single group. */
  public enum Reason {
    /** Neither a stack nor a lineage was named. */
    NOTHING_NAMED,
    /** The stack named has resources of more than one lineage. */
    SEVERAL_LINEAGES,
    /** The lineage (prefix) named matches more than one group. */
    AMBIGUOUS_LINEAGE,
    /** The lineage named alone a group that looks serving: its stack must be named too. */
    SERVING_NEEDS_STACK
  }

  /** The outcome: one group to delete, nothing that matches, or a refusal. */
  public sealed interface Choice {}

  /** Delete this group. */
  public record Delete(SweepGroup group) implements Choice {}

  /** Nothing found matches what was named. */
  public record Nothing() implements Choice {}

  /**
   * Refused, before any change.
   *
   * @param candidates the groups the user can choose among
   */
  public record Refused(Reason reason, List<SweepGroup> candidates) implements Choice {
    public Refused {
      candidates = List.copyOf(candidates);
    }
  }

  /** The groups of {@code stack} (if named) whose lineage {@code lineage} names (if named). */
  public static List<SweepGroup> matching(
      List<SweepGroup> groups, Optional<String> stack, Optional<String> lineage) {
    return groups.stream()
        .filter(g -> stack.isEmpty() || stack.get().equals(g.stack()))
        .filter(g -> lineage.isEmpty() || g.matchesLineage(lineage.get()))
        .toList();
  }

  /** What {@code --delete} with these names may remove. */
  public static Choice forDelete(
      List<SweepGroup> groups, Optional<String> stack, Optional<String> lineage) {
    if (stack.isEmpty() && lineage.isEmpty()) {
      return new Refused(Reason.NOTHING_NAMED, groups);
    }
    List<SweepGroup> m = matching(groups, stack, lineage);
    if (m.isEmpty()) {
      return new Nothing();
    }
    if (m.size() > 1) {
      return new Refused(lineage.isEmpty() ? Reason.SEVERAL_LINEAGES : Reason.AMBIGUOUS_LINEAGE, m);
    }
    SweepGroup g = m.get(0);
    if (stack.isEmpty() && g.health().verdict() == Health.Verdict.SERVING) {
      return new Refused(Reason.SERVING_NEEDS_STACK, m);
    }
    return new Delete(g);
  }
}
