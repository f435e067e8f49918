package dev.berth.aws.elb;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.elbv2.target-group}, served by {@link TargetGroupHandler}: its
 * properties and outputs.
 */
public final class TargetGroupKeys {
  public static final PropertyKey<String> NAME =
      PropertyKey.string("name").forcesReplacement().note("≤ 32");
  public static final PropertyKey<String> VPC_ID = PropertyKey.string("vpcId").forcesReplacement();
  public static final PropertyKey<Integer> PORT = PropertyKey.integer("port").forcesReplacement();
  public static final PropertyKey<String> HEALTH_CHECK_PATH = PropertyKey.string("healthCheckPath");
  public static final PropertyKey<Integer> HEALTH_CHECK_INTERVAL_SECONDS =
      PropertyKey.integer("healthCheckIntervalSeconds").optional();
  public static final PropertyKey<Integer> HEALTHY_THRESHOLD_COUNT =
      PropertyKey.integer("healthyThresholdCount").optional();
  public static final PropertyKey<Integer> DEREGISTRATION_DELAY_SECONDS =
      PropertyKey.integer("deregistrationDelaySeconds").optional();
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.elbv2.target-group")
          .properties(
              NAME,
              VPC_ID,
              PORT,
              HEALTH_CHECK_PATH,
              HEALTH_CHECK_INTERVAL_SECONDS,
              HEALTHY_THRESHOLD_COUNT,
              DEREGISTRATION_DELAY_SECONDS)
          .outputs(ARN)
          .note("TargetGroupHandler")
          .build();

  private TargetGroupKeys() {}
}
