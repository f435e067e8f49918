package dev.berth.core.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the properties of one resource from typed keys, in the order they are put: {@code new
 * PropertyValues().put(VpcKeys.CIDR, "10.0.0.0/16").ref(SubnetKeys.VPC_ID, Ref.to("vpc",
 * VpcKeys.VPC_ID))}. What a key does not declare is found when the graph is built ({@link
 * DesiredGraph#of(java.util.Collection, Map)}).
 */
public final class PropertyValues {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Sets {@code key} to a literal value; a null value leaves it out. */
  public <T> PropertyValues put(PropertyKey<T> key, T value) {
    return set(key, value);
  }

  /** Sets a list-valued {@code key}; its elements may be literals or {@link Ref}s. */
  public PropertyValues list(PropertyKey<List<Object>> key, List<?> value) {
    return set(key, value);
  }

  /** Sets a map-valued {@code key}; its values may be literals or {@link Ref}s. */
  public PropertyValues map(PropertyKey<Map<String, Object>> key, Map<String, ?> value) {
    return set(key, value);
  }

  /** Sets {@code key} to another resource's output. */
  public PropertyValues ref(PropertyKey<?> key, Ref ref) {
    return set(key, ref);
  }

  /** Sets {@code key} to a secret, read by the handler through the context. */
  public PropertyValues secret(PropertyKey<?> key, SecretRef secret) {
    return set(key, secret);
  }

  /**
   * Sets {@code key} to a value only known at run time to be a literal or a {@link Ref} (a VPC id
   * from the spec, or the VPC berth creates); checked against the key when the graph is built.
   */
  public PropertyValues value(PropertyKey<?> key, Object value) {
    return set(key, value);
  }

  private PropertyValues set(PropertyKey<?> key, Object value) {
    if (value == null) {
      values.remove(key.name());
    } else {
      values.put(key.name(), value);
    }
    return this;
  }

  /**
   * Sets a property no key declares: only for what is on its way out of the properties (a run
   * option still carried as a property). The graph check refuses it unless the type tolerates it.
   */
  public PropertyValues untyped(String name, Object value) {
    values.put(name, value);
    return this;
  }

  /** The properties, in the order they were put. */
  public Map<String, Object> build() {
    return new LinkedHashMap<>(values);
  }
}
