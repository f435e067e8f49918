package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/** Tells why a task stopped: its reason, the containers' exit codes and their last log lines. */
final class TaskFailures {
  static final int LOG_LINES = 10;

  private TaskFailures() {}

  /**
   * Whether a stopped task failed, as opposed to being stopped by a scale-in or a newer rollout.
   */
  static boolean failed(Task t) {
    if (t.stopCode() == TaskStopCode.TASK_FAILED_TO_START
        || t.stopCode() == TaskStopCode.ESSENTIAL_CONTAINER_EXITED) {
      return true;
    }
    String reason = t.stoppedReason() == null ? "" : t.stoppedReason();
    if (reason.startsWith("Scaling activity")) {
      return false;
    }
    return reason.contains("health checks")
        || reason.startsWith("ResourceInitializationError")
        || reason.startsWith("CannotPullContainerError")
        || t.containers().stream().anyMatch(c -> c.exitCode() != null && c.exitCode() != 0);
  }

  static String describe(AwsClients aws, String cluster, Task t) {
    String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
    StringBuilder sb = new StringBuilder("task ").append(id).append(" stopped: ");
    sb.append(t.stoppedReason() == null ? "no reason given" : t.stoppedReason());
    for (Container c : t.containers()) {
      if (c.exitCode() != null && c.exitCode() != 0 || c.reason() != null) {
        sb.append(" (container ").append(c.name());
        if (c.exitCode() != null) {
          sb.append(" exit code ").append(c.exitCode());
        }
        if (c.reason() != null) {
          sb.append(": ").append(c.reason());
        }
        sb.append(')');
      }
    }
    Optional<LogLines> lines = lastLines(aws, t, id);
    if (lines.isPresent() && !lines.get().lines().isEmpty()) {
      sb.append("\nlast log lines (")
          .append(lines.get().group())
          .append(' ')
          .append(lines.get().stream())
          .append("):");
      lines.get().lines().forEach(l -> sb.append("\n  ").append(l));
    }
    return sb.toString();
  }

  record LogLines(String group, String stream, List<String> lines) {}

  /** The last lines the task's first awslogs container wrote, if it wrote any. */
  static Optional<LogLines> lastLines(AwsClients aws, Task t, String taskId) {
    try {
      List<ContainerDefinition> defs =
          aws.ecs()
              .describeTaskDefinition(r -> r.taskDefinition(t.taskDefinitionArn()))
              .taskDefinition()
              .containerDefinitions();
      for (ContainerDefinition c : defs) {
        if (c.logConfiguration() == null || c.logConfiguration().logDriver() != LogDriver.AWSLOGS) {
          continue;
        }
        String group = c.logConfiguration().options().get("awslogs-group");
        String prefix = c.logConfiguration().options().get("awslogs-stream-prefix");
        String stream = (prefix == null ? "" : prefix + "/") + c.name() + "/" + taskId;
        List<String> lines = new ArrayList<>();
        aws.logs()
            .getLogEvents(
                r ->
                    r.logGroupName(group)
                        .logStreamName(stream)
                        .limit(LOG_LINES)
                        .startFromHead(false))
            .events()
            .forEach(e -> lines.add(e.message()));
        return Optional.of(new LogLines(group, stream, lines));
      }
    } catch (AwsServiceException e) {
      // No stream (the task never started) or no access: the stop reason has to do.
    }
    return Optional.empty();
  }
}
