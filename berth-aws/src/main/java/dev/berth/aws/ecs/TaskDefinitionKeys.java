package dev.berth.aws.ecs;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.List;
import java.util.Map;

/**
 * The contract of {@code aws.ecs.task-definition}, served by {@link TaskDefinitionHandler}: its
 * properties and outputs.
 */
public final class TaskDefinitionKeys {
  public static final PropertyKey<String> FAMILY = PropertyKey.string("family").forcesReplacement();
  public static final PropertyKey<Integer> CPU = PropertyKey.integer("cpu").forcesReplacement();
  public static final PropertyKey<Integer> MEMORY =
      PropertyKey.integer("memory").forcesReplacement();
  public static final PropertyKey<String> EXECUTION_ROLE_ARN =
      PropertyKey.string("executionRoleArn").forcesReplacement();
  public static final PropertyKey<String> TASK_ROLE_ARN =
      PropertyKey.string("taskRoleArn").forcesReplacement();
  public static final PropertyKey<String> CONTAINER_NAME =
      PropertyKey.string("containerName").forcesReplacement();
  public static final PropertyKey<String> IMAGE = PropertyKey.string("image").forcesReplacement();
  public static final PropertyKey<Integer> PORT =
      PropertyKey.integer("port").forcesReplacement().withDefault(80);
  public static final PropertyKey<Map<String, Object>> ENVIRONMENT =
      PropertyKey.map("environment").forcesReplacement().optional();
  public static final PropertyKey<Map<String, Object>> SECRETS =
      PropertyKey.map("secrets").forcesReplacement().optional().note("name → ARN");
  public static final PropertyKey<List<Object>> COMMAND =
      PropertyKey.list("command").forcesReplacement().optional();
  public static final PropertyKey<List<Object>> ENTRY_POINT =
      PropertyKey.list("entryPoint").forcesReplacement().optional();
  public static final PropertyKey<String> LOG_GROUP =
      PropertyKey.string("logGroup").forcesReplacement().optional();
  public static final PropertyKey<String> LOG_REGION =
      PropertyKey.string("logRegion").forcesReplacement().optional();
  public static final PropertyKey<String> REPOSITORY_CREDENTIALS_ARN =
      PropertyKey.string("repositoryCredentialsArn").forcesReplacement().optional();
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey REVISION = OutputKey.of("revision");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ecs.task-definition")
          .properties(
              FAMILY,
              CPU,
              MEMORY,
              EXECUTION_ROLE_ARN,
              TASK_ROLE_ARN,
              CONTAINER_NAME,
              IMAGE,
              PORT,
              ENVIRONMENT,
              SECRETS,
              COMMAND,
              ENTRY_POINT,
              LOG_GROUP,
              LOG_REGION,
              REPOSITORY_CREDENTIALS_ARN)
          .outputs(ARN, REVISION)
          .note("TaskDefinitionHandler: every property forces a new revision; delete deregisters")
          .build();

  private TaskDefinitionKeys() {}
}
