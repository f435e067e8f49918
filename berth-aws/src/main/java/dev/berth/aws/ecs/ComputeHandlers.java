package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.core.resource.ResourceHandler;
import java.util.List;

/** The handlers of the compute layer: log group, cluster, task definition, service. */
public final class ComputeHandlers {
  private ComputeHandlers() {}

  public static List<ResourceHandler> all(AwsClients aws) {
    return all(aws, true);
  }

  /** With {@code waitForRollout} false the service handler does not wait for tasks. */
  public static List<ResourceHandler> all(AwsClients aws, boolean waitForRollout) {
    return List.of(
        new LogGroupHandler(aws),
        new ClusterHandler(aws),
        new TaskDefinitionHandler(aws),
        new EcsServiceHandler(aws, waitForRollout));
  }
}
