package dev.berth.core.plan;

import java.util.List;

/**
 * What the plan does with one resource, and why.
 *
 * @param id the state key: the logical id, or {@code <id>~old} for a leftover old copy
 * @param changes the properties that differ (all of them for a create)
 * @param reason a short human explanation, for example {@code changed: cidr} or {@code drift}
 */
public record Change(
    String id, String type, Action action, List<PropertyChange> changes, String reason) {
  public Change {
    changes = List.copyOf(changes);
  }
}
