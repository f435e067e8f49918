package dev.berth.localcloud.services.ecs;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's deployments ({@code attrs.deployments}, newest first, each a map with {@code id,
 * status, taskDefinition, desiredCount, failedTasks, rolloutState, rolloutStateReason, createdAt,
 * updatedAt}) and events ({@code attrs.events}, newest first).
 */
final class Deployments {
  static final String PRIMARY = "PRIMARY";
  static final String ACTIVE = "ACTIVE";
  static final String INACTIVE = "INACTIVE";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";
  static final String FAILED = "FAILED";
  private static final int MAX_EVENTS = 100;

  private Deployments() {}

  static List<Map<String, Object>> all(Res service) {
    return Ecs.maps(service, "deployments");
  }

  static Optional<Map<String, Object>> primary(Res service) {
    return all(service).stream().filter(d -> PRIMARY.equals(d.get("status"))).findFirst();
  }

  static Optional<Map<String, Object>> byId(Res service, String id) {
    return all(service).stream().filter(d -> id.equals(d.get("id"))).findFirst();
  }

  /**
   * Starts a new PRIMARY deployment; the previous PRIMARY becomes ACTIVE (its tasks keep running
   * until the new one is healthy).
   */
  static Map<String, Object> start(World world, Res service, String taskDefinition, String reason) {
    long now = world.nowMillis();
    List<Object> list = new ArrayList<>();
    for (Map<String, Object> d : all(service)) {
      if (PRIMARY.equals(d.get("status"))) {
        d.put("status", ACTIVE);
        d.put("updatedAt", now);
      }
      list.add(d);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    String id = newId(world);
    d.put("id", id);
    d.put("status", PRIMARY);
    d.put("taskDefinition", taskDefinition);
    d.put("desiredCount", service.num("desiredCount", 0));
    d.put("failedTasks", 0);
    d.put("createdAt", now);
    d.put("updatedAt", now);
    d.put("rolloutState", IN_PROGRESS);
    d.put("rolloutStateReason", reason != null ? reason : "ECS deployment " + id + " in progress.");
    list.add(0, d);
    service.attrs.put("deployments", list);
    service.attrs.put("taskDefinition", taskDefinition);
    return d;
  }

  static void event(World world, Res service, String message) {
    List<Object> events = new ArrayList<>(service.listAttr("events"));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", world.uuid());
    e.put("createdAt", world.nowMillis());
    e.put("message", "(service " + service.name + ") " + message);
    events.add(0, e);
    while (events.size() > MAX_EVENTS) {
      events.remove(events.size() - 1);
    }
    service.attrs.put("events", events);
  }

  /** The circuit breaker's failure threshold: half the desired count, at least 3, at most 200. */
  static long failureThreshold(long desired) {
    return Math.min(200, Math.max(3, (desired + 1) / 2));
  }

  private static String newId(World world) {
    StringBuilder sb = new StringBuilder("ecs-svc/");
    sb.append(1 + world.random().nextInt(9));
    while (sb.length() < "ecs-svc/".length() + 19) {
      sb.append(world.random().nextInt(10));
    }
    return sb.toString();
  }
}
