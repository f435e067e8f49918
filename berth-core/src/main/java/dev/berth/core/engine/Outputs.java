package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.Values;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.Map;

/** Replaces a resource's {@code Ref}s with the recorded outputs of their targets. */
final class Outputs {
  private Outputs() {}

  static Map<String, Object> resolve(Resource r, State s) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out =
        (Map<String, Object>)
            Values.replaceRefs(
                r.properties(),
                ref -> {
                  ResourceState t = s.resources().get(ref.resource());
                  String v = t == null ? null : t.outputs().get(ref.output());
                  if (v == null) {
                    throw new BerthException(
                        r.id()
                            + " needs output '"
                            + ref.output()
                            + "' of "
                            + ref.resource()
                            + ", which has none",
                        "This is a bug in the handler of "
                            + (t == null ? ref.resource() : t.type())
                            + " or in the blueprint; please report it.");
                  }
                  return v;
                });
    return Props.immutableCopy(out);
  }
}
