package dev.berth.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resource type's contract, shared by the blueprint that makes its resources and the handler
 * that serves them: its {@link ResourceType}, the properties it takes ({@link PropertyKey}) and the
 * outputs it reports ({@link OutputKey}). The replace-on and ignore-drift sets are the keys marked
 * so. A provider declares each of its types once; {@link DesiredGraph#of(java.util.Collection,
 * Map)} checks a graph against the descriptors before anything runs.
 */
public final class ResourceDescriptor {
  private final ResourceType type;
  private final Map<String, PropertyKey<?>> properties;
  private final Map<String, OutputKey> outputs;
  private final Set<String> tolerated;
  private final String note;
  private final boolean declared;

  private ResourceDescriptor(
      ResourceType type,
      Map<String, PropertyKey<?>> properties,
      Map<String, OutputKey> outputs,
      Set<String> tolerated,
      String note,
      boolean declared) {
    this.type = type;
    this.properties = Collections.unmodifiableMap(properties);
    this.outputs = Collections.unmodifiableMap(outputs);
    this.tolerated = Set.copyOf(tolerated);
    this.note = note;
    this.declared = declared;
  }

  /** Starts the descriptor of the type {@code name}. */
  public static Builder of(String name) {
    return new Builder(name);
  }

  /**
   * A descriptor that declares nothing beyond {@code type}: resources of it are not checked (a
   * handler that has not declared its keys, or a test's fake type).
   */
  public static ResourceDescriptor undeclared(ResourceType type) {
    return new ResourceDescriptor(type, Map.of(), Map.of(), Set.of(), "", false);
  }

  public ResourceType type() {
    return type;
  }

  public String name() {
    return type.name();
  }

  /** The properties by name, in declaration order. */
  public Map<String, PropertyKey<?>> properties() {
    return properties;
  }

  /** The outputs by name, in declaration order. */
  public Map<String, OutputKey> outputs() {
    return outputs;
  }

  /** False for {@link #undeclared}: its resources are not checked. */
  public boolean declared() {
    return declared;
  }

  /** A note on how the handler behaves, for the generated resource table. */
  public String note() {
    return note;
  }

  /**
   * What is wrong with {@code r}'s properties against this descriptor: a property the type does not
   * declare, a required one left out, a value of the wrong type. Empty for an undeclared type.
   */
  public List<String> problems(Resource r) {
    List<String> out = new ArrayList<>();
    if (!declared) {
      return out;
    }
    for (Map.Entry<String, Object> e : r.properties().entrySet()) {
      PropertyKey<?> key = properties.get(e.getKey());
      if (key == null) {
        if (!tolerated.contains(e.getKey())) {
          out.add(
              r.id()
                  + " sets property '"
                  + e.getKey()
                  + "' that type "
                  + name()
                  + " does not declare (it declares "
                  + String.join(", ", properties.keySet())
                  + ")");
        }
      } else if (!key.accepts(e.getValue())) {
        out.add(
            r.id()
                + " sets property '"
                + key.name()
                + "' of type "
                + name()
                + " to a "
                + e.getValue().getClass().getSimpleName()
                + ", not a "
                + key.typeName());
      }
    }
    for (PropertyKey<?> key : properties.values()) {
      if (key.required() && !r.properties().containsKey(key.name())) {
        out.add(
            r.id() + " leaves out property '" + key.name() + "' that type " + name() + " requires");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name();
  }

  /** Builds a {@link ResourceDescriptor}. */
  public static final class Builder {
    private final String name;
    private final Map<String, PropertyKey<?>> properties = new LinkedHashMap<>();
    private final Map<String, OutputKey> outputs = new LinkedHashMap<>();
    private final Set<String> tolerated = new LinkedHashSet<>();
    private boolean retain;
    private boolean deleteBeforeCreate;
    private boolean cascadesDelete;
    private String note = "";

    private Builder(String name) {
      this.name = name;
    }

    public Builder properties(PropertyKey<?>... keys) {
      for (PropertyKey<?> k : keys) {
        if (properties.put(k.name(), k) != null) {
          throw new IllegalArgumentException(name + " declares property " + k.name() + " twice");
        }
      }
      return this;
    }

    public Builder outputs(OutputKey... keys) {
      for (OutputKey k : keys) {
        if (outputs.put(k.name(), k) != null) {
          throw new IllegalArgumentException(name + " declares output " + k.name() + " twice");
        }
      }
      return this;
    }

    /**
     * Properties the check lets through undeclared: a run option still carried as a property, on
     * its way out. Not in the resource table.
     */
    public Builder tolerating(String... names) {
      tolerated.addAll(List.of(names));
      return this;
    }

    /** See {@link ResourceType#retain()}. */
    public Builder retain() {
      retain = true;
      return this;
    }

    /** See {@link ResourceType#deleteBeforeCreate()}. */
    public Builder deleteBeforeCreate() {
      deleteBeforeCreate = true;
      return this;
    }

    /** See {@link ResourceType#cascadesDelete()}. */
    public Builder cascadesDelete() {
      cascadesDelete = true;
      return this;
    }

    public Builder note(String text) {
      note = text;
      return this;
    }

    public ResourceDescriptor build() {
      Set<String> replaceOn = new TreeSet<>();
      Set<String> ignoreDrift = new TreeSet<>();
      properties
          .values()
          .forEach(
              k -> {
                if (k.isForcingReplacement()) {
                  replaceOn.add(k.name());
                }
                if (k.isDriftIgnored()) {
                  ignoreDrift.add(k.name());
                }
              });
      ResourceType type =
          new ResourceType(
              name, replaceOn, retain, deleteBeforeCreate, cascadesDelete, ignoreDrift);
      return new ResourceDescriptor(
          type,
          new LinkedHashMap<>(properties),
          new LinkedHashMap<>(outputs),
          tolerated,
          note,
          true);
    }
  }
}
