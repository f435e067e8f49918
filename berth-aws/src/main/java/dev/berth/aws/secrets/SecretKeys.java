package dev.berth.aws.secrets;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.secretsmanager.secret}, served by {@link SecretHandler}: its
 * properties and outputs.
 */
public final class SecretKeys {
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final PropertyKey<Object> USERNAME = PropertyKey.any("username").note("SecretRef");
  public static final PropertyKey<Object> PASSWORD = PropertyKey.any("password").note("SecretRef");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.secretsmanager.secret")
          .properties(NAME, USERNAME, PASSWORD)
          .outputs(ARN)
          .note(
              "SecretHandler: `ForceDeleteWithoutRecovery` on delete; value JSON `{\"username\",\"password\"}` built with Jackson")
          .build();

  private SecretKeys() {}
}
