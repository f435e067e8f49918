package dev.berth.localcloud.services.ecs;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.services.elb.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ECS service scheduler, run on every tick: keeps each ACTIVE service's PRIMARY deployment at
 * its desired count, completes a deployment once its tasks run and are healthy (then drains the
 * older deployments' tasks), trips the circuit breaker on failing tasks and rolls back, and drains
 * deleted services to INACTIVE.
 */
final class Scheduler {
  private Scheduler() {}

  static void tick(World world) {
    world
        .of(Ecs.SERVICE, Ecs.TASK)
        .filter(t -> !Tasks.stopped(t))
        .toList()
        .forEach(t -> TaskLifecycle.advance(world, t));
    world
        .of(Ecs.SERVICE, Ecs.ECS_SERVICE)
        .filter(s -> "ACTIVE".equals(s.state) || "DRAINING".equals(s.state))
        .toList()
        .forEach(s -> reconcile(world, s));
  }

  /**
   * Brings one service towards its desired state (also right after CreateService/UpdateService).
   */
  static void reconcile(World world, Res s) {
    List<Res> live = Tasks.ofService(world, s).filter(t -> !Tasks.stopped(t)).toList();
    if ("DRAINING".equals(s.state)) {
      drain(world, s, live);
      return;
    }
    Optional<Map<String, Object>> found = Deployments.primary(s);
    if (found.isEmpty()) {
      return;
    }
    Map<String, Object> primary = circuitBreaker(world, s, found.get());
    String primaryId = (String) primary.get("id");
    long desired = Ecs.num(primary, "desiredCount", 0);
    List<Res> mine =
        live.stream()
            .filter(t -> primaryId.equals(t.str("startedBy")))
            .filter(t -> "RUNNING".equals(t.str("desiredStatus")))
            .toList();
    if (!Deployments.FAILED.equals(primary.get("rolloutState"))) {
      scale(world, s, primary, mine, desired);
    }
    List<Res> running =
        mine.stream().filter(t -> "RUNNING".equals(t.str("lastStatus"))).limit(desired).toList();
    if (running.size() == desired && running.stream().allMatch(t -> healthy(world, s, t))) {
      complete(world, s, primary, live);
    }
    retireOldDeployments(world, s, primary, live);
  }

  /** Starts missing tasks or stops extra ones of the PRIMARY deployment. */
  private static void scale(
      World world, Res s, Map<String, Object> primary, List<Res> mine, long desired) {
    if (mine.size() < desired) {
      Optional<Res> td =
          world.get(Ecs.SERVICE, Ecs.TASK_DEFINITION, (String) primary.get("taskDefinition"));
      if (td.isEmpty()) {
        return;
      }
      List<String> started = new ArrayList<>();
      for (long i = mine.size(); i < desired; i++) {
        started.add(Tasks.start(world, s, primary, td.get()).name);
      }
      Deployments.event(
          world,
          s,
          "has started "
              + started.size()
              + " tasks: "
              + started.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" "))
              + ".");
    } else if (mine.size() > desired) {
      List<Res> extra =
          mine.stream()
              .sorted(
                  Comparator.comparing((Res t) -> "RUNNING".equals(t.str("lastStatus")))
                      .thenComparing(t -> -t.createdAt))
              .limit(mine.size() - desired)
              .toList();
      stop(world, s, extra, (String) primary.get("id"));
    }
  }

  /**
   * Trips the breaker once the PRIMARY deployment's failed tasks reach the threshold; with rollback
   * on, the last COMPLETED deployment becomes PRIMARY again. Returns the PRIMARY deployment after.
   */
  private static Map<String, Object> circuitBreaker(
      World world, Res s, Map<String, Object> primary) {
    Map<?, ?> breaker =
        s.mapAttr("deploymentConfiguration").get("deploymentCircuitBreaker") instanceof Map<?, ?> m
            ? m
            : Map.of();
    long threshold = Deployments.failureThreshold(Ecs.num(primary, "desiredCount", 0));
    if (!Deployments.IN_PROGRESS.equals(primary.get("rolloutState"))
        || !Boolean.TRUE.equals(breaker.get("enable"))
        || Ecs.num(primary, "failedTasks", 0) < threshold) {
      return primary;
    }
    long now = world.nowMillis();
    String failedId = (String) primary.get("id");
    primary.put("rolloutState", Deployments.FAILED);
    primary.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
    primary.put("updatedAt", now);
    Deployments.event(
        world, s, "(deployment " + failedId + ") deployment failed: tasks failed to start.");
    if (!Boolean.TRUE.equals(breaker.get("rollback"))) {
      return primary;
    }
    Optional<Map<String, Object>> target =
        Deployments.all(s).stream()
            .filter(d -> d != primary && Deployments.COMPLETED.equals(d.get("rolloutState")))
            .findFirst();
    if (target.isEmpty()) {
      return primary;
    }
    Map<String, Object> back = target.get();
    String backId = (String) back.get("id");
    primary.put("status", Deployments.ACTIVE);
    back.put("status", Deployments.PRIMARY);
    back.put("rolloutState", Deployments.IN_PROGRESS);
    back.put(
        "rolloutStateReason",
        "ECS deployment circuit breaker: rolling back to deploymentId " + backId + ".");
    back.put("desiredCount", s.num("desiredCount", 0));
    back.put("updatedAt", now);
    List<Object> ordered = new ArrayList<>();
    ordered.add(back);
    Deployments.all(s).stream().filter(d -> d != back).forEach(ordered::add);
    s.attrs.put("deployments", ordered);
    s.attrs.put("taskDefinition", back.get("taskDefinition"));
    Deployments.event(
        world,
        s,
        "(deployment "
            + failedId
            + ") rolling back to deployment "
            + backId
            + " (task definition "
            + back.get("taskDefinition")
            + ").");
    return back;
  }

  /** The PRIMARY deployment runs and is healthy: the older ones drain, the rollout completes. */
  private static void complete(World world, Res s, Map<String, Object> primary, List<Res> live) {
    String primaryId = (String) primary.get("id");
    List<Res> old =
        live.stream()
            .filter(t -> !primaryId.equals(t.str("startedBy")))
            .filter(t -> "RUNNING".equals(t.str("desiredStatus")))
            .toList();
    if (!old.isEmpty()) {
      stop(world, s, old, primaryId);
    }
    if (Deployments.IN_PROGRESS.equals(primary.get("rolloutState"))) {
      primary.put("rolloutState", Deployments.COMPLETED);
      primary.put("rolloutStateReason", "ECS deployment " + primaryId + " completed.");
      primary.put("updatedAt", world.nowMillis());
      Deployments.event(world, s, "(deployment " + primaryId + ") deployment completed.");
    }
  }

  /** Older deployments whose tasks have all stopped leave the list; then the service is steady. */
  private static void retireOldDeployments(
      World world, Res s, Map<String, Object> primary, List<Res> live) {
    if (!Deployments.COMPLETED.equals(primary.get("rolloutState"))) {
      return;
    }
    boolean others = false;
    for (Map<String, Object> d : Deployments.all(s)) {
      if (d == primary || Deployments.INACTIVE.equals(d.get("status"))) {
        continue;
      }
      String id = (String) d.get("id");
      boolean hasTasks = live.stream().anyMatch(t -> id.equals(t.str("startedBy")));
      if (hasTasks) {
        others = true;
      } else {
        d.put("status", Deployments.INACTIVE);
        d.put("updatedAt", world.nowMillis());
      }
    }
    long desired = Ecs.num(primary, "desiredCount", 0);
    long running =
        live.stream()
            .filter(t -> primary.get("id").equals(t.str("startedBy")))
            .filter(t -> "RUNNING".equals(t.str("lastStatus")))
            .count();
    String steadyKey = primary.get("id") + ":" + desired;
    if (!others && running == desired && !steadyKey.equals(s.str("steadyFor"))) {
      s.attrs.put("steadyFor", steadyKey);
      Deployments.event(world, s, "has reached a steady state.");
    }
  }

  /** A deleted service: every task stops; once none is left it becomes INACTIVE after a while. */
  private static void drain(World world, Res s, List<Res> live) {
    List<Res> toStop = live.stream().filter(t -> "RUNNING".equals(t.str("desiredStatus"))).toList();
    if (!toStop.isEmpty()) {
      stop(world, s, toStop, Deployments.primary(s).map(d -> (String) d.get("id")).orElse(""));
    }
    if (!live.isEmpty()) {
      return;
    }
    long now = world.nowMillis();
    if (s.attrs.get("inactiveAt") == null) {
      s.attrs.put(
          "inactiveAt", now + world.delayMillis("ecs.service.drain", Duration.ofSeconds(60)));
    }
    if (now >= s.num("inactiveAt", now)) {
      s.state = "INACTIVE";
      for (Map<String, Object> d : Deployments.all(s)) {
        d.put("status", Deployments.INACTIVE);
      }
    }
  }

  private static void stop(World world, Res s, List<Res> tasks, String deploymentId) {
    String reason = "Scaling activity initiated by (deployment " + deploymentId + ")";
    List<String> ids = new ArrayList<>();
    for (Res t : tasks) {
      boolean wasRunning = "RUNNING".equals(t.str("lastStatus"));
      for (String tg : TaskLifecycle.requestStop(world, t, reason, "ServiceSchedulerInitiated")) {
        Deployments.event(world, s, "deregistered 1 targets in (target-group " + tg + ")");
      }
      if (wasRunning) {
        ids.add(t.name);
      }
    }
    if (!ids.isEmpty()) {
      Deployments.event(
          world,
          s,
          "has stopped "
              + ids.size()
              + " running tasks: "
              + ids.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" "))
              + ".");
    }
  }

  /** Healthy in every target group of the service (trivially, without a load balancer). */
  private static boolean healthy(World world, Res s, Res t) {
    for (Map<String, Object> lb : Ecs.maps(s, "loadBalancers")) {
      Optional<Res> tg =
          world.get(
              "elasticloadbalancing", "targetgroup", s.region(), Ecs.str(lb, "targetGroupArn"));
      if (tg.isPresent()
          && (t.str("ip") == null || !Targets.healthy(world, tg.get(), t.str("ip")))) {
        return false;
      }
    }
    return true;
  }
}
