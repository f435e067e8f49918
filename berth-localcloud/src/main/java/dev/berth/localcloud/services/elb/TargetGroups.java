package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.SERVICE;
import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target
 * group attributes. Health-check settings are attrs named after the API members in lower camel case
 * ({@code healthCheckIntervalSeconds}, …); {@code deregistration_delay.timeout_seconds} is the attr
 * {@code deregistrationDelay} that {@link Targets} reads; other attributes live in {@code
 * attributes}.
 */
final class TargetGroups {
  private static final String DELAY_KEY = "deregistration_delay.timeout_seconds";

  /** The attributes an HTTP target group of type ip reports by default, besides the delay. */
  private static final Map<String, String> DEFAULT_ATTRIBUTES = defaults();

  /** The settings compared when a create names an existing target group. */
  private static final List<String> SETTINGS =
      List.of(
          "protocol",
          "port",
          "vpcId",
          "targetType",
          "protocolVersion",
          "healthCheckProtocol",
          "healthCheckPort",
          "healthCheckEnabled",
          "healthCheckPath",
          "healthCheckIntervalSeconds",
          "healthCheckTimeoutSeconds",
          "healthyThresholdCount",
          "unhealthyThresholdCount",
          "matcher");

  private TargetGroups() {}

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("stickiness.enabled", "false");
    m.put("stickiness.type", "lb_cookie");
    m.put("stickiness.lb_cookie.duration_seconds", "86400");
    m.put("stickiness.app_cookie.cookie_name", "");
    m.put("stickiness.app_cookie.duration_seconds", "86400");
    m.put("load_balancing.algorithm.type", "round_robin");
    m.put("load_balancing.algorithm.anomaly_mitigation", "off");
    m.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    m.put("slow_start.duration_seconds", "0");
    m.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
    m.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
    return m;
  }

  static Response create(Request req, World world) {
    String name = req.param("Name");
    Elb.checkName("Target group", name, false);
    String targetType = Objects.requireNonNullElse(req.param("TargetType"), "instance");
    if (!List.of("instance", "ip", "lambda", "alb").contains(targetType)) {
      throw validation("Target type '" + targetType + "' is not valid");
    }
    String protocol = req.param("Protocol");
    Integer port = Elb.intParam(req, "Port", null);
    String vpcId = req.param("VpcId");
    if (!"lambda".equals(targetType)) {
      if (protocol == null) {
        throw validation("A protocol must be specified");
      }
      if (port == null) {
        throw validation("A port must be specified");
      }
      if (vpcId == null) {
        throw validation("A VPC ID must be specified");
      }
    }
    if (protocol != null && !List.of("HTTP", "HTTPS").contains(protocol)) {
      throw validation(
          "Protocol '" + protocol + "' is not supported by localcloud's target groups");
    }
    Elb.checkRange("port", port, 1, 65535);
    if (vpcId != null && world.get("ec2", "vpc", req.region(), vpcId).isEmpty()) {
      throw validation("The VPC ID '" + vpcId + "' is not found");
    }

    Res tg = new Res(SERVICE, Elb.TG, null);
    tg.name = name;
    tg.attrs.put("protocol", protocol);
    tg.attrs.put("port", port);
    tg.attrs.put("vpcId", vpcId);
    tg.attrs.put("targetType", targetType);
    tg.attrs.put(
        "protocolVersion", Objects.requireNonNullElse(req.param("ProtocolVersion"), "HTTP1"));
    tg.attrs.put("ipAddressType", Objects.requireNonNullElse(req.param("IpAddressType"), "ipv4"));
    tg.attrs.put("healthCheckProtocol", protocol);
    tg.attrs.put("healthCheckPort", "traffic-port");
    tg.attrs.put("healthCheckEnabled", true);
    tg.attrs.put("healthCheckPath", "/");
    tg.attrs.put("healthCheckIntervalSeconds", 30);
    tg.attrs.put("healthCheckTimeoutSeconds", 5);
    tg.attrs.put("healthyThresholdCount", 5);
    tg.attrs.put("unhealthyThresholdCount", 2);
    tg.attrs.put("matcher", "200");
    applyHealthCheck(req, tg);

    var existing =
        world.of(SERVICE, Elb.TG, req.region()).filter(t -> t.name.equals(name)).findFirst();
    if (existing.isPresent()) {
      Res old = existing.get();
      if (!SETTINGS.stream().allMatch(k -> Objects.equals(old.str(k), tg.str(k)))) {
        throw error(
            "DuplicateTargetGroupName",
            "A target group with the same name '" + name + "' exists, but with different settings");
      }
      return describeResponse("CreateTargetGroup", world, List.of(old), null);
    }
    tg.arn = world.arn(SERVICE, req.region(), "targetgroup/" + name + "/" + world.newId("", 16));
    tg.id = tg.arn;
    tg.state = "active";
    tg.attrs.put("region", req.region());
    tg.tags.putAll(Elb.tagsParam(req));
    tg.attrs.put("deregistrationDelay", 300);
    tg.attrs.put("attributes", new LinkedHashMap<>(DEFAULT_ATTRIBUTES));
    tg.attrs.put("targets", new ArrayList<>());
    if (vpcId != null) {
      tg.refs.add(vpcId);
    }
    world.put(tg);
    return describeResponse("CreateTargetGroup", world, List.of(tg), null);
  }

  /** Reads the health-check members of CreateTargetGroup / ModifyTargetGroup into attrs. */
  private static void applyHealthCheck(Request req, Res tg) {
    setString(req, tg, "HealthCheckProtocol", "healthCheckProtocol");
    setString(req, tg, "HealthCheckPort", "healthCheckPort");
    setString(req, tg, "HealthCheckPath", "healthCheckPath");
    setString(req, tg, "Matcher.HttpCode", "matcher");
    if (req.param("HealthCheckEnabled") != null) {
      tg.attrs.put("healthCheckEnabled", Boolean.parseBoolean(req.param("HealthCheckEnabled")));
    }
    setInt(req, tg, "HealthCheckIntervalSeconds", "healthCheckIntervalSeconds", 5, 300);
    setInt(req, tg, "HealthCheckTimeoutSeconds", "healthCheckTimeoutSeconds", 2, 120);
    setInt(req, tg, "HealthyThresholdCount", "healthyThresholdCount", 2, 10);
    setInt(req, tg, "UnhealthyThresholdCount", "unhealthyThresholdCount", 2, 10);
    String path = tg.str("healthCheckPath");
    if (path == null || !path.startsWith("/")) {
      throw validation("Health check path '" + path + "' must begin with a '/' character");
    }
    long timeout = tg.num("healthCheckTimeoutSeconds", 5);
    long interval = tg.num("healthCheckIntervalSeconds", 30);
    if (timeout >= interval) {
      throw validation(
          "Health check timeout '"
              + timeout
              + "' must be smaller than the interval '"
              + interval
              + "'");
    }
  }

  private static void setString(Request req, Res tg, String param, String attr) {
    String v = req.param(param);
    if (v != null && !v.isEmpty()) {
      tg.attrs.put(attr, v);
    }
  }

  private static void setInt(Request req, Res tg, String param, String attr, int min, int max) {
    Integer v = Elb.intParam(req, param, null);
    if (v != null) {
      Elb.checkRange(Character.toLowerCase(param.charAt(0)) + param.substring(1), v, min, max);
      tg.attrs.put(attr, v);
    }
  }

  /** Load balancers whose listeners or rules forward to the target group. */
  static List<String> loadBalancerArns(World world, Res tg) {
    Set<String> arns = new LinkedHashSet<>();
    world
        .referrers(tg.arn)
        .forEach(
            r -> {
              if (r.service.equals(SERVICE) && r.type.equals(Elb.LISTENER)) {
                arns.add(r.str("loadBalancerArn"));
              } else if (r.service.equals(SERVICE) && r.type.equals(Elb.RULE)) {
                world
                    .get(SERVICE, Elb.LISTENER, r.str("listenerArn"))
                    .ifPresent(l -> arns.add(l.str("loadBalancerArn")));
              }
            });
    return new ArrayList<>(arns);
  }

  static Response describe(Request req, World world) {
    List<String> arns = req.list("TargetGroupArns.member");
    List<String> names = req.list("Names.member");
    String lbArn = req.param("LoadBalancerArn");
    List<Res> found;
    if (lbArn != null && !lbArn.isEmpty()) {
      Elb.lb(world, req.region(), lbArn);
      found =
          world
              .of(SERVICE, Elb.TG, req.region())
              .filter(t -> loadBalancerArns(world, t).contains(lbArn))
              .toList();
    } else if (!arns.isEmpty()) {
      found = new ArrayList<>();
      for (String arn : arns) {
        Elb.checkArn(arn, "targetgroup", "target group", req.region());
        world.get(SERVICE, Elb.TG, req.region(), arn).ifPresent(found::add);
      }
      if (found.size() < new LinkedHashSet<>(arns).size()) {
        throw error("TargetGroupNotFound", "One or more target groups not found");
      }
    } else if (!names.isEmpty()) {
      found = world.of(SERVICE, Elb.TG, req.region()).filter(t -> names.contains(t.name)).toList();
      if (found.size() < new LinkedHashSet<>(names).size()) {
        throw error("TargetGroupNotFound", "One or more target groups not found");
      }
    } else {
      found = world.of(SERVICE, Elb.TG, req.region()).toList();
    }
    Elb.Page page = Elb.page(req, found);
    return describeResponse("DescribeTargetGroups", world, page.items(), page.nextMarker());
  }

  private static Response describeResponse(
      String action, World world, List<Res> tgs, String nextMarker) {
    return ElbXml.respond(
        action,
        world,
        x -> {
          ElbXml.members(
              x, "TargetGroups", tgs, t -> ElbXml.targetGroup(x, t, loadBalancerArns(world, t)));
          x.leaf("NextMarker", nextMarker);
        });
  }

  static Response modify(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    Res copy = new Res(tg.service, tg.type, tg.id);
    copy.attrs.putAll(tg.attrs);
    applyHealthCheck(req, copy);
    tg.attrs.putAll(copy.attrs);
    return describeResponse("ModifyTargetGroup", world, List.of(tg), null);
  }

  static Response delete(Request req, World world) {
    String arn = req.required("TargetGroupArn");
    Elb.checkArn(arn, "targetgroup", "target group", req.region());
    world
        .get(SERVICE, Elb.TG, req.region(), arn)
        .ifPresent(
            tg -> {
              boolean used =
                  world
                      .referrers(arn)
                      .anyMatch(
                          r ->
                              r.service.equals(SERVICE)
                                  && (r.type.equals(Elb.LISTENER) || r.type.equals(Elb.RULE)));
              if (used) {
                throw error(
                    "ResourceInUse",
                    "Target group '" + arn + "' is currently in use by a listener or a rule");
              }
              world.remove(tg);
            });
    return ElbXml.respond("DeleteTargetGroup", world, x -> {});
  }

  static Response describeAttributes(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    return attributesResponse("DescribeTargetGroupAttributes", world, tg);
  }

  static Response modifyAttributes(Request req, World world) {
    Res tg = Elb.tg(world, req.region(), req.required("TargetGroupArn"));
    List<Map<String, String>> changes = req.structs("Attributes.member");
    if (changes.isEmpty()) {
      throw validation("At least one attribute must be specified");
    }
    Map<String, Object> attributes = new LinkedHashMap<>(tg.mapAttr("attributes"));
    Long delay = null;
    for (Map<String, String> a : changes) {
      String key = a.get("Key");
      String value = a.getOrDefault("Value", "");
      if (DELAY_KEY.equals(key)) {
        long d;
        try {
          d = Long.parseLong(value);
        } catch (NumberFormatException e) {
          d = -1;
        }
        if (d < 0 || d > 3600) {
          throw validation(
              "'" + value + "' is not a valid value for " + DELAY_KEY + ": it must be 0 to 3600");
        }
        delay = d;
      } else if (DEFAULT_ATTRIBUTES.containsKey(key)) {
        if (key.equals("stickiness.enabled") && !value.equals("true") && !value.equals("false")) {
          throw validation("'" + value + "' is not a valid value for stickiness.enabled");
        }
        attributes.put(key, value);
      } else {
        throw validation("Target group attribute key '" + key + "' is not recognized");
      }
    }
    if (delay != null) {
      tg.attrs.put("deregistrationDelay", delay);
    }
    tg.attrs.put("attributes", attributes);
    return attributesResponse("ModifyTargetGroupAttributes", world, tg);
  }

  private static Response attributesResponse(String action, World world, Res tg) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(DELAY_KEY, String.valueOf(tg.num("deregistrationDelay", 300)));
    all.putAll(DEFAULT_ATTRIBUTES);
    all.putAll(tg.mapAttr("attributes"));
    return ElbXml.respond(
        action,
        world,
        x ->
            ElbXml.members(
                x,
                "Attributes",
                new ArrayList<>(all.entrySet()),
                e -> x.leaf("Key", e.getKey()).leaf("Value", e.getValue())));
  }
}
