package dev.berth.core.plan;

import dev.berth.core.graph.ResourceType;
import dev.berth.core.graph.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The property differences of one resource: desired vs recorded, and observed vs recorded. */
final class Diff {
  private Diff() {}

  static List<PropertyChange> of(
      Map<String, Object> recorded,
      Map<String, Object> desired,
      Map<String, Object> observed,
      RefValues refs,
      ResourceType type) {
    Set<String> keys = new TreeSet<>(desired.keySet());
    keys.addAll(recorded.keySet());
    List<PropertyChange> out = new ArrayList<>();
    for (String k : keys) {
      RefValues.Resolved want =
          desired.containsKey(k)
              ? refs.resolve(desired.get(k))
              : new RefValues.Resolved(null, false);
      Object had = recorded.get(k);
      boolean drift =
          observed.containsKey(k)
              && !type.ignoreDrift().contains(k)
              && !Values.equal(observed.get(k), had);
      boolean changed = want.unknown() || !Values.equal(want.value(), had);
      if (drift && desired.containsKey(k)) {
        Object live = observed.get(k);
        if (want.unknown() || !Values.equal(want.value(), live)) {
          out.add(change(k, live, want, type, true));
        }
      } else if (changed) {
        out.add(change(k, had, want, type, false));
      }
    }
    return out;
  }

  private static PropertyChange change(
      String key, Object before, RefValues.Resolved want, ResourceType type, boolean drift) {
    return new PropertyChange(
        key, before, want.value(), want.unknown(), type.replaceOn().contains(key), drift);
  }

  /** {@code drift}, {@code changed: a, b (forces replacement)}, or both, separated by "; ". */
  static String reason(List<PropertyChange> diff) {
    List<String> changed = new ArrayList<>();
    List<String> drifted = new ArrayList<>();
    for (PropertyChange c : diff) {
      String label =
          c.key()
              + (c.knownAfterApply() ? " (known after apply)" : "")
              + (c.forcesReplacement() ? " (forces replacement)" : "");
      (c.drift() ? drifted : changed).add(label);
    }
    if (changed.isEmpty()) {
      return "drift";
    }
    String r = "changed: " + String.join(", ", changed);
    return drifted.isEmpty() ? r : r + "; drift: " + String.join(", ", drifted);
  }
}
