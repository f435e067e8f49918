package dev.berth.aws.elb;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.elbv2.listener-rule}, served by {@link ListenerRuleHandler}: its
 * properties and outputs.
 */
public final class ListenerRuleKeys {
  public static final PropertyKey<String> LISTENER_ARN =
      PropertyKey.string("listenerArn").forcesReplacement();
  public static final PropertyKey<Integer> PRIORITY = PropertyKey.integer("priority");
  public static final PropertyKey<String> HOST_HEADER = PropertyKey.string("hostHeader");
  public static final PropertyKey<String> TARGET_GROUP_ARN = PropertyKey.string("targetGroupArn");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.elbv2.listener-rule")
          .properties(LISTENER_ARN, PRIORITY, HOST_HEADER, TARGET_GROUP_ARN)
          .outputs(ARN)
          .note("ListenerRuleHandler")
          .build();

  private ListenerRuleKeys() {}
}
