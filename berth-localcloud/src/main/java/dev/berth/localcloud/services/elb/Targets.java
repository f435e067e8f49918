package dev.berth.localcloud.services.elb;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets registered with a target group ({@code elasticloadbalancing/targetgroup} attr {@code
 * targets}): ECS registers and deregisters task IPs here, DescribeTargetHealth reads them. Each
 * entry: {@code id, port, registeredAt, healthyAt, failing, drainUntil}. A target is {@code
 * initial} until {@code healthyAt}, then {@code healthy} (or {@code unhealthy} when {@code
 * failing}); {@code draining} until {@code drainUntil}, then gone.
 */
public final class Targets {
  private Targets() {}

  public static void register(World world, Res tg, String ip, int port, boolean failing) {
    long interval = tg.num("healthCheckIntervalSeconds", 30);
    long threshold =
        failing ? tg.num("unhealthyThresholdCount", 2) : tg.num("healthyThresholdCount", 5);
    long now = world.nowMillis();
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", ip);
    t.put("port", port);
    t.put("registeredAt", now);
    t.put(
        "healthyAt",
        now + world.delayMillis("elb.health", Duration.ofSeconds(interval * threshold)));
    t.put("failing", failing);
    List<Object> list = new ArrayList<>(tg.listAttr("targets"));
    list.removeIf(o -> ip.equals(((Map<?, ?>) o).get("id")));
    list.add(t);
    tg.attrs.put("targets", list);
  }

  public static void deregister(World world, Res tg, String ip) {
    long delay = tg.num("deregistrationDelay", 300);
    List<Object> list = new ArrayList<>();
    for (Object o : tg.listAttr("targets")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) o);
      if (ip.equals(t.get("id")) && !t.containsKey("drainUntil")) {
        t.put(
            "drainUntil",
            world.nowMillis() + world.delayMillis("elb.deregistration", Duration.ofSeconds(delay)));
      }
      list.add(t);
    }
    tg.attrs.put("targets", list);
  }

  /** The live targets with their current state; drained ones are dropped from the group. */
  public static List<Map<String, Object>> current(World world, Res tg) {
    long now = world.nowMillis();
    List<Object> kept = new ArrayList<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : tg.listAttr("targets")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) o;
      Object drain = t.get("drainUntil");
      if (drain instanceof Number n && n.longValue() <= now) {
        continue;
      }
      kept.add(t);
      Map<String, Object> view = new LinkedHashMap<>(t);
      String state;
      if (drain != null) {
        state = "draining";
      } else if (((Number) t.get("healthyAt")).longValue() > now) {
        state = "initial";
      } else {
        state = Boolean.TRUE.equals(t.get("failing")) ? "unhealthy" : "healthy";
      }
      view.put("state", state);
      out.add(view);
    }
    tg.attrs.put("targets", kept);
    return out;
  }

  /** Whether the target with this IP is currently healthy. */
  public static boolean healthy(World world, Res tg, String ip) {
    return current(world, tg).stream()
        .anyMatch(t -> ip.equals(t.get("id")) && "healthy".equals(t.get("state")));
  }
}
