package dev.berth.aws.ecs;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.ecs.cluster}, served by {@link ClusterHandler}: its properties and
 * outputs.
 */
public final class ClusterKeys {
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey OUT_NAME = OutputKey.of("name");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ecs.cluster")
          .properties(NAME)
          .outputs(ARN, OUT_NAME)
          .note("ClusterHandler")
          .build();

  private ClusterKeys() {}
}
