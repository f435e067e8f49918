package dev.berth.aws.ecs;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.logs.log-group}, served by {@link LogGroupHandler}: its properties and
 * outputs.
 */
public final class LogGroupKeys {
  public static final PropertyKey<String> NAME =
      PropertyKey.string("name").forcesReplacement().note("`/berth/<stack>`");
  public static final PropertyKey<Integer> RETENTION_DAYS =
      PropertyKey.integer("retentionDays").optional();
  public static final OutputKey OUT_NAME = OutputKey.of("name");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.logs.log-group")
          .properties(NAME, RETENTION_DAYS)
          .outputs(OUT_NAME, ARN)
          .note("LogGroupHandler")
          .build();

  private LogGroupKeys() {}
}
