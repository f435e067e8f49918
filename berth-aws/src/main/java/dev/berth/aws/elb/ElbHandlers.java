package dev.berth.aws.elb;

import dev.berth.aws.AwsClients;
import dev.berth.core.resource.ResourceHandler;
import java.util.List;

/** The Elastic Load Balancing v2 handlers. */
public final class ElbHandlers {
  private ElbHandlers() {}

  public static List<ResourceHandler> all(AwsClients aws) {
    return List.of(
        new LoadBalancerHandler(aws),
        new LoadBalancerReadyHandler(aws),
        new TargetGroupHandler(aws),
        new ListenerHandler(aws),
        new ListenerRuleHandler(aws));
  }
}
