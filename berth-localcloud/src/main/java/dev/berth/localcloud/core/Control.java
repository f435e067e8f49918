package dev.berth.localcloud.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.LocalCloud;
import java.util.LinkedHashMap;
import java.util.Map;

/** The control API under {@code /_localcloud}: inventory, faults, throttling, zones, calls. */
final class Control {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final World world;
  private final Faults faults;
  private final Runnable save;

  Control(World world, Faults faults, Runnable save) {
    this.world = world;
    this.faults = faults;
    this.save = save;
  }

  Response handle(Request req) {
    String route = req.method() + " " + req.path().replaceAll("/+$", "");
    try {
      synchronized (world) {
        return switch (route) {
          case "GET /_localcloud/inventory" -> Response.json(200, inventory().toString());
          case "GET /_localcloud/calls" ->
              Response.json(200, JSON.writeValueAsString(Map.of("calls", world.calls())));
          case "POST /_localcloud/faults" -> {
            Faults.Rule r = JSON.readValue(req.body(), Faults.Rule.class);
            if (r.action == null) {
              yield Response.json(400, "{\"error\":\"action is required\"}");
            }
            faults.add(r);
            yield Response.json(200, "{}");
          }
          case "DELETE /_localcloud/faults" -> {
            faults.clear();
            yield Response.json(200, "{}");
          }
          case "POST /_localcloud/throttle" -> {
            JsonNode b = req.json();
            faults.throttle(
                b.path("probability").asDouble(0), b.has("seed") ? b.get("seed").asLong() : null);
            yield Response.json(200, "{}");
          }
          case "POST /_localcloud/reset" -> {
            world.reset();
            faults.clear();
            save.run();
            yield Response.json(200, "{}");
          }
          case "POST /_localcloud/cloudflare/zones" -> {
            Res z =
                LocalCloud.createCloudflareZone(
                    world, req.json().path("name").asText(), req.json().path("token").asText(null));
            save.run();
            yield Response.json(200, JSON.writeValueAsString(Map.of("id", z.id, "name", z.name)));
          }
          case "POST /_localcloud/route53/zones" -> {
            Res z = LocalCloud.createRoute53Zone(world, req.json().path("name").asText());
            save.run();
            yield Response.json(200, JSON.writeValueAsString(Map.of("id", z.id, "name", z.name)));
          }
          default -> Response.json(404, "{\"error\":\"no such control route: " + route + "\"}");
        };
      }
    } catch (java.io.IOException e) {
      return Response.json(400, "{\"error\":\"bad JSON body\"}");
    }
  }

  private ObjectNode inventory() {
    world.collectExpired();
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("resources");
    world
        .all()
        .forEach(
            r -> {
              ObjectNode n = list.addObject();
              n.put("service", r.service);
              n.put("type", r.type);
              n.put("id", r.id);
              n.put("arn", r.arn);
              n.put("name", r.name);
              n.put("state", r.state);
              n.put("region", r.region());
              n.set("tags", JSON.valueToTree(new LinkedHashMap<>(r.tags)));
              n.set("attributes", JSON.valueToTree(publicAttrs(r)));
            });
    return root;
  }

  /** Attributes shown in the inventory; Cloudflare tokens and secret values are not. */
  private static Map<String, Object> publicAttrs(Res r) {
    Map<String, Object> m = new LinkedHashMap<>(r.attrs);
    m.keySet().removeIf(k -> k.equals("token") || k.startsWith("secret"));
    return m;
  }
}
