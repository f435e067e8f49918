package dev.berth.aws.iam;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.List;

/**
 * The contract of {@code aws.iam.role}, served by {@link RoleHandler}: its properties and outputs.
 */
public final class RoleKeys {
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final PropertyKey<String> ASSUME_SERVICE =
      PropertyKey.string("assumeService").note("`ecs-tasks.amazonaws.com`");
  public static final PropertyKey<List<Object>> MANAGED_POLICY_ARNS =
      PropertyKey.list("managedPolicyArns").note("attach/detach in place");
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey OUT_NAME = OutputKey.of("name");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.iam.role")
          .properties(NAME, ASSUME_SERVICE, MANAGED_POLICY_ARNS)
          .outputs(ARN, OUT_NAME)
          .note("RoleHandler")
          .build();

  private RoleKeys() {}
}
