package dev.berth.aws.elb;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.elbv2.load-balancer-ready}, served by {@link
 * LoadBalancerReadyHandler}: its properties and outputs.
 */
public final class LoadBalancerReadyKeys {
  public static final PropertyKey<String> LOAD_BALANCER_ARN =
      PropertyKey.string("loadBalancerArn").forcesReplacement();
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.elbv2.load-balancer-ready")
          .properties(LOAD_BALANCER_ARN)
          .outputs(ARN)
          .note(
              "LoadBalancerReadyHandler: waits for `active`; fails on `failed`; delete is a no-op")
          .build();

  private LoadBalancerReadyKeys() {}
}
