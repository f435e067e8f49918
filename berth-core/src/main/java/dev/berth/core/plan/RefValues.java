package dev.berth.core.plan;

import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Values;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.Map;

/**
 * Resolves {@link Ref}s for planning: to the target's recorded output, or to "known after apply"
 * when the plan creates or replaces the target or the output was never recorded.
 */
final class RefValues {
  private static final Object UNKNOWN = new Object();

  private final State state;
  private final Map<String, Action> decided;

  RefValues(State state, Map<String, Action> decided) {
    this.state = state;
    this.decided = decided;
  }

  /** A resolved value; when unknown, {@code value} is null. */
  record Resolved(Object value, boolean unknown) {}

  Resolved resolve(Object value) {
    boolean[] unknown = {false};
    Object v =
        Values.replaceRefs(
            value,
            ref -> {
              Object out = output(ref);
              if (out == UNKNOWN) {
                unknown[0] = true;
              }
              return out;
            });
    return unknown[0] ? new Resolved(null, true) : new Resolved(v, false);
  }

  private Object output(Ref ref) {
    Action a = decided.get(ref.resource());
    if (a == Action.CREATE || a == Action.REPLACE) {
      return UNKNOWN;
    }
    ResourceState target = state.resources().get(ref.resource());
    String v = target == null ? null : target.outputs().get(ref.output());
    return v == null ? UNKNOWN : v;
  }
}
