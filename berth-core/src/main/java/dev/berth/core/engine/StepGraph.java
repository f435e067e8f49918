package dev.berth.core.engine;

import dev.berth.core.graph.Dag;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a run and what each must wait for. Creates and updates follow the desired graph;
 * deletes go dependents first, and after the creates and updates that do not need them gone (so the
 * new is in place before the old goes). Ordering wishes that would form a cycle are dropped; the
 * dependency edges never are.
 */
final class StepGraph {
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, Set<String>> requires = new HashMap<>();
  private final Map<String, ResourceState> deletes = new LinkedHashMap<>();

  List<String> order() {
    return List.copyOf(steps.keySet());
  }

  Map<String, Set<String>> requires() {
    return requires;
  }

  Step step(String node) {
    return steps.get(node);
  }

  static StepGraph forApply(
      DesiredGraph desired, Plan plan, State state, Map<String, ResourceType> types) {
    StepGraph g = new StepGraph();
    Map<String, String> ready = new HashMap<>();
    List<String> mutations = new ArrayList<>();
    for (Change c : plan.changes()) {
      String id = c.id();
      ResourceState rs = state.resources().get(id);
      switch (c.action()) {
        case CREATE, UPDATE -> {
          Step.Kind k = c.action() == Action.CREATE ? Step.Kind.CREATE : Step.Kind.UPDATE;
          ready.put(
              id, g.add(new Step(k.name().toLowerCase() + ":" + id, k, id, c.action(), false)));
          mutations.add(ready.get(id));
        }
        case REPLACE -> {
          boolean deleteFirst =
              types.get(c.type()).deleteBeforeCreate()
                  || rs.status() == Status.DELETING
                  || rs.status() == Status.DELETE_FAILED;
          String create = "create:" + id;
          if (deleteFirst) {
            String del =
                g.add(new Step("delete:" + id, Step.Kind.DELETE, id, Action.REPLACE, false));
            g.deletes.put(del, rs);
            g.add(new Step(create, Step.Kind.CREATE, id, Action.REPLACE, false));
            g.require(create, del);
          } else {
            g.add(new Step(create, Step.Kind.CREATE, id, Action.REPLACE, true));
            String old = id + ResourceState.OLD_SUFFIX;
            String del =
                g.add(new Step("delete-old:" + id, Step.Kind.DELETE, old, Action.REPLACE, false));
            g.deletes.put(del, rs);
            g.require(del, create);
          }
          ready.put(id, create);
          mutations.add(create);
        }
        case DELETE ->
            g.deletes.put(
                g.add(new Step("delete:" + id, Step.Kind.DELETE, id, Action.DELETE, false)), rs);
        case KEEP -> {}
      }
    }
    for (Map.Entry<String, String> e : ready.entrySet()) {
      for (String dep : desired.dependenciesOf(e.getKey())) {
        g.requireIfPresent(e.getValue(), ready.get(dep));
      }
      Step s = g.steps.get(e.getValue());
      if (s.moveAside()) {
        // A leftover old copy must be gone before this run sets the current one aside.
        g.requireIfPresent(
            e.getValue(), present(g, "delete:" + s.key() + ResourceState.OLD_SUFFIX));
        String delOld = "delete-old:" + s.key();
        for (String dependent : desired.dependentsOf(s.key())) {
          g.requireIfPresent(delOld, ready.get(dependent));
        }
      }
    }
    g.orderDeletes(types);
    for (String del : g.deletes.keySet()) {
      for (String m : mutations) {
        g.prefer(del, m);
      }
    }
    return g;
  }

  /** Deletes of {@code entries}, dependents first, as far as recorded dependencies tell. */
  static StepGraph forDeletion(
      Collection<ResourceState> entries, Action action, Map<String, ResourceType> types) {
    StepGraph g = new StepGraph();
    for (ResourceState rs : entries) {
      g.deletes.put(
          g.add(new Step("delete:" + rs.id(), Step.Kind.DELETE, rs.id(), action, false)), rs);
    }
    g.orderDeletes(types);
    return g;
  }

  /**
   * A delete waits for the deletes of whatever recorded a dependency on it, unless its type deletes
   * its dependents itself.
   */
  private void orderDeletes(Map<String, ResourceType> types) {
    for (Map.Entry<String, ResourceState> a : deletes.entrySet()) {
      ResourceType type = types.get(a.getValue().type());
      if (type != null && type.cascadesDelete()) {
        continue;
      }
      for (Map.Entry<String, ResourceState> b : deletes.entrySet()) {
        if (a != b && b.getValue().dependsOn().contains(a.getValue().logicalId())) {
          prefer(a.getKey(), b.getKey());
        }
      }
    }
  }

  private static String present(StepGraph g, String node) {
    return g.steps.containsKey(node) ? node : null;
  }

  private String add(Step s) {
    steps.put(s.node(), s);
    return s.node();
  }

  private void require(String node, String before) {
    requires.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(before);
  }

  private void requireIfPresent(String node, String before) {
    if (before != null && !before.equals(node)) {
      require(node, before);
    }
  }

  /** Adds "node after before" unless {@code before} already waits for {@code node}. */
  private void prefer(String node, String before) {
    if (!node.equals(before) && !Dag.reaches(requires, before, node)) {
      require(node, before);
    }
  }
}
