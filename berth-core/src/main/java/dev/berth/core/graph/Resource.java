package dev.berth.core.graph;

import java.util.Map;
import java.util.Set;

/**
 * One resource of the desired graph.
 *
 * @param id logical id, unique in the graph and stable across runs (for example {@code vpc}, {@code
 *     subnet-a})
 * @param type the resource type, naming its handler (for example {@code aws.ec2.vpc})
 * @param properties JSON-like values: String, Number, Boolean, List, Map, {@link Ref}, {@link
 *     SecretRef}
 * @param dependsOn explicit dependencies beyond those implied by {@link Ref}s
 */
public record Resource(
    String id, String type, Map<String, Object> properties, Set<String> dependsOn) {
  public Resource {
    properties = Props.immutableCopy(properties);
    dependsOn = Set.copyOf(dependsOn);
  }

  public Resource(String id, String type, Map<String, Object> properties) {
    this(id, type, properties, Set.of());
  }
}
