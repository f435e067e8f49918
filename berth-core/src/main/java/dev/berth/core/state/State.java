package dev.berth.core.state;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What berth recorded of one stack: every resource it created and has not deleted.
 *
 * @param stack the stack name
 * @param serial incremented by every save; 0 for a state never saved
 * @param lineage random id given when the stack's state is first made; two states with different
 *     lineages are different stacks even with the same name
 * @param updatedAt when it was last saved
 * @param resources by {@link ResourceState#id()}, sorted
 * @param fingerprintSalt the key of {@link Fingerprints} for this stack's secrets
 */
public record State(
    String stack,
    long serial,
    String lineage,
    Instant updatedAt,
    Map<String, ResourceState> resources,
    String fingerprintSalt) {

  public State {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(fingerprintSalt, "fingerprintSalt");
    resources.forEach(
        (k, v) -> {
          if (!k.equals(v.id())) {
            throw new IllegalArgumentException("state key " + k + " holds resource " + v.id());
          }
        });
    resources = Collections.unmodifiableMap(new TreeMap<>(resources));
  }

  /** The state of a stack berth has not deployed yet. */
  public static State initial(String stack, Instant now) {
    return new State(stack, 0, UUID.randomUUID().toString(), now, Map.of(), Fingerprints.newSalt());
  }

  public Optional<ResourceState> resource(String id) {
    return Optional.ofNullable(resources.get(id));
  }

  /** This state with {@code r} added or replaced (same serial: the store assigns serials). */
  public State with(ResourceState r) {
    Map<String, ResourceState> m = new TreeMap<>(resources);
    m.put(r.id(), r);
    return new State(stack, serial, lineage, updatedAt, m, fingerprintSalt);
  }

  public State without(String id) {
    Map<String, ResourceState> m = new TreeMap<>(resources);
    m.remove(id);
    return new State(stack, serial, lineage, updatedAt, m, fingerprintSalt);
  }

  /** The state to save after this one: the next serial, stamped {@code at}. */
  public State successor(Instant at) {
    return new State(stack, serial + 1, lineage, at, resources, fingerprintSalt);
  }
}
