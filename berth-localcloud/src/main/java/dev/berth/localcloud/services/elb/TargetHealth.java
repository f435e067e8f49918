package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** RegisterTargets, DeregisterTargets and DescribeTargetHealth, on top of {@link Targets}. */
final class TargetHealth {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

  private TargetHealth() {}

  private record Target(String id, int port) {}

  private static List<Target> targets(Request req, Res tg) {
    List<Map<String, String>> raw = req.structs("Targets.member");
    if (raw.isEmpty()) {
      throw validation("At least one target must be specified");
    }
    List<Target> out = new ArrayList<>();
    for (Map<String, String> t : raw) {
      String id = t.get("Id");
      if (id == null || id.isEmpty()) {
        throw validation("A target ID must be specified");
      }
      if ("ip".equals(tg.str("targetType")) && !IPV4.matcher(id).matches()) {
        throw validation("The IP address '" + id + "' is not a valid IPv4 address");
      }
      String port = t.get("Port");
      int p = port == null ? (int) tg.num("port", 80) : Integer.parseInt(port);
      Elb.checkRange("port", p, 1, 65535);
      out.add(new Target(id, p));
    }
    return out;
  }

  static Response register(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    for (Target t : targets(req, tg)) {
      Targets.register(world, tg, t.id(), t.port(), false);
    }
    return ElbXml.respond("RegisterTargets", world, x -> {});
  }

  static Response deregister(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    for (Target t : targets(req, tg)) {
      Targets.deregister(world, tg, t.id());
    }
    return ElbXml.respond("DeregisterTargets", world, x -> {});
  }

  static Response describe(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    List<Map<String, Object>> current = Targets.current(world, tg);
    boolean inUse = !TargetGroups.loadBalancerArns(world, tg).isEmpty();
    List<Map<String, Object>> shown = new ArrayList<>();
    if (req.structs("Targets.member").isEmpty()) {
      shown.addAll(current);
    } else {
      for (Target t : targets(req, tg)) {
        shown.add(
            current.stream()
                .filter(c -> t.id().equals(c.get("id")))
                .findFirst()
                .orElse(Map.of("id", t.id(), "port", t.port(), "state", "unregistered")));
      }
    }
    return ElbXml.respond(
        "DescribeTargetHealth",
        world,
        x ->
            ElbXml.members(
                x, "TargetHealthDescriptions", shown, t -> description(x, tg, t, inUse)));
  }

  private static void description(Xml x, Res tg, Map<String, Object> t, boolean inUse) {
    String port = String.valueOf(t.get("port"));
    x.open("Target").leaf("Id", t.get("id")).leaf("Port", port).close();
    String hcPort = tg.str("healthCheckPort");
    x.leaf("HealthCheckPort", "traffic-port".equals(hcPort) ? port : hcPort);
    String state = (String) t.get("state");
    if (!inUse && !state.equals("draining") && !state.equals("unregistered")) {
      state = "unused";
    }
    String[] health =
        switch (state) {
          case "unregistered" ->
              new String[] {
                "unused", "Target.NotRegistered", "Target is not registered to the target group"
              };
          case "draining" ->
              new String[] {
                "draining",
                "Target.DeregistrationInProgress",
                "Target deregistration is in progress"
              };
          case "unused" ->
              new String[] {
                "unused",
                "Target.NotInUse",
                "Target group is not configured to receive traffic from the load balancer"
              };
          case "initial" ->
              new String[] {
                "initial", "Elb.RegistrationInProgress", "Target registration is in progress"
              };
          case "unhealthy" ->
              new String[] {
                "unhealthy",
                "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [502]"
              };
          default -> new String[] {"healthy", null, null};
        };
    x.open("TargetHealth")
        .leaf("State", health[0])
        .leaf("Reason", health[1])
        .leaf("Description", health[2])
        .close();
  }
}
