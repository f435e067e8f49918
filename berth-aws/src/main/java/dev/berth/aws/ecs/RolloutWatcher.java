package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.WaitStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Watches one ECS deployment until it is stable: PRIMARY and COMPLETED, its running count at its
 * desired count, and every target of the target group that is not draining healthy. Fails fast:
 * each poll looks for stopped tasks of the deployment and fails with the first failure's reason,
 * exit code and last log lines, instead of waiting for the circuit breaker. A FAILED rollout is a
 * failure, never a success, also when ECS rolled back to a version that works.
 */
public final class RolloutWatcher {
  /** Quick at first, then every 5 s: ECS throttles DescribeServices polled every 2 s. */
  public static final Backoff POLL = Polls.ECS;

  /**
   * Once every task of the deployment runs, only health checks and ECS marking the rollout
   * COMPLETED are left, and the end is near: every 2.5 s, so that the poll that sees it lands
   * within 2.5 s of the end (at 5 s the overshoot alone made a 75 s rollout 7 % longer), still
   * slower than the 2 s ECS throttles.
   */
  public static final Backoff SETTLING =
      new Backoff(Duration.ofMillis(2500), Duration.ofMillis(2500), 1, 0.1);

  static final String CRASH_HINT =
      "Check the container's logs, fix the image or its settings and deploy again.";
  static final String ROLLBACK_HINT =
      "The previous version keeps serving. Fix the image and deploy again.";

  private final AwsClients aws;
  private final String cluster;
  private final String service;
  private final String deploymentId;
  private final String taskDefinitionArn;
  private final String targetGroupArn;
  private final Set<String> inspectedTasks = new HashSet<>();

  /**
   * @param deploymentId the deployment to watch, as CreateService/UpdateService returned it
   * @param targetGroupArn null when the service has no load balancer
   */
  public RolloutWatcher(
      AwsClients aws,
      String cluster,
      String service,
      String deploymentId,
      String taskDefinitionArn,
      String targetGroupArn) {
    this.aws = aws;
    this.cluster = cluster;
    this.service = service;
    this.deploymentId = deploymentId;
    this.taskDefinitionArn = taskDefinitionArn;
    this.targetGroupArn = targetGroupArn;
  }

  /** The id of the PRIMARY deployment of a service as an API call returned it. */
  public static String primaryDeployment(Service s) {
    return s.deployments().stream()
        .filter(d -> "PRIMARY".equals(d.status()))
        .map(Deployment::id)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "service " + s.serviceName() + " has no PRIMARY deployment"));
  }

  /** One poll of the whole rollout: done once it is stable. */
  public WaitStep<Service> poll() {
    return poll(false);
  }

  /**
   * One poll of the rollout's first stretch: done once every task of the deployment runs (or the
   * rollout is already stable), to go on with {@link #poll()} at the {@link #SETTLING} pace. Fails
   * as {@link #poll()} does.
   */
  public WaitStep<Service> pollUntilRunning() {
    return poll(true);
  }

  private WaitStep<Service> poll(boolean untilRunning) {
    Optional<Service> found =
        aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().stream()
            .findFirst();
    if (found.isEmpty() || !"ACTIVE".equals(found.get().status())) {
      return WaitStep.failed(
          "service "
              + service
              + " is "
              + found.map(Service::status).orElse("missing")
              + " while its deployment was rolling out",
          "Another process deleted the service; deploy again.");
    }
    Service s = found.get();
    Optional<Deployment> ours =
        s.deployments().stream().filter(d -> deploymentId.equals(d.id())).findFirst();
    Optional<Deployment> primary =
        s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    Optional<Task> crashed = failedTask();
    if (ours.isEmpty() || ours.get().rolloutState() == DeploymentRolloutState.FAILED) {
      // Only a service that had a working version before can be serving it still.
      boolean rolledBack =
          primary
              .map(Deployment::taskDefinition)
              .filter(td -> !td.equals(taskDefinitionArn))
              .isPresent();
      return WaitStep.failed(
          rolloutFailure(s, ours, primary, crashed), rolledBack ? ROLLBACK_HINT : CRASH_HINT);
    }
    if (crashed.isPresent()) {
      return WaitStep.failed(TaskFailures.describe(aws, cluster, crashed.get()), CRASH_HINT);
    }
    Deployment d = ours.get();
    String progress =
        String.format(
            "rollout %s: %d/%d tasks running, %d pending",
            d.rolloutStateAsString(), d.runningCount(), d.desiredCount(), d.pendingCount());
    if (untilRunning && d.runningCount().equals(d.desiredCount())) {
      return WaitStep.done(s);
    }
    if (!"PRIMARY".equals(d.status())
        || d.rolloutState() != DeploymentRolloutState.COMPLETED
        || !d.runningCount().equals(d.desiredCount())) {
      return WaitStep.pending(progress);
    }
    String unhealthy = unhealthyTargets(d.desiredCount());
    return unhealthy == null ? WaitStep.done(s) : WaitStep.pending(unhealthy);
  }

  private String rolloutFailure(
      Service s, Optional<Deployment> ours, Optional<Deployment> primary, Optional<Task> crashed) {
    String rolledBackTo =
        primary
            .map(Deployment::taskDefinition)
            .filter(td -> !td.equals(taskDefinitionArn))
            .orElse(null);
    StringBuilder sb =
        new StringBuilder(
            rolledBackTo != null
                ? "deployment failed; ECS rolled back to " + rolledBackTo
                : "deployment failed");
    // A drained deployment leaves the list; its last service event still tells what happened.
    String reason =
        ours.map(Deployment::rolloutStateReason)
            .or(
                () ->
                    s.events().stream()
                        .map(ServiceEvent::message)
                        .filter(m -> m.contains("(deployment " + deploymentId + ")"))
                        .filter(m -> m.contains("failed"))
                        .findFirst()
                        .map(m -> m.replaceFirst("^\\(service [^)]*\\) ", "")))
            .orElse("deployment " + deploymentId + " is no longer listed");
    sb.append(" (").append(reason).append(')');
    crashed.ifPresent(t -> sb.append("; ").append(TaskFailures.describe(aws, cluster, t)));
    return sb.toString();
  }

  /** The most recent task of the watched deployment that stopped because it failed. */
  private Optional<Task> failedTask() {
    List<String> arns =
        new ArrayList<>(
            aws.ecs()
                .listTasks(
                    r ->
                        r.cluster(cluster)
                            .serviceName(service)
                            .desiredStatus(DesiredStatus.STOPPED))
                .taskArns());
    arns.removeAll(inspectedTasks);
    if (arns.isEmpty()) {
      return Optional.empty();
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += 100) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
      tasks.addAll(aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
    }
    Task worst = null;
    for (Task t : tasks) {
      if (!deploymentId.equals(t.startedBy()) || !TaskFailures.failed(t)) {
        inspectedTasks.add(t.taskArn());
        continue;
      }
      if (worst == null
          || t.stoppingAt() != null
              && worst.stoppingAt() != null
              && t.stoppingAt().isAfter(worst.stoppingAt())) {
        worst = t;
      }
    }
    return Optional.ofNullable(worst);
  }

  /** Null when every target that is not draining is healthy and there are enough of them. */
  private String unhealthyTargets(int desired) {
    if (targetGroupArn == null) {
      return null;
    }
    List<TargetHealthDescription> targets =
        aws.elb()
            .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
            .targetHealthDescriptions();
    long healthy = 0;
    List<String> waiting = new ArrayList<>();
    for (TargetHealthDescription t : targets) {
      TargetHealthStateEnum state = t.targetHealth().state();
      if (state == TargetHealthStateEnum.HEALTHY) {
        healthy++;
      } else if (state != TargetHealthStateEnum.DRAINING) {
        waiting.add(t.target().id() + " " + t.targetHealth().stateAsString());
      }
    }
    if (waiting.isEmpty() && healthy >= desired) {
      return null;
    }
    return "targets: "
        + healthy
        + "/"
        + desired
        + " healthy"
        + (waiting.isEmpty() ? "" : " (" + String.join(", ", waiting) + ")");
  }
}
