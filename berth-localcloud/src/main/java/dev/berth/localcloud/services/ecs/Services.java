package dev.berth.localcloud.services.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** CreateService, DescribeServices, UpdateService, DeleteService, ListServices. */
final class Services {
  private static final Set<String> LIVE = Set.of("ACTIVE", "DRAINING");

  private Services() {}

  static ObjectNode create(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    String name = in.path("serviceName").asText("");
    if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
      throw Ecs.invalidParameter(
          "Service name can be up to 255 characters long and contain only letters, numbers,"
              + " hyphens and underscores.");
    }
    String arn = Ecs.arn(world, req.region(), "service/" + cluster.name + "/" + name);
    String clientToken = in.path("clientToken").asText(null);
    Optional<Res> existing = world.get(Ecs.SERVICE, Ecs.ECS_SERVICE, req.region(), arn);
    if (existing.isPresent() && LIVE.contains(existing.get().state)) {
      Res s = existing.get();
      if (clientToken != null && clientToken.equals(s.str("clientToken"))) {
        return wrap(render(world, s, true));
      }
      throw Ecs.invalidParameter("Creation of service was not idempotent.");
    }
    String tdRef = in.path("taskDefinition").asText(null);
    if (tdRef == null) {
      throw Ecs.invalidParameter("TaskDefinition must be specified.");
    }
    Res td =
        TaskDefinitions.find(world, req.region(), tdRef)
            .orElseThrow(() -> Ecs.invalidParameter("TaskDefinition not found."));
    if (!"ACTIVE".equals(td.state)) {
      throw Ecs.invalidParameter("TaskDefinition is inactive");
    }
    long desired = in.path("desiredCount").asLong(0);
    if (desired < 0) {
      throw Ecs.invalidParameter("desiredCount must be greater than or equal to 0.");
    }
    Map<String, Object> network = Ecs.toMap(in.get("networkConfiguration"));
    checkNetwork(world, req.region(), td, network);
    List<Object> loadBalancers = Ecs.toList(in.get("loadBalancers"));
    checkLoadBalancers(world, req.region(), td, loadBalancers);
    Map<String, Object> deployment = deploymentConfiguration(in.get("deploymentConfiguration"));

    Res s = new Res(Ecs.SERVICE, Ecs.ECS_SERVICE, arn);
    s.arn = arn;
    s.name = name;
    s.state = "ACTIVE";
    s.attrs.put("region", req.region());
    s.attrs.put("incarnation", world.uuid());
    s.attrs.put("clusterArn", cluster.arn);
    s.attrs.put("desiredCount", desired);
    s.attrs.put("launchType", in.path("launchType").asText("FARGATE"));
    s.attrs.put("platformVersion", in.path("platformVersion").asText("LATEST"));
    s.attrs.put("loadBalancers", loadBalancers);
    s.attrs.put("networkConfiguration", network);
    s.attrs.put("deploymentConfiguration", deployment);
    if (in.hasNonNull("healthCheckGracePeriodSeconds")) {
      s.attrs.put("healthCheckGracePeriodSeconds", in.get("healthCheckGracePeriodSeconds").asInt());
    }
    if (clientToken != null) {
      s.attrs.put("clientToken", clientToken);
    }
    s.attrs.put("propagateTags", in.path("propagateTags").asText("NONE"));
    s.attrs.put("enableECSManagedTags", in.path("enableECSManagedTags").asBoolean(false));
    s.attrs.put("events", new ArrayList<>());
    s.attrs.put("deployments", new ArrayList<>());
    s.tags.putAll(Ecs.tags(in.get("tags")));
    s.refs.add(cluster.arn);
    world.put(s);
    Deployments.start(world, s, td.arn, null);
    ObjectNode out = wrap(render(world, s, true));
    Scheduler.reconcile(world, s);
    return out;
  }

  private static void checkNetwork(
      World world, String region, Res td, Map<String, Object> network) {
    if (!"awsvpc".equals(td.str("networkMode"))) {
      return;
    }
    Object vpc = network.get("awsvpcConfiguration");
    if (!(vpc instanceof Map<?, ?> cfg)) {
      throw Ecs.invalidParameter(
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    List<?> subnets = cfg.get("subnets") instanceof List<?> l ? l : List.of();
    if (subnets.isEmpty()) {
      throw Ecs.invalidParameter("subnets can not be empty.");
    }
    for (Object subnet : subnets) {
      if (world.get("ec2", "subnet", region, String.valueOf(subnet)).isEmpty()) {
        throw Ecs.invalidParameter(
            "Error retrieving subnet information for ["
                + subnet
                + "]: The subnet ID '"
                + subnet
                + "' does not exist (Service: AmazonEC2; Status Code: 400; Error Code:"
                + " InvalidSubnetID.NotFound)");
      }
    }
    List<?> groups = cfg.get("securityGroups") instanceof List<?> l ? l : List.of();
    for (Object group : groups) {
      if (world.get("ec2", "security-group", region, String.valueOf(group)).isEmpty()) {
        throw Ecs.invalidParameter(
            "Error retrieving security group information for ["
                + group
                + "]: The security group '"
                + group
                + "' does not exist (Service: AmazonEC2; Status Code: 400; Error Code:"
                + " InvalidGroup.NotFound)");
      }
    }
  }

  private static void checkLoadBalancers(
      World world, String region, Res td, List<Object> loadBalancers) {
    for (Object o : loadBalancers) {
      Map<?, ?> lb = (Map<?, ?>) o;
      String tgArn = (String) lb.get("targetGroupArn");
      String container = (String) lb.get("containerName");
      Object port = lb.get("containerPort");
      if (tgArn == null) {
        throw Ecs.invalidParameter(
            "Load balancer name or target group ARN must be specified for the load balancer.");
      }
      Map<String, Object> c =
          TaskDefinitions.containers(td).stream()
              .filter(x -> Objects.equals(container, x.get("name")))
              .findFirst()
              .orElseThrow(
                  () ->
                      Ecs.invalidParameter(
                          "The container "
                              + container
                              + " does not exist in the task definition."));
      boolean hasPort =
          ((List<?>) c.getOrDefault("portMappings", List.of()))
              .stream().anyMatch(p -> Objects.equals(((Map<?, ?>) p).get("containerPort"), port));
      if (!hasPort) {
        throw Ecs.invalidParameter(
            "The container " + container + " did not have a container port " + port + " defined.");
      }
      boolean associated =
          world.get("elasticloadbalancing", "targetgroup", region, tgArn).isPresent()
              && world
                  .referrers(tgArn)
                  .anyMatch(
                      r ->
                          r.service.equals("elasticloadbalancing")
                              && (r.type.equals("listener") || r.type.equals("rule")));
      if (!associated) {
        throw Ecs.invalidParameter(
            "The target group with targetGroupArn "
                + tgArn
                + " does not have an associated load balancer.");
      }
    }
    if (!loadBalancers.isEmpty()) {
      checkRolesPropagated(world, td);
    }
  }

  /** ECS validates the target group by assuming the task's roles; new roles are not visible yet. */
  private static void checkRolesPropagated(World world, Res td) {
    long window = world.delayMillis("iam.propagation", Duration.ofSeconds(10));
    long now = world.nowMillis();
    for (String key : List.of("executionRoleArn", "taskRoleArn")) {
      String roleArn = td.str(key);
      if (roleArn == null) {
        continue;
      }
      boolean fresh =
          world
              .of("iam", "role")
              .filter(r -> roleArn.equals(r.arn) || roleArn.endsWith(":role/" + r.name))
              .anyMatch(r -> now - r.createdAt < window);
      if (fresh) {
        throw Ecs.invalidParameter(
            "Unable to assume role and validate the specified targetGroupArn. Please verify that"
                + " the ECS service role being passed has the proper permissions.");
      }
    }
  }

  private static Map<String, Object> deploymentConfiguration(JsonNode node) {
    Map<String, Object> cfg = Ecs.toMap(node);
    Map<String, Object> breaker = new LinkedHashMap<>();
    Map<String, Object> given =
        Ecs.toMap(node == null ? null : node.get("deploymentCircuitBreaker"));
    breaker.put("enable", Boolean.TRUE.equals(given.get("enable")));
    breaker.put("rollback", Boolean.TRUE.equals(given.get("rollback")));
    cfg.put("deploymentCircuitBreaker", breaker);
    cfg.putIfAbsent("maximumPercent", 200);
    cfg.putIfAbsent("minimumHealthyPercent", 100);
    long max = Ecs.num(cfg, "maximumPercent", 200);
    long min = Ecs.num(cfg, "minimumHealthyPercent", 100);
    if (max < 100 || min < 0 || min > 100) {
      throw Ecs.invalidParameter(
          "The maximumPercent must be at least 100 and minimumHealthyPercent between 0 and 100.");
    }
    return cfg;
  }

  static ObjectNode describe(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    List<String> refs = Ecs.strings(in.get("services"));
    if (refs.isEmpty() || refs.size() > 10) {
      throw Ecs.invalidParameter("services must contain between 1 and 10 items.");
    }
    boolean tags = Ecs.strings(in.get("include")).contains("TAGS");
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode services = out.putArray("services");
    ArrayNode failures = out.putArray("failures");
    for (String ref : refs) {
      String arn = serviceArn(world, req.region(), cluster, ref);
      Optional<Res> s = world.get(Ecs.SERVICE, Ecs.ECS_SERVICE, req.region(), arn);
      if (s.isPresent()) {
        services.add(render(world, s.get(), tags));
      } else {
        failures.addObject().put("arn", arn).put("reason", "MISSING");
      }
    }
    return out;
  }

  static ObjectNode update(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    Res s = liveService(world, req.region(), cluster, in.path("service").asText(""));
    if (!"ACTIVE".equals(s.state)) {
      throw AwsException.client("ServiceNotActiveException", "Service was not ACTIVE.");
    }
    String newTd = s.str("taskDefinition");
    if (in.hasNonNull("taskDefinition")) {
      Res td =
          TaskDefinitions.find(world, req.region(), in.get("taskDefinition").asText())
              .orElseThrow(() -> Ecs.invalidParameter("TaskDefinition not found."));
      if (!"ACTIVE".equals(td.state)) {
        throw Ecs.invalidParameter("TaskDefinition is inactive");
      }
      newTd = td.arn;
    }
    if (in.hasNonNull("desiredCount")) {
      long desired = in.get("desiredCount").asLong();
      if (desired < 0) {
        throw Ecs.invalidParameter("desiredCount must be greater than or equal to 0.");
      }
      s.attrs.put("desiredCount", desired);
    }
    if (in.hasNonNull("healthCheckGracePeriodSeconds")) {
      s.attrs.put("healthCheckGracePeriodSeconds", in.get("healthCheckGracePeriodSeconds").asInt());
    }
    boolean changed = !newTd.equals(s.str("taskDefinition"));
    if (in.hasNonNull("networkConfiguration")) {
      Map<String, Object> network = Ecs.toMap(in.get("networkConfiguration"));
      checkNetwork(
          world,
          req.region(),
          TaskDefinitions.find(world, req.region(), newTd).orElseThrow(),
          network);
      changed |= !network.equals(s.mapAttr("networkConfiguration"));
      s.attrs.put("networkConfiguration", network);
    }
    if (in.hasNonNull("deploymentConfiguration")) {
      s.attrs.put(
          "deploymentConfiguration", deploymentConfiguration(in.get("deploymentConfiguration")));
    }
    if (changed || in.path("forceNewDeployment").asBoolean(false)) {
      Deployments.start(world, s, newTd, null);
    } else {
      Deployments.primary(s)
          .ifPresent(
              d -> {
                d.put("desiredCount", s.num("desiredCount", 0));
                d.put("updatedAt", world.nowMillis());
              });
    }
    ObjectNode out = wrap(render(world, s, false));
    Scheduler.reconcile(world, s);
    return out;
  }

  static ObjectNode delete(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    Res s = liveService(world, req.region(), cluster, in.path("service").asText(""));
    if (!"ACTIVE".equals(s.state)) {
      throw AwsException.client("ServiceNotActiveException", "Service was not ACTIVE.");
    }
    boolean force = in.path("force").asBoolean(false);
    if (!force && s.num("desiredCount", 0) > 0) {
      throw Ecs.invalidParameter("The service cannot be stopped while deployments are active.");
    }
    s.state = "DRAINING";
    s.attrs.put("desiredCount", 0L);
    for (Map<String, Object> d : Deployments.all(s)) {
      d.put("desiredCount", 0);
      d.put("updatedAt", world.nowMillis());
    }
    return wrap(render(world, s, false));
  }

  static ObjectNode list(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    String launchType = in.path("launchType").asText(null);
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode arns = out.putArray("serviceArns");
    world
        .of(Ecs.SERVICE, Ecs.ECS_SERVICE)
        .filter(s -> cluster.arn.equals(s.str("clusterArn")) && LIVE.contains(s.state))
        .filter(s -> launchType == null || launchType.equals(s.str("launchType")))
        .forEach(s -> arns.add(s.arn));
    return out;
  }

  /** A service that exists (in any state) or ServiceNotFoundException. */
  static Res liveService(World world, String region, Res cluster, String ref) {
    return world
        .get(Ecs.SERVICE, Ecs.ECS_SERVICE, region, serviceArn(world, region, cluster, ref))
        .filter(s -> !"INACTIVE".equals(s.state))
        .orElseThrow(() -> AwsException.client("ServiceNotFoundException", "Service not found."));
  }

  static String serviceArn(World world, String region, Res cluster, String ref) {
    return ref.startsWith("arn:")
        ? Ecs.checkRegion(ref, region)
        : Ecs.arn(world, region, "service/" + cluster.name + "/" + ref);
  }

  private static ObjectNode wrap(ObjectNode service) {
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("service", service);
    return out;
  }

  static ObjectNode render(World world, Res s, boolean withTags) {
    List<Res> tasks = Tasks.ofService(world, s).toList();
    ObjectNode n = Ecs.JSON.createObjectNode();
    n.put("serviceArn", s.arn);
    n.put("serviceName", s.name);
    n.put("clusterArn", s.str("clusterArn"));
    n.set("loadBalancers", Ecs.JSON.valueToTree(s.listAttr("loadBalancers")));
    n.putArray("serviceRegistries");
    n.put("status", s.state);
    n.put("desiredCount", s.num("desiredCount", 0));
    n.put("runningCount", count(tasks, null, "RUNNING"));
    n.put("pendingCount", count(tasks, null, "PENDING"));
    n.put("launchType", s.str("launchType"));
    n.put("platformVersion", s.str("platformVersion"));
    n.put("platformFamily", "Linux");
    n.put("taskDefinition", s.str("taskDefinition"));
    n.set("deploymentConfiguration", Ecs.JSON.valueToTree(s.mapAttr("deploymentConfiguration")));
    ArrayNode deployments = n.putArray("deployments");
    for (Map<String, Object> d : Deployments.all(s)) {
      if (Deployments.INACTIVE.equals(d.get("status"))) {
        continue;
      }
      String id = (String) d.get("id");
      ObjectNode o = deployments.addObject();
      o.put("id", id);
      o.put("status", (String) d.get("status"));
      o.put("taskDefinition", (String) d.get("taskDefinition"));
      o.put("desiredCount", Ecs.num(d, "desiredCount", 0));
      o.put("pendingCount", count(tasks, id, "PENDING"));
      o.put("runningCount", count(tasks, id, "RUNNING"));
      o.put("failedTasks", Ecs.num(d, "failedTasks", 0));
      o.put("createdAt", Ecs.epoch(Ecs.num(d, "createdAt", 0)));
      o.put("updatedAt", Ecs.epoch(Ecs.num(d, "updatedAt", 0)));
      o.put("launchType", s.str("launchType"));
      o.put("platformVersion", "1.4.0");
      o.put("platformFamily", "Linux");
      o.set("networkConfiguration", Ecs.JSON.valueToTree(s.mapAttr("networkConfiguration")));
      o.put("rolloutState", (String) d.get("rolloutState"));
      o.put("rolloutStateReason", (String) d.get("rolloutStateReason"));
    }
    n.put(
        "roleArn",
        "arn:aws:iam::"
            + World.ACCOUNT
            + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
    ArrayNode events = n.putArray("events");
    for (Object o : s.listAttr("events")) {
      Map<?, ?> e = (Map<?, ?>) o;
      events
          .addObject()
          .put("id", String.valueOf(e.get("id")))
          .put("createdAt", Ecs.epoch(((Number) e.get("createdAt")).longValue()))
          .put("message", String.valueOf(e.get("message")));
    }
    n.put("createdAt", Ecs.epoch(s.createdAt));
    n.putArray("placementConstraints");
    n.putArray("placementStrategy");
    if (!s.mapAttr("networkConfiguration").isEmpty()) {
      n.set("networkConfiguration", Ecs.JSON.valueToTree(s.mapAttr("networkConfiguration")));
    }
    if (s.attrs.get("healthCheckGracePeriodSeconds") != null) {
      n.put("healthCheckGracePeriodSeconds", s.num("healthCheckGracePeriodSeconds", 0));
    }
    n.put("schedulingStrategy", "REPLICA");
    n.putObject("deploymentController").put("type", "ECS");
    if (withTags) {
      n.set("tags", Ecs.tagsJson(s.tags));
    }
    n.put("createdBy", "arn:aws:iam::" + World.ACCOUNT + ":root");
    n.put("enableECSManagedTags", s.bool("enableECSManagedTags"));
    n.put("propagateTags", s.str("propagateTags"));
    n.put("enableExecuteCommand", false);
    return n;
  }

  /** Tasks (of one deployment, or all) whose last status counts as running or pending. */
  private static long count(List<Res> tasks, String deploymentId, String what) {
    return tasks.stream()
        .filter(t -> deploymentId == null || deploymentId.equals(t.str("startedBy")))
        .filter(
            t ->
                what.equals("RUNNING")
                    ? "RUNNING".equals(t.str("lastStatus"))
                    : Set.of("PROVISIONING", "PENDING").contains(t.str("lastStatus")))
        .count();
  }
}
