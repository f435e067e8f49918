package dev.berth.aws.ecs;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.List;

/**
 * The contract of {@code aws.ecs.service}, served by {@link EcsServiceHandler}: its properties and
 * outputs.
 */
public final class EcsServiceKeys {
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final PropertyKey<String> CLUSTER =
      PropertyKey.string("cluster").forcesReplacement();
  public static final PropertyKey<String> TASK_DEFINITION_ARN =
      PropertyKey.string("taskDefinitionArn");
  public static final PropertyKey<Integer> DESIRED_COUNT =
      PropertyKey.integer("desiredCount").withDefault(1);
  public static final PropertyKey<List<Object>> SUBNETS =
      PropertyKey.list("subnets").forcesReplacement();
  public static final PropertyKey<List<Object>> SECURITY_GROUPS =
      PropertyKey.list("securityGroups").forcesReplacement();
  public static final PropertyKey<String> TARGET_GROUP_ARN =
      PropertyKey.string("targetGroupArn").forcesReplacement().optional();
  public static final PropertyKey<String> CONTAINER_NAME =
      PropertyKey.string("containerName").forcesReplacement().optional();
  public static final PropertyKey<Integer> CONTAINER_PORT =
      PropertyKey.integer("containerPort").forcesReplacement().withDefault(80);
  public static final PropertyKey<Integer> HEALTH_CHECK_GRACE_PERIOD_SECONDS =
      PropertyKey.integer("healthCheckGracePeriodSeconds").optional();
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey OUT_NAME = OutputKey.of("name");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ecs.service")
          .properties(
              NAME,
              CLUSTER,
              TASK_DEFINITION_ARN,
              DESIRED_COUNT,
              SUBNETS,
              SECURITY_GROUPS,
              TARGET_GROUP_ARN,
              CONTAINER_NAME,
              CONTAINER_PORT,
              HEALTH_CHECK_GRACE_PERIOD_SECONDS)
          .outputs(ARN, OUT_NAME)
          .deleteBeforeCreate()
          .note(
              "EcsServiceHandler: create/update wait for a stable rollout and fail fast on stopped tasks; a failed update returns the service to the old `taskDefinitionArn`/`desiredCount` and waits until it serves, then fails; delete scales to 0, deletes, waits for `INACTIVE`")
          .build();

  private EcsServiceKeys() {}
}
