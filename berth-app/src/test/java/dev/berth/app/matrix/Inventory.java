package dev.berth.app.matrix;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What localcloud holds, read straight from its world, and what counts as left behind: anything
 * that was not there before the first deploy and is still alive. Not alive: Route 53 change
 * records, deregistered task definitions, stopped tasks, inactive services and clusters, secrets
 * scheduled for deletion, tasks being stopped and their network interfaces, network interfaces on
 * their way out. The ECS service-linked role is kept on purpose (berth ensures it and never deletes
 * it).
 */
final class Inventory {
  /** One resource, as the inventory shows it. */
  record Item(String service, String type, String id, String name, String state) {
    String kind() {
      return service + "/" + type;
    }

    @Override
    public String toString() {
      return kind() + " " + (name != null ? name : id) + (state != null ? " (" + state + ")" : "");
    }
  }

  private Inventory() {}

  /** Keys of every resource now in the world. */
  static Set<String> keys(World world) {
    synchronized (world) {
      world.collectExpired();
      return world.all().map(Res::key).collect(Collectors.toSet());
    }
  }

  /** Live resources that are not in {@code baseline}, plus DNS records added to baseline zones. */
  static List<Item> live(World world, Set<String> baseline) {
    List<Item> out = new ArrayList<>();
    synchronized (world) {
      world.collectExpired();
      Set<String> stoppingEnis =
          world
              .of("ecs", "task")
              .filter(t -> !running(t))
              .map(t -> String.valueOf(t.attrs.get("eniId")))
              .collect(Collectors.toSet());
      world
          .all()
          .forEach(
              r -> {
                if (baseline.contains(r.key())) {
                  if (r.service.equals("route53") && r.type.equals("hostedzone")) {
                    zoneRecords(r, out);
                  }
                } else if (alive(r) && !stoppingEnis.contains(r.id)) {
                  out.add(new Item(r.service, r.type, r.id, r.name, r.state));
                }
              });
    }
    return out;
  }

  /** How many live resources of each kind. */
  static Map<String, Long> countByKind(List<Item> items) {
    return items.stream()
        .collect(Collectors.groupingBy(Item::kind, TreeMap::new, Collectors.counting()));
  }

  private static void zoneRecords(Res zone, List<Item> out) {
    if (!(zone.attrs.get("records") instanceof List<?> records)) {
      return;
    }
    for (Object o : records) {
      if (o instanceof Map<?, ?> rec) {
        String type = String.valueOf(rec.get("type"));
        if (!type.equals("NS") && !type.equals("SOA")) {
          out.add(new Item("route53", "record", zone.id, rec.get("name") + " " + type, null));
        }
      }
    }
  }

  /** A task not on its way out: ECS stops old tasks after a rollout on its own time. */
  private static boolean running(Res task) {
    return !"STOPPED".equals(task.attrs.get("desiredStatus"))
        && !"STOPPED".equals(task.attrs.get("lastStatus"));
  }

  private static boolean alive(Res r) {
    String kind = r.service + "/" + r.type;
    String state = r.state == null ? "" : r.state;
    return switch (kind) {
      case "route53/change" -> false;
      case "iam/role" -> !String.valueOf(r.attrs.get("path")).startsWith("/aws-service-role/");
      case "ecs/taskdefinition", "ecs/service", "ecs/cluster" -> !state.equals("INACTIVE");
      case "ecs/task" -> running(r);
      case "secretsmanager/secret" -> r.attrs.get("deletedAt") == null;
      case "ec2/network-interface" -> r.expiresAt == null;
      default -> true;
    };
  }
}
