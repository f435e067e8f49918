package dev.berth.localcloud.services.ecs;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.services.elb.Targets;
import dev.berth.localcloud.services.logs.LogStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task's life on the world's clock: PROVISIONING → PENDING → RUNNING (registered with its
 * target groups, writing its first log lines) → DEPROVISIONING → STOPPED (network interface
 * removed). A task asked to stop while registered drains for the target group's deregistration
 * delay first. Tasks of failing images crash {@code ecs.task.stop} after they start.
 */
final class TaskLifecycle {
  private static final String CRASH_LINE = "fatal: crashloop image exits";
  private static final String MISSING_LOG_GROUP =
      "ResourceInitializationError: failed to validate logger args: create stream has been"
          + " retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException:"
          + " The specified log group does not exist. : exit status 1";

  private TaskLifecycle() {}

  /** Applies every transition whose time has come, each at the time it was due. */
  static void advance(World world, Res t) {
    long now = world.nowMillis();
    for (int guard = 0; guard < 8; guard++) {
      String status = t.str("lastStatus");
      boolean stopWanted = "STOPPED".equals(t.str("desiredStatus"));
      switch (status) {
        case "PROVISIONING", "PENDING" -> {
          if (stopWanted) {
            deprovision(world, t, now);
          } else if (status.equals("PROVISIONING") && now >= t.num("pendingAt", 0)) {
            toPending(world, t);
          } else if (status.equals("PENDING") && now >= t.num("runningAt", 0)) {
            toRunning(world, t);
          } else {
            return;
          }
        }
        case "RUNNING" -> {
          Object crashAt = t.attrs.get("crashAt");
          if (!stopWanted && crashAt instanceof Number c && now >= c.longValue()) {
            crash(world, t, c.longValue());
          } else if (stopWanted && now >= t.num("stopAt", 0)) {
            deprovision(world, t, t.num("stopAt", now));
          } else {
            return;
          }
        }
        case "DEPROVISIONING" -> {
          if (now >= t.num("stoppedAt", 0)) {
            finish(world, t);
          }
          return;
        }
        default -> {
          return;
        }
      }
    }
  }

  /**
   * Asks a task to stop: a running task is deregistered from its target groups and stops once they
   * have drained it. Returns the target groups it was deregistered from.
   */
  static List<String> requestStop(World world, Res t, String reason, String stopCode) {
    if ("STOPPED".equals(t.str("desiredStatus"))) {
      return List.of();
    }
    long now = world.nowMillis();
    t.attrs.put("desiredStatus", "STOPPED");
    t.attrs.put("stoppedReason", reason);
    t.attrs.put("stopCode", stopCode);
    t.attrs.put("stoppingAt", now);
    t.attrs.put("stopAt", now);
    return "RUNNING".equals(t.str("lastStatus")) ? deregister(world, t) : List.of();
  }

  private static void toPending(World world, Res t) {
    long at = t.num("pendingAt", world.nowMillis());
    t.attrs.put("lastStatus", "PENDING");
    t.attrs.put("pullStartedAt", at);
    for (LogTarget log : logTargets(world, t)) {
      if (LogStore.group(world, log.region(), log.group()).isEmpty()) {
        if (!log.createGroup()) {
          fail(world, t, at, MISSING_LOG_GROUP, "TaskFailedToStart", null);
          return;
        }
        LogStore.createGroup(world, log.region(), log.group(), Map.of());
      }
    }
  }

  private static void toRunning(World world, Res t) {
    long at = t.num("runningAt", world.nowMillis());
    t.attrs.put("lastStatus", "RUNNING");
    t.attrs.put("pullStoppedAt", at);
    t.attrs.put("startedAt", at);
    setContainers(t, "RUNNING", null);
    boolean failing = t.bool("failing");
    for (LogTarget log : logTargets(world, t)) {
      LogStore.append(
          world, log.region(), log.group(), log.stream(), at, "starting " + log.image());
      if (!failing && log.port() != null) {
        LogStore.append(
            world, log.region(), log.group(), log.stream(), at, "listening on port " + log.port());
      }
    }
    Optional<Res> service = serviceOf(world, t);
    List<Object> registered = new ArrayList<>();
    for (Map<String, Object> lb :
        service.map(s -> Ecs.maps(s, "loadBalancers")).orElse(List.of())) {
      String tgArn = Ecs.str(lb, "targetGroupArn");
      Optional<Res> tg = world.get("elasticloadbalancing", "targetgroup", t.region(), tgArn);
      if (tg.isEmpty() || t.str("ip") == null) {
        continue;
      }
      int port = (int) Ecs.num(lb, "containerPort", 80);
      Targets.register(world, tg.get(), t.str("ip"), port, failing);
      registered.add(Map.of("targetGroupArn", tgArn, "port", port));
      Deployments.event(
          world, service.get(), "registered 1 targets in (target-group " + tgArn + ")");
    }
    t.attrs.put("targets", registered);
    if (failing) {
      t.attrs.put("crashAt", at + world.delayMillis("ecs.task.stop", Duration.ofSeconds(30)));
    }
  }

  private static void crash(World world, Res t, long at) {
    for (LogTarget log : logTargets(world, t)) {
      if (Ecs.imageFails(world, log.image())) {
        LogStore.append(world, log.region(), log.group(), log.stream(), at, CRASH_LINE);
      }
    }
    List<String> groups = deregister(world, t);
    serviceOf(world, t)
        .ifPresent(
            s ->
                groups.forEach(
                    tg ->
                        Deployments.event(
                            world, s, "deregistered 1 targets in (target-group " + tg + ")")));
    fail(world, t, at, "Essential container in task exited", "EssentialContainerExited", 1);
  }

  /** A task that failed (to start, or by crashing): counts against its deployment. */
  private static void fail(
      World world, Res t, long at, String reason, String stopCode, Integer exitCode) {
    t.attrs.put("desiredStatus", "STOPPED");
    t.attrs.put("stoppedReason", reason);
    t.attrs.put("stopCode", stopCode);
    t.attrs.put("stoppingAt", at);
    for (Object o : t.listAttr("containers")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      c.put("lastStatus", "STOPPED");
      if (exitCode != null) {
        c.put("exitCode", Ecs.imageFails(world, (String) c.get("image")) ? exitCode : 0);
      }
    }
    serviceOf(world, t)
        .flatMap(s -> Deployments.byId(s, t.str("startedBy")))
        .ifPresent(
            d -> {
              d.put("failedTasks", Ecs.num(d, "failedTasks", 0) + 1);
              d.put("updatedAt", world.nowMillis());
            });
    deprovision(world, t, at);
  }

  private static void deprovision(World world, Res t, long at) {
    t.attrs.put("lastStatus", "DEPROVISIONING");
    t.attrs.putIfAbsent("stoppingAt", at);
    t.attrs.put("executionStoppedAt", at);
    setContainers(t, "STOPPED", 0);
    t.attrs.put(
        "stoppedAt", at + world.delayMillis("ecs.task.deprovisioning", Duration.ofSeconds(5)));
  }

  private static void finish(World world, Res t) {
    t.attrs.put("lastStatus", "STOPPED");
    String eni = t.str("eniId");
    if (eni != null) {
      world.get("ec2", "network-interface", eni).ifPresent(world::remove);
    }
    t.expiresAt = t.num("stoppedAt", world.nowMillis()) + Tasks.STOPPED_VISIBLE.toMillis();
  }

  /** Deregisters a running task from its target groups; its stop waits for the longest drain. */
  private static List<String> deregister(World world, Res t) {
    List<String> groups = new ArrayList<>();
    long stopAt = world.nowMillis();
    for (Object o : t.listAttr("targets")) {
      String tgArn = String.valueOf(((Map<?, ?>) o).get("targetGroupArn"));
      Optional<Res> tg = world.get("elasticloadbalancing", "targetgroup", t.region(), tgArn);
      if (tg.isEmpty()) {
        continue;
      }
      Targets.deregister(world, tg.get(), t.str("ip"));
      groups.add(tgArn);
      for (Object target : tg.get().listAttr("targets")) {
        Map<?, ?> m = (Map<?, ?>) target;
        if (t.str("ip").equals(m.get("id")) && m.get("drainUntil") instanceof Number n) {
          stopAt = Math.max(stopAt, n.longValue());
        }
      }
    }
    t.attrs.put("targets", new ArrayList<>());
    t.attrs.put("stopAt", stopAt);
    return groups;
  }

  private static void setContainers(Res t, String status, Integer exitCode) {
    for (Object o : t.listAttr("containers")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      if (exitCode != null && "RUNNING".equals(c.get("lastStatus"))) {
        c.putIfAbsent("exitCode", exitCode);
      }
      c.put("lastStatus", status);
    }
  }

  static Optional<Res> serviceOf(World world, Res t) {
    String arn = t.str("serviceArn");
    return arn == null
        ? Optional.empty()
        : world
            .get(Ecs.SERVICE, Ecs.ECS_SERVICE, arn)
            .filter(s -> String.valueOf(s.str("incarnation")).equals(t.str("incarnation")));
  }

  /**
   * Where one container of a task writes with the awslogs driver: the group in {@code
   * awslogs-region} (the task's own region when the option is absent).
   */
  record LogTarget(
      String region, String group, String stream, String image, Object port, boolean createGroup) {}

  static List<LogTarget> logTargets(World world, Res t) {
    Optional<Res> td = world.get(Ecs.SERVICE, Ecs.TASK_DEFINITION, t.str("taskDefinitionArn"));
    List<LogTarget> out = new ArrayList<>();
    for (Map<String, Object> c : td.map(TaskDefinitions::containers).orElse(List.of())) {
      if (!(c.get("logConfiguration") instanceof Map<?, ?> lc)
          || !"awslogs".equals(lc.get("logDriver"))
          || !(lc.get("options") instanceof Map<?, ?> options)
          || options.get("awslogs-group") == null) {
        continue;
      }
      Object prefix = options.get("awslogs-stream-prefix");
      String stream = (prefix == null ? "" : prefix + "/") + c.get("name") + "/" + t.name;
      List<?> ports = c.get("portMappings") instanceof List<?> l ? l : List.of();
      Object port = ports.isEmpty() ? null : ((Map<?, ?>) ports.get(0)).get("containerPort");
      out.add(
          new LogTarget(
              options.get("awslogs-region") instanceof String r ? r : t.region(),
              String.valueOf(options.get("awslogs-group")),
              stream,
              String.valueOf(c.get("image")),
              port,
              "true".equals(String.valueOf(options.get("awslogs-create-group")))));
    }
    return out;
  }
}
