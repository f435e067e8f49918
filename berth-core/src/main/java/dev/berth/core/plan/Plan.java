package dev.berth.core.plan;

import java.util.List;
import java.util.Optional;

/** The changes a deploy would make: one per desired or recorded resource. */
public record Plan(List<Change> changes) {
  public Plan {
    changes = List.copyOf(changes);
  }

  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action() != Action.KEEP);
  }

  public Optional<Change> change(String id) {
    return changes.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** For example {@code 3 to create, 1 to update, 0 to replace, 2 to delete}. */
  public String summary() {
    return count(Action.CREATE)
        + " to create, "
        + count(Action.UPDATE)
        + " to update, "
        + count(Action.REPLACE)
        + " to replace, "
        + count(Action.DELETE)
        + " to delete";
  }
}
