package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What {@code berth status} shows of a service: its deployments, recent events, running and desired
 * counts, and the health of its load balancer targets. Read-only.
 */
public final class ServiceStatus {
  public record Deployment(
      String id,
      String status,
      String rolloutState,
      String rolloutStateReason,
      String taskDefinition,
      int desired,
      int running,
      int pending,
      int failed,
      Instant createdAt) {}

  public record Event(Instant at, String message) {}

  public record Target(String id, Integer port, String state, String reason) {}

  public record Snapshot(
      String serviceArn,
      String status,
      String taskDefinition,
      int desired,
      int running,
      int pending,
      List<Deployment> deployments,
      List<Event> events,
      List<Target> targets) {

    /** The deployment ECS rolls out now, if any. */
    public Optional<Deployment> primary() {
      return deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    /** Tasks of the current version: the primary deployment's, not those of older ones draining. */
    public int runningOfPrimary() {
      return primary().map(Deployment::running).orElse(running);
    }
  }

  private final AwsClients aws;

  public ServiceStatus(AwsClients aws) {
    this.aws = aws;
  }

  /**
   * The service now, with at most {@code maxEvents} events (newest first); empty if it or its
   * cluster is missing (deleted outside berth: status shows it as drift, deploy recreates it).
   */
  public Optional<Snapshot> read(String cluster, String service, int maxEvents) {
    Optional<Service> found;
    try {
      found =
          aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().stream()
              .findFirst();
    } catch (ClusterNotFoundException e) {
      return Optional.empty();
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Service s = found.get();
    List<Deployment> deployments =
        s.deployments().stream()
            .map(
                d ->
                    new Deployment(
                        d.id(),
                        d.status(),
                        d.rolloutStateAsString(),
                        d.rolloutStateReason(),
                        d.taskDefinition(),
                        orZero(d.desiredCount()),
                        orZero(d.runningCount()),
                        orZero(d.pendingCount()),
                        orZero(d.failedTasks()),
                        d.createdAt()))
            .toList();
    List<Event> events =
        s.events().stream()
            .limit(maxEvents)
            .map(e -> new Event(e.createdAt(), e.message()))
            .toList();
    List<Target> targets =
        s.loadBalancers().stream()
            .filter(lb -> lb.targetGroupArn() != null)
            .flatMap(
                lb ->
                    aws
                        .elb()
                        .describeTargetHealth(r -> r.targetGroupArn(lb.targetGroupArn()))
                        .targetHealthDescriptions()
                        .stream())
            .map(
                t ->
                    new Target(
                        t.target().id(),
                        t.target().port(),
                        t.targetHealth().stateAsString(),
                        t.targetHealth().description()))
            .toList();
    return Optional.of(
        new Snapshot(
            s.serviceArn(),
            s.status(),
            s.taskDefinition(),
            orZero(s.desiredCount()),
            orZero(s.runningCount()),
            orZero(s.pendingCount()),
            deployments,
            events,
            targets));
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
