package dev.berth.core.graph;

import java.util.Set;

/**
 * What the planner and engine must know of a resource type.
 *
 * @param name the type name, for example {@code aws.ec2.vpc}
 * @param replaceOn properties whose change forces replacement; a change of any other property is an
 *     update in place
 * @param retain true for resources berth ensures but never deletes (the ECS service-linked role);
 *     destroy only forgets them
 * @param deleteBeforeCreate true where the old and new resource cannot coexist (a fixed name), so a
 *     replacement deletes first; otherwise the new one is created before the old is deleted
 * @param cascadesDelete true where deleting it never waits for its dependents, because the provider
 *     deletes or releases them with it (ELBv2 deletes a load balancer's listeners and their rules):
 *     a destroy then starts it at once instead of after them, and their own deletes find them gone
 * @param ignoreDrift properties whose drift the planner ignores, because something else owns their
 *     live value (see {@link PropertyKey#ignoreDrift()}); a change of the desired value still
 *     counts
 */
public record ResourceType(
    String name,
    Set<String> replaceOn,
    boolean retain,
    boolean deleteBeforeCreate,
    boolean cascadesDelete,
    Set<String> ignoreDrift) {
  public ResourceType {
    replaceOn = Set.copyOf(replaceOn);
    ignoreDrift = Set.copyOf(ignoreDrift);
  }

  public ResourceType(
      String name,
      Set<String> replaceOn,
      boolean retain,
      boolean deleteBeforeCreate,
      boolean cascadesDelete) {
    this(name, replaceOn, retain, deleteBeforeCreate, cascadesDelete, Set.of());
  }

  public ResourceType(
      String name, Set<String> replaceOn, boolean retain, boolean deleteBeforeCreate) {
    this(name, replaceOn, retain, deleteBeforeCreate, false);
  }

  public static ResourceType of(String name, String... replaceOn) {
    return new ResourceType(name, Set.of(replaceOn), false, false);
  }

  /** This type, deleted without waiting for its dependents (see {@link #cascadesDelete}). */
  public ResourceType withCascadingDelete() {
    return new ResourceType(name, replaceOn, retain, deleteBeforeCreate, true, ignoreDrift);
  }

  /** This type, the planner ignoring the drift of {@code properties}. */
  public ResourceType ignoringDrift(Set<String> properties) {
    return new ResourceType(
        name, replaceOn, retain, deleteBeforeCreate, cascadesDelete, properties);
  }
}
