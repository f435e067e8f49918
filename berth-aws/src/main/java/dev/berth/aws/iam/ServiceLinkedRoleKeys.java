package dev.berth.aws.iam;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.iam.service-linked-role}, served by {@link ServiceLinkedRoleHandler}:
 * its properties and outputs.
 */
public final class ServiceLinkedRoleKeys {
  public static final PropertyKey<String> SERVICE =
      PropertyKey.string("service").forcesReplacement().note("`ecs.amazonaws.com`");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.iam.service-linked-role")
          .properties(SERVICE)
          .outputs(ARN)
          .retain()
          .note("ServiceLinkedRoleHandler: retain: ensured, never deleted")
          .build();

  private ServiceLinkedRoleKeys() {}
}
