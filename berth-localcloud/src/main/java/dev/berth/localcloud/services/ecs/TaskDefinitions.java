package dev.berth.localcloud.services.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RegisterTaskDefinition, DescribeTaskDefinition, DeregisterTaskDefinition, ListTaskDefinitions.
 */
final class TaskDefinitions {
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private TaskDefinitions() {}

  static ObjectNode register(Request req, World world) {
    JsonNode in = req.json();
    String family = in.path("family").asText("");
    if (!FAMILY.matcher(family).matches()) {
      throw Ecs.clientException(
          "Family name can be up to 255 characters long and contain only letters, numbers,"
              + " hyphens and underscores.");
    }
    List<Object> containers = Ecs.toList(in.get("containerDefinitions"));
    if (containers.isEmpty()) {
      throw Ecs.clientException("Container list cannot be empty.");
    }
    Set<String> requires = new LinkedHashSet<>(Ecs.strings(in.get("requiresCompatibilities")));
    String networkMode = in.path("networkMode").asText(null);
    String executionRole = in.path("executionRoleArn").asText(null);
    String cpu = FargateSizes.normaliseCpu(in.path("cpu").asText(null));
    String memory = FargateSizes.normaliseMemory(in.path("memory").asText(null));
    boolean fargate = requires.contains("FARGATE");
    if (fargate) {
      if (!"awsvpc".equals(networkMode)) {
        throw Ecs.clientException("Fargate only supports network mode \u2018awsvpc\u2019.");
      }
      if (cpu == null) {
        throw Ecs.clientException("Fargate requires that 'cpu' be defined at the task level.");
      }
      if (memory == null) {
        throw Ecs.clientException("Fargate requires that 'memory' be defined at the task level.");
      }
      FargateSizes.check(cpu, memory);
    }
    Set<String> names = new HashSet<>();
    List<Object> normalised = new ArrayList<>();
    Set<String> attributes = new LinkedHashSet<>();
    for (Object o : containers) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) o);
      normalised.add(container(c, networkMode, fargate, executionRole, names, attributes));
    }
    int revision =
        world
                .of(Ecs.SERVICE, Ecs.TASK_DEFINITION, req.region())
                .filter(t -> family.equals(t.name))
                .mapToInt(t -> (int) t.num("revision", 0))
                .max()
                .orElse(0)
            + 1;
    Res td =
        new Res(
            Ecs.SERVICE,
            Ecs.TASK_DEFINITION,
            Ecs.arn(world, req.region(), "task-definition/" + family + ":" + revision));
    td.arn = td.id;
    td.name = family;
    td.state = "ACTIVE";
    td.attrs.put("region", req.region());
    td.attrs.put("family", family);
    td.attrs.put("revision", revision);
    td.attrs.put("containerDefinitions", normalised);
    putIfNotNull(td, "taskRoleArn", in.path("taskRoleArn").asText(null));
    putIfNotNull(td, "executionRoleArn", executionRole);
    td.attrs.put("networkMode", networkMode == null ? "bridge" : networkMode);
    td.attrs.put("requiresCompatibilities", new ArrayList<>(requires));
    putIfNotNull(td, "cpu", cpu);
    putIfNotNull(td, "memory", memory);
    td.attrs.put("requiresAttributes", new ArrayList<>(attributes));
    td.attrs.put("registeredBy", "arn:aws:iam::" + World.ACCOUNT + ":root");
    td.tags.putAll(Ecs.tags(in.get("tags")));
    if (td.str("executionRoleArn") != null) {
      td.refs.add(td.str("executionRoleArn"));
    }
    if (td.str("taskRoleArn") != null) {
      td.refs.add(td.str("taskRoleArn"));
    }
    world.put(td);
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("taskDefinition", render(td));
    if (!td.tags.isEmpty()) {
      out.set("tags", Ecs.tagsJson(td.tags));
    }
    return out;
  }

  private static Map<String, Object> container(
      Map<String, Object> c,
      String networkMode,
      boolean fargate,
      String executionRole,
      Set<String> names,
      Set<String> attributes) {
    String name = Ecs.str(c, "name");
    if (name == null || name.isEmpty()) {
      throw Ecs.clientException("Container.name should not be null or empty.");
    }
    if (Ecs.str(c, "image") == null || Ecs.str(c, "image").isEmpty()) {
      throw Ecs.clientException("Container.image should not be null or empty.");
    }
    if (!names.add(name)) {
      throw Ecs.clientException("Duplicate container names are not allowed.");
    }
    List<Object> ports = new ArrayList<>();
    for (Object p : (List<?>) c.getOrDefault("portMappings", List.of())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> pm = new LinkedHashMap<>((Map<String, Object>) p);
      Object containerPort = pm.get("containerPort");
      if (!(containerPort instanceof Number)) {
        throw Ecs.clientException("Container port must be specified in port mappings.");
      }
      if ("awsvpc".equals(networkMode)) {
        Object host = pm.get("hostPort");
        if (host != null && !host.equals(containerPort)) {
          throw Ecs.clientException(
              "When networkMode=awsvpc, the host ports and container ports in port mappings must"
                  + " match.");
        }
        pm.put("hostPort", containerPort);
      }
      pm.putIfAbsent("protocol", "tcp");
      ports.add(pm);
    }
    c.put("portMappings", ports);
    c.putIfAbsent("cpu", 0);
    c.putIfAbsent("essential", true);
    c.putIfAbsent("environment", new ArrayList<>());
    c.putIfAbsent("mountPoints", new ArrayList<>());
    c.putIfAbsent("volumesFrom", new ArrayList<>());
    if (c.get("secrets") instanceof List<?> s && !s.isEmpty()) {
      if (executionRole == null) {
        throw Ecs.clientException(
            "When you are specifying container secrets, you must also specify a value for"
                + " 'executionRoleArn'.");
      }
      attributes.add("ecs.capability.secrets.asm.environment-variables");
    }
    if (c.get("repositoryCredentials") instanceof Map<?, ?> rc) {
      if (rc.get("credentialsParameter") == null) {
        throw Ecs.clientException("repositoryCredentials.credentialsParameter is required.");
      }
      attributes.add("com.amazonaws.ecs.capability.ecr-auth");
      attributes.add("ecs.capability.private-registry-authentication.secretsmanager");
    }
    if (c.get("logConfiguration") instanceof Map<?, ?> lc
        && "awslogs".equals(lc.get("logDriver"))) {
      Map<?, ?> options = lc.get("options") instanceof Map<?, ?> m ? m : Map.of();
      if (fargate && executionRole == null) {
        throw Ecs.clientException(
            "Fargate requires task definition to have execution role ARN to support log driver"
                + " awslogs.");
      }
      if (fargate && options.get("awslogs-stream-prefix") == null) {
        throw Ecs.clientException(
            "Log driver awslogs option 'awslogs-stream-prefix' should not be null or empty.");
      }
      attributes.add("com.amazonaws.ecs.capability.logging-driver.awslogs");
      attributes.add("ecs.capability.execution-role-awslogs");
    }
    if ("awsvpc".equals(networkMode)) {
      attributes.add("ecs.capability.task-eni");
    }
    attributes.add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
    return c;
  }

  static ObjectNode describe(Request req, World world) {
    JsonNode in = req.json();
    Res td =
        find(world, req.region(), in.path("taskDefinition").asText(""))
            .orElseThrow(() -> Ecs.clientException("Unable to describe task definition."));
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("taskDefinition", render(td));
    if (Ecs.strings(in.get("include")).contains("TAGS")) {
      out.set("tags", Ecs.tagsJson(td.tags));
    }
    return out;
  }

  static ObjectNode deregister(Request req, World world) {
    String ref = req.json().path("taskDefinition").asText("");
    if (!ref.contains(":")) {
      throw Ecs.clientException("Invalid revision number. Number: " + ref);
    }
    Res td =
        find(world, req.region(), ref)
            .orElseThrow(
                () -> Ecs.clientException("The specified task definition does not exist."));
    if ("ACTIVE".equals(td.state)) {
      td.state = "INACTIVE";
      td.attrs.put("deregisteredAt", world.nowMillis());
    }
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("taskDefinition", render(td));
    return out;
  }

  static ObjectNode list(Request req, World world) {
    JsonNode in = req.json();
    String prefix = in.path("familyPrefix").asText(null);
    String status = in.path("status").asText("ACTIVE");
    Comparator<Res> order =
        Comparator.<Res, String>comparing(t -> t.name).thenComparingLong(t -> t.num("revision", 0));
    if ("DESC".equals(in.path("sort").asText("ASC"))) {
      order = order.reversed();
    }
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode arns = out.putArray("taskDefinitionArns");
    world
        .of(Ecs.SERVICE, Ecs.TASK_DEFINITION, req.region())
        .filter(t -> prefix == null || t.name.equals(prefix))
        .filter(t -> status.equals(t.state))
        .sorted(order)
        .forEach(t -> arns.add(t.arn));
    return out;
  }

  /**
   * A task definition by ARN, {@code family:revision}, or {@code family} (its latest ACTIVE
   * revision).
   */
  static Optional<Res> find(World world, String region, String ref) {
    if (ref.startsWith("arn:")) {
      return world.get(Ecs.SERVICE, Ecs.TASK_DEFINITION, region, Ecs.checkRegion(ref, region));
    }
    if (ref.contains(":")) {
      return world.get(
          Ecs.SERVICE,
          Ecs.TASK_DEFINITION,
          region,
          Ecs.arn(world, region, "task-definition/" + ref));
    }
    return world
        .of(Ecs.SERVICE, Ecs.TASK_DEFINITION, region)
        .filter(t -> ref.equals(t.name) && "ACTIVE".equals(t.state))
        .max(Comparator.comparingLong(t -> t.num("revision", 0)));
  }

  static ObjectNode render(Res td) {
    ObjectNode n = Ecs.JSON.createObjectNode();
    n.put("taskDefinitionArn", td.arn);
    n.set("containerDefinitions", Ecs.JSON.valueToTree(td.listAttr("containerDefinitions")));
    n.put("family", td.name);
    if (td.str("taskRoleArn") != null) {
      n.put("taskRoleArn", td.str("taskRoleArn"));
    }
    if (td.str("executionRoleArn") != null) {
      n.put("executionRoleArn", td.str("executionRoleArn"));
    }
    n.put("networkMode", td.str("networkMode"));
    n.put("revision", td.num("revision", 1));
    n.putArray("volumes");
    n.put("status", td.state);
    ArrayNode attrs = n.putArray("requiresAttributes");
    td.listAttr("requiresAttributes").forEach(a -> attrs.addObject().put("name", a.toString()));
    n.putArray("placementConstraints");
    ArrayNode compat = n.putArray("compatibilities");
    compat.add("EC2");
    if ("awsvpc".equals(td.str("networkMode"))) {
      compat.add("FARGATE");
    }
    n.set("requiresCompatibilities", Ecs.JSON.valueToTree(td.listAttr("requiresCompatibilities")));
    if (td.str("cpu") != null) {
      n.put("cpu", td.str("cpu"));
    }
    if (td.str("memory") != null) {
      n.put("memory", td.str("memory"));
    }
    n.put("registeredAt", Ecs.epoch(td.createdAt));
    if (td.attrs.get("deregisteredAt") != null) {
      n.put("deregisteredAt", Ecs.epoch(td.num("deregisteredAt", 0)));
    }
    n.put("registeredBy", td.str("registeredBy"));
    return n;
  }

  /** The container definitions of a task definition. */
  static List<Map<String, Object>> containers(Res td) {
    return Ecs.maps(td, "containerDefinitions");
  }

  private static void putIfNotNull(Res r, String key, Object value) {
    if (value != null) {
      r.attrs.put(key, value);
    }
  }
}
