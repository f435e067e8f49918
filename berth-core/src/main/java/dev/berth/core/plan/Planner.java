package dev.berth.core.plan;

import dev.berth.core.graph.Dag;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares the desired graph with the recorded state (and, after a refresh, with what the cloud
 * reports) and decides, per resource, what a deploy does.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans a deploy.
   *
   * @param types every resource type of the graph, by name
   * @param observed a refresh of the recorded resources: empty for no refresh; otherwise, per
   *     recorded id, what {@code read} returned, and a recorded id missing (or mapped to null)
   *     means {@code read} found nothing
   */
  public static Plan plan(
      DesiredGraph desired,
      State state,
      Map<String, ResourceType> types,
      Map<String, Observed> observed) {
    return plan(
        desired,
        state,
        types,
        observed.isEmpty()
            ? Refresh.NONE
            : new Refresh(
                true,
                observed.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                Map.of(),
                observed.size()));
  }

  /**
   * Plans a deploy against a refresh: a recorded resource the refresh found gone is created again,
   * one it could not read is planned as recorded.
   */
  public static Plan plan(
      DesiredGraph desired, State state, Map<String, ResourceType> types, Refresh refresh) {
    Map<String, Action> decided = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    RefValues refs = new RefValues(state, decided);
    for (String id : desired.order()) {
      Resource r = desired.resource(id);
      ResourceType type = types.get(r.type());
      if (type == null) {
        throw new IllegalArgumentException("unknown resource type " + r.type() + " of " + id);
      }
      Change c = decide(r, type, state.resources().get(id), refs, refresh);
      decided.put(id, c.action());
      changes.add(c);
    }
    for (String id : deletionOrder(state, desired)) {
      ResourceState rs = state.resources().get(id);
      String why = rs.isOldCopy() ? "old copy of a replaced resource" : "no longer wanted";
      changes.add(new Change(id, rs.type(), Action.DELETE, List.of(), why));
    }
    return new Plan(changes);
  }

  private static Change decide(
      Resource r, ResourceType type, ResourceState recorded, RefValues refs, Refresh refresh) {
    Map<String, Object> want = r.properties();
    if (recorded == null) {
      return change(r, Action.CREATE, allNew(want, refs), "not yet created");
    }
    switch (recorded.status()) {
      case CREATING:
        return change(
            r, Action.CREATE, allNew(want, refs), "an interrupted create: will find or create it");
      case DELETING, DELETE_FAILED:
        return change(
            r,
            Action.REPLACE,
            allNew(want, refs),
            "an interrupted delete: will finish it and create it again");
      default:
        break;
    }
    Observed live = refresh.live().get(r.id());
    if (refresh.gone(recorded)) {
      return change(r, Action.CREATE, allNew(want, refs), "deleted outside berth");
    }
    List<PropertyChange> diff =
        Diff.of(
            recorded.properties(), want, live == null ? Map.of() : live.properties(), refs, type);
    if (diff.isEmpty()) {
      return recorded.status() == ResourceState.Status.UPDATING
          ? change(r, Action.UPDATE, diff, "an interrupted update: will apply it again")
          : change(r, Action.KEEP, diff, "unchanged");
    }
    boolean replace = diff.stream().anyMatch(PropertyChange::forcesReplacement);
    return change(r, replace ? Action.REPLACE : Action.UPDATE, diff, Diff.reason(diff));
  }

  private static List<PropertyChange> allNew(Map<String, Object> want, RefValues refs) {
    List<PropertyChange> out = new ArrayList<>();
    new TreeMap<>(want)
        .forEach(
            (k, v) -> {
              RefValues.Resolved x = refs.resolve(v);
              out.add(new PropertyChange(k, null, x.value(), x.unknown(), false, false));
            });
    return out;
  }

  private static Change change(
      Resource r, Action action, List<PropertyChange> changes, String reason) {
    return new Change(r.id(), r.type(), action, changes, reason);
  }

  /** Recorded resources that are not desired, dependents before what they depend on. */
  private static List<String> deletionOrder(State state, DesiredGraph desired) {
    List<String> gone =
        state.resources().keySet().stream().filter(id -> !desired.contains(id)).toList();
    Map<String, Set<String>> deps =
        gone.stream()
            .collect(Collectors.toMap(id -> id, id -> state.resources().get(id).dependsOn()));
    List<String> order = new ArrayList<>(Dag.order(gone, deps));
    Collections.reverse(order);
    return order;
  }
}
