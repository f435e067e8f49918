package dev.berth.core.graph;

import java.util.List;
import java.util.Map;

/**
 * A property of one resource type: its name (the key in the properties map and in the state file),
 * its Java type, whether a resource must set it, and how the planner treats a change of it. Read a
 * resolved property with {@link #get}; set one in a blueprint with {@link PropertyValues}.
 *
 * @param <T> the type {@link #get} returns: String, Integer, Boolean, {@code List<Object>}, {@code
 *     Map<String, Object>}, or Object for a property that takes more than one shape
 */
public final class PropertyKey<T> {
  private final String name;
  private final Class<?> javaType;
  private final boolean required;
  private final T dflt;
  private final boolean forcesReplacement;
  private final boolean ignoreDrift;
  private final String note;

  private PropertyKey(
      String name,
      Class<?> javaType,
      boolean required,
      T dflt,
      boolean forcesReplacement,
      boolean ignoreDrift,
      String note) {
    this.name = name;
    this.javaType = javaType;
    this.required = required;
    this.dflt = dflt;
    this.forcesReplacement = forcesReplacement;
    this.ignoreDrift = ignoreDrift;
    this.note = note;
  }

  public static PropertyKey<String> string(String name) {
    return new PropertyKey<>(name, String.class, true, null, false, false, "");
  }

  public static PropertyKey<Integer> integer(String name) {
    return new PropertyKey<>(name, Integer.class, true, null, false, false, "");
  }

  public static PropertyKey<Boolean> bool(String name) {
    return new PropertyKey<>(name, Boolean.class, true, null, false, false, "");
  }

  public static PropertyKey<List<Object>> list(String name) {
    return new PropertyKey<>(name, List.class, true, null, false, false, "");
  }

  public static PropertyKey<Map<String, Object>> map(String name) {
    return new PropertyKey<>(name, Map.class, true, null, false, false, "");
  }

  /** A property that takes more than one shape (a string or a list). */
  public static PropertyKey<Object> any(String name) {
    return new PropertyKey<>(name, Object.class, true, null, false, false, "");
  }

  /** The same key, one a resource may leave out ({@link #get} then returns the default). */
  public PropertyKey<T> optional() {
    return new PropertyKey<>(name, javaType, false, dflt, forcesReplacement, ignoreDrift, note);
  }

  /** The same key, optional, {@link #get} returning {@code value} where it is left out. */
  public PropertyKey<T> withDefault(T value) {
    return new PropertyKey<>(name, javaType, false, value, forcesReplacement, ignoreDrift, note);
  }

  /** The same key, a change of which replaces the resource instead of updating it in place. */
  public PropertyKey<T> forcesReplacement() {
    return new PropertyKey<>(name, javaType, required, dflt, true, ignoreDrift, note);
  }

  /**
   * The same key, whose drift (the cloud reporting another value than the recorded one) the planner
   * ignores: something else owns its live value (an ECS service's desired count once autoscaling
   * does). A change of the desired value is still planned.
   */
  public PropertyKey<T> ignoreDrift() {
    return new PropertyKey<>(name, javaType, required, dflt, forcesReplacement, true, note);
  }

  /** The same key, with a short note for the generated resource table. */
  public PropertyKey<T> note(String text) {
    return new PropertyKey<>(name, javaType, required, dflt, forcesReplacement, ignoreDrift, text);
  }

  public String name() {
    return name;
  }

  public Class<?> javaType() {
    return javaType;
  }

  public boolean required() {
    return required;
  }

  /** The value {@link #get} returns when the property is left out, or null. */
  public T defaultValue() {
    return dflt;
  }

  public boolean isForcingReplacement() {
    return forcesReplacement;
  }

  public boolean isDriftIgnored() {
    return ignoreDrift;
  }

  public String note() {
    return note;
  }

  /**
   * This property of resolved properties (no {@link Ref} left), converted to {@code T} as the state
   * file may hold it (a number written as text reads as a number): the default (null, or an empty
   * list or map) when it is left out.
   */
  @SuppressWarnings("unchecked")
  public T get(Map<String, ?> props) {
    Object v = props.get(name);
    if (v == null) {
      if (dflt != null) {
        return dflt;
      }
      if (javaType == List.class) {
        return (T) List.of();
      }
      if (javaType == Map.class) {
        return (T) Map.of();
      }
      return null;
    }
    if (javaType == String.class) {
      return (T) v.toString();
    }
    if (javaType == Integer.class) {
      return (T)
          (Integer) (v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim()));
    }
    if (javaType == Boolean.class) {
      return (T) (Boolean) (v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
    }
    return (T) v;
  }

  /** This property of resolved properties as text, whatever its type, or null when left out. */
  public String text(Map<String, ?> props) {
    Object v = props.get(name);
    return v == null ? null : v.toString();
  }

  /** Whether {@code props} sets this property. */
  public boolean isSet(Map<String, ?> props) {
    return props.get(name) != null;
  }

  /**
   * Whether a desired value fits this key: a {@link Ref} or {@link SecretRef} always does (its
   * value is known later), anything else must be of the key's type (any number for an integer).
   */
  public boolean accepts(Object value) {
    if (value instanceof Ref || value instanceof SecretRef || javaType == Object.class) {
      return true;
    }
    if (javaType == Integer.class) {
      return value instanceof Number;
    }
    return javaType.isInstance(value);
  }

  /** The type's short name, for messages and the resource table. */
  public String typeName() {
    if (javaType == Object.class) {
      return "any";
    }
    if (javaType == Integer.class) {
      return "int";
    }
    if (javaType == Boolean.class) {
      return "bool";
    }
    return javaType.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return name;
  }
}
