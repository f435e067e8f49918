package dev.berth.core.plan;

import dev.berth.core.resource.Observation;
import dev.berth.core.resource.Observed;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the cloud holds of the recorded resources, read before planning (Terraform's refresh): a
 * resource deleted behind berth's back is planned again, one changed behind its back is put back.
 *
 * @param done false when no refresh was made: the plan then trusts the state
 * @param live per recorded id, what {@code read} returned; a read id missing from it is gone
 * @param unreadable per recorded id, why it could not be read (it is planned as recorded)
 * @param reads how many recorded resources were read (live, gone or unreadable)
 */
public record Refresh(
    boolean done, Map<String, Observed> live, Map<String, String> unreadable, int reads) {
  public static final Refresh NONE = new Refresh(false, Map.of(), Map.of(), 0);

  public Refresh {
    live = Map.copyOf(live);
    unreadable = Map.copyOf(unreadable);
  }

  /** A refresh made of the engine's observations of every recorded resource. */
  public static Refresh of(Map<String, Observation> observations) {
    Map<String, Observed> live = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    observations.forEach(
        (id, o) -> {
          if (o.observed() != null) {
            live.put(id, o.observed());
          } else if (o.error() != null) {
            unreadable.put(id, o.error());
          }
        });
    return new Refresh(true, live, unreadable, observations.size());
  }

  /** True when the refresh found {@code rs} gone: read, and nothing there. */
  public boolean gone(ResourceState rs) {
    return done
        && rs.physicalId() != null
        && !live.containsKey(rs.id())
        && !unreadable.containsKey(rs.id());
  }

  /**
   * The state the engine starts from: a resource found gone is forgotten (the plan creates it
   * again), and a property changed behind berth's back holds its live value, so the update that
   * puts it back compares the cloud, not the record, with the spec.
   */
  public State applyTo(State recorded, Plan plan) {
    if (!done) {
      return recorded;
    }
    State out = recorded;
    for (Change c : plan.changes()) {
      ResourceState rs = recorded.resources().get(c.id());
      if (rs == null) {
        continue;
      }
      if (gone(rs)) {
        out = out.without(rs.id());
        continue;
      }
      Map<String, Object> props = null;
      for (PropertyChange pc : c.changes()) {
        if (pc.drift()) {
          props = props == null ? new LinkedHashMap<>(rs.properties()) : props;
          props.put(pc.key(), pc.before());
        }
      }
      if (props != null) {
        out = out.with(rs.withProperties(props));
      }
    }
    return out;
  }
}
