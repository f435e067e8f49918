package dev.berth.aws.iam;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.Map;

/**
 * The contract of {@code aws.iam.policy}, served by {@link PolicyHandler}: its properties and
 * outputs.
 */
public final class PolicyKeys {
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final PropertyKey<Map<String, Object>> DOCUMENT =
      PropertyKey.map("document").note("serialised with Jackson");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.iam.policy")
          .properties(NAME, DOCUMENT)
          .outputs(ARN)
          .note(
              "PolicyHandler: customer-managed; a `document` change becomes the new default version in place, older versions deleted; detached from every entity before deletion")
          .build();

  private PolicyKeys() {}
}
