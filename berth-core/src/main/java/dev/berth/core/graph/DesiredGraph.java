package dev.berth.core.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resources a deploy wants, with their dependencies: the explicit {@link Resource#dependsOn()}
 * plus every resource a {@link Ref} in its properties points to. Validated on construction: ids are
 * unique, references point at resources of the graph, and there is no cycle.
 */
public final class DesiredGraph {
  /** Reserved in ids: the state stores the old copy of a replaced resource as {@code id~old}. */
  public static final String RESERVED = "~";

  private final Map<String, Resource> resources;
  private final Map<String, Set<String>> dependencies;
  private final List<String> order;

  private DesiredGraph(Map<String, Resource> resources, Map<String, Set<String>> dependencies) {
    this.resources = Collections.unmodifiableMap(resources);
    this.dependencies = Collections.unmodifiableMap(dependencies);
    this.order = List.copyOf(Dag.order(resources.keySet(), dependencies));
  }

  public static DesiredGraph of(Resource... resources) {
    return of(List.of(resources));
  }

  /**
   * Builds and validates a graph.
   *
   * @throws InvalidGraphException listing every problem found
   */
  public static DesiredGraph of(Collection<Resource> resources) {
    return of(resources, Map.of());
  }

  /**
   * Builds and validates a graph, and checks each resource against its type's descriptor: every
   * property is one the type declares, of the declared type, every required one is set, and every
   * {@link Ref} names an output the target's type declares. A type missing from {@code descriptors}
   * is a problem when {@code descriptors} is not empty; an {@link ResourceDescriptor#undeclared}
   * one is not checked.
   *
   * @param descriptors by type name; empty to check only ids, references and cycles
   * @throws InvalidGraphException listing every problem found
   */
  public static DesiredGraph of(
      Collection<Resource> resources, Map<String, ResourceDescriptor> descriptors) {
    List<String> problems = new ArrayList<>();
    Map<String, Resource> byId = new LinkedHashMap<>();
    for (Resource r : resources) {
      if (r.id().isEmpty() || r.id().contains(RESERVED)) {
        problems.add("resource id '" + r.id() + "' is empty or contains '" + RESERVED + "'");
      }
      if (byId.putIfAbsent(r.id(), r) != null) {
        problems.add("duplicate resource id '" + r.id() + "'");
      }
    }
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    for (Resource r : byId.values()) {
      Set<String> d = new TreeSet<>(r.dependsOn());
      for (Ref ref : Values.refs(r.properties())) {
        d.add(ref.resource());
      }
      for (String target : d) {
        if (!byId.containsKey(target)) {
          problems.add(r.id() + " refers to unknown resource '" + target + "'");
        }
      }
      if (!descriptors.isEmpty()) {
        problems.addAll(contractProblems(r, byId, descriptors));
      }
      deps.put(r.id(), Collections.unmodifiableSet(d));
    }
    Dag.findCycle(byId.keySet(), deps)
        .ifPresent(c -> problems.add("dependency cycle: " + String.join(" -> ", c)));
    if (!problems.isEmpty()) {
      throw new InvalidGraphException(problems);
    }
    return new DesiredGraph(byId, deps);
  }

  private static List<String> contractProblems(
      Resource r, Map<String, Resource> byId, Map<String, ResourceDescriptor> descriptors) {
    ResourceDescriptor own = descriptors.get(r.type());
    if (own == null) {
      return List.of(r.id() + " is of type " + r.type() + " that no provider serves");
    }
    List<String> out = new ArrayList<>(own.problems(r));
    for (Ref ref : Values.refs(r.properties())) {
      Resource target = byId.get(ref.resource());
      ResourceDescriptor theirs = target == null ? null : descriptors.get(target.type());
      if (theirs != null && theirs.declared() && !theirs.outputs().containsKey(ref.output())) {
        out.add(
            r.id()
                + " refers to output '"
                + ref.output()
                + "' of "
                + ref.resource()
                + ", which type "
                + target.type()
                + " does not declare (it declares "
                + (theirs.outputs().isEmpty()
                    ? "none"
                    : String.join(", ", theirs.outputs().keySet()))
                + ")");
      }
    }
    return out;
  }

  /** The resources by id, in the order they were given. */
  public Map<String, Resource> resources() {
    return resources;
  }

  public Optional<Resource> get(String id) {
    return Optional.ofNullable(resources.get(id));
  }

  public Resource resource(String id) {
    Resource r = resources.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no resource " + id);
    }
    return r;
  }

  public boolean contains(String id) {
    return resources.containsKey(id);
  }

  /** What {@code id} depends on: explicit dependencies and referenced resources. */
  public Set<String> dependenciesOf(String id) {
    Set<String> d = dependencies.get(id);
    if (d == null) {
      throw new IllegalArgumentException("no resource " + id);
    }
    return d;
  }

  /** The resources that depend on {@code id} directly. */
  public Set<String> dependentsOf(String id) {
    Set<String> out = new TreeSet<>();
    dependencies.forEach(
        (k, v) -> {
          if (v.contains(id)) {
            out.add(k);
          }
        });
    return out;
  }

  /** All dependencies, id → what it depends on. */
  public Map<String, Set<String>> dependencies() {
    return dependencies;
  }

  /** Every id after everything it depends on (creation order). */
  public List<String> order() {
    return order;
  }

  /** Every id before everything it depends on (deletion order). */
  public List<String> reverseOrder() {
    List<String> r = new ArrayList<>(order);
    Collections.reverse(r);
    return r;
  }
}
