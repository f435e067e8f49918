package dev.berth.core.state;

import dev.berth.core.graph.Props;
import dev.berth.core.graph.Values;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What berth recorded of one resource.
 *
 * @param id the key in {@link State#resources()}: the logical id, or {@code <id>~old} for the old
 *     copy of a resource being replaced
 * @param type the resource type
 * @param status how far berth got with it
 * @param physicalId the provider's id; null while {@link Status#CREATING}
 * @param properties the resolved properties it was created or last updated with: no {@code Ref}s;
 *     secrets only as {@code SecretRef} (key and fingerprint)
 * @param outputs its outputs, for references
 * @param dependsOn logical ids it depended on when recorded, for deletion order
 * @param updatedAt when this entry last changed
 * @param error the last error, when {@link Status#DELETE_FAILED}; secret-free
 */
public record ResourceState(
    String id,
    String type,
    Status status,
    String physicalId,
    Map<String, Object> properties,
    Map<String, String> outputs,
    Set<String> dependsOn,
    Instant updatedAt,
    String error) {

  /** Marks the key of the old copy of a resource that is being replaced. */
  public static final String OLD_SUFFIX = "~old";

  public enum Status {
    /** The create call is about to be or was made; its result is unknown. Healed with find. */
    CREATING,
    CREATED,
    /** An update was started and did not finish; properties are still the old ones. */
    UPDATING,
    /** A delete was started and did not finish. */
    DELETING,
    /** A delete failed; {@code error} says why. The next destroy retries it. */
    DELETE_FAILED
  }

  public ResourceState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    if (!Values.refs(properties).isEmpty()) {
      throw new IllegalArgumentException("unresolved reference in the state of " + id);
    }
    properties = Props.immutableCopy(canonical(properties));
    outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> canonical(Map<String, Object> props) {
    return (Map<String, Object>) Values.canonical(props);
  }

  /** The logical id: {@code id} without the {@value #OLD_SUFFIX} suffix. */
  public String logicalId() {
    return isOldCopy() ? id.substring(0, id.length() - OLD_SUFFIX.length()) : id;
  }

  public boolean isOldCopy() {
    return id.endsWith(OLD_SUFFIX);
  }

  public ResourceState withStatus(Status s, Instant at) {
    return new ResourceState(
        id, type, s, physicalId, properties, outputs, dependsOn, at, s == status ? error : null);
  }

  public ResourceState withError(Status s, String message, Instant at) {
    return new ResourceState(id, type, s, physicalId, properties, outputs, dependsOn, at, message);
  }

  public ResourceState withProperties(Map<String, Object> props) {
    return new ResourceState(
        id, type, status, physicalId, props, outputs, dependsOn, updatedAt, error);
  }

  public ResourceState withId(String newId) {
    return new ResourceState(
        newId, type, status, physicalId, properties, outputs, dependsOn, updatedAt, error);
  }

  /** The entry of a resource that exists, with what the provider reported. */
  public ResourceState created(
      String newPhysicalId, Map<String, Object> props, Map<String, String> newOutputs, Instant at) {
    return new ResourceState(
        id, type, Status.CREATED, newPhysicalId, props, newOutputs, dependsOn, at, null);
  }
}
