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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fargate tasks ({@code ecs/task}): how a service's task is created with its network interface, and
 * how ListTasks and DescribeTasks show them. {@link Scheduler} moves them through their life.
 */
final class Tasks {
  /** The account that owns Fargate task network interfaces, as EC2 reports their requester. */
  static final String ENI_REQUESTER = "578734482556";

  private Tasks() {}

  static Stream<Res> ofService(World world, Res service) {
    String incarnation = service.str("incarnation");
    return world
        .of(Ecs.SERVICE, Ecs.TASK)
        .filter(t -> service.arn.equals(t.str("serviceArn")))
        .filter(t -> incarnation == null || incarnation.equals(t.str("incarnation")));
  }

  static boolean stopped(Res task) {
    return "STOPPED".equals(task.str("lastStatus"));
  }

  /** Starts one task of {@code deployment}: PROVISIONING, with an ENI in one of the subnets. */
  static Res start(World world, Res service, Map<String, Object> deployment, Res td) {
    String region = service.region();
    String clusterArn = service.str("clusterArn");
    String clusterName = Ecs.lastSegment(clusterArn);
    String id = world.newId("", 32);
    Res t =
        new Res(Ecs.SERVICE, Ecs.TASK, Ecs.arn(world, region, "task/" + clusterName + "/" + id));
    t.arn = t.id;
    t.name = id;
    long now = world.nowMillis();
    long pendingAt = now + world.delayMillis("ecs.task.provisioning");
    t.attrs.put("region", region);
    t.attrs.put("clusterArn", clusterArn);
    t.attrs.put("serviceArn", service.arn);
    t.attrs.put("incarnation", service.str("incarnation"));
    t.attrs.put("taskDefinitionArn", td.arn);
    t.attrs.put("startedBy", deployment.get("id"));
    t.attrs.put("group", "service:" + service.name);
    t.attrs.put("launchType", service.str("launchType"));
    t.attrs.put("cpu", td.str("cpu"));
    t.attrs.put("memory", td.str("memory"));
    t.attrs.put("lastStatus", "PROVISIONING");
    t.attrs.put("desiredStatus", "RUNNING");
    t.attrs.put("pendingAt", pendingAt);
    t.attrs.put("runningAt", pendingAt + world.delayMillis("ecs.task.pending"));
    boolean failing = false;
    List<Object> containers = new ArrayList<>();
    for (Map<String, Object> c : TaskDefinitions.containers(td)) {
      Map<String, Object> tc = new LinkedHashMap<>();
      tc.put(
          "containerArn",
          Ecs.arn(world, region, "container/" + clusterName + "/" + id + "/" + world.uuid()));
      tc.put("name", c.get("name"));
      tc.put("image", c.get("image"));
      tc.put("lastStatus", "PENDING");
      containers.add(tc);
      failing |=
          !Boolean.FALSE.equals(c.get("essential"))
              && Ecs.imageFails(world, (String) c.get("image"));
    }
    t.attrs.put("containers", containers);
    t.attrs.put("failing", failing);
    if ("SERVICE".equals(service.str("propagateTags"))) {
      t.tags.putAll(service.tags);
    } else if ("TASK_DEFINITION".equals(service.str("propagateTags"))) {
      t.tags.putAll(td.tags);
    }
    if (service.bool("enableECSManagedTags")) {
      t.tags.put("aws:ecs:clusterName", clusterName);
      t.tags.put("aws:ecs:serviceName", service.name);
    }
    attachNetworkInterface(world, service, t);
    return world.put(t);
  }

  private static void attachNetworkInterface(World world, Res service, Res task) {
    Map<?, ?> cfg =
        service.mapAttr("networkConfiguration").get("awsvpcConfiguration") instanceof Map<?, ?> m
            ? m
            : Map.of();
    List<?> subnets = cfg.get("subnets") instanceof List<?> l ? l : List.of();
    if (subnets.isEmpty()) {
      return;
    }
    long cursor = service.num("subnetCursor", 0);
    service.attrs.put("subnetCursor", cursor + 1);
    String subnetId = String.valueOf(subnets.get((int) (cursor % subnets.size())));
    Optional<Res> subnet = world.get("ec2", "subnet", service.region(), subnetId);
    String cidr = subnet.map(s -> s.str("cidr")).orElse("10.0.0.0/24");
    String az = subnet.map(s -> s.str("availabilityZone")).orElse(service.region() + "a");
    String ip = freeAddress(world, subnetId, cidr);
    List<String> groups = new ArrayList<>();
    if (cfg.get("securityGroups") instanceof List<?> sg) {
      sg.forEach(g -> groups.add(String.valueOf(g)));
    }
    String attachmentId = world.uuid();
    Res eni = new Res("ec2", "network-interface", world.ec2Id("eni"));
    eni.state = "in-use";
    eni.attrs.put("region", service.region());
    eni.attrs.put("subnetId", subnetId);
    String vpcId = subnet.map(s -> s.str("vpcId")).orElse(null);
    if (vpcId != null) {
      eni.attrs.put("vpcId", vpcId);
      eni.refs.add(vpcId);
    }
    eni.attrs.put("availabilityZone", az);
    eni.attrs.put("groups", groups);
    eni.attrs.put(
        "description",
        "arn:aws:ecs:" + service.region() + ":" + World.ACCOUNT + ":attachment/" + attachmentId);
    eni.attrs.put("requesterId", ENI_REQUESTER);
    eni.attrs.put("requesterManaged", true);
    eni.attrs.put("interfaceType", "interface");
    eni.attrs.put("status", "in-use");
    eni.attrs.put("privateIp", ip);
    eni.attrs.put("macAddress", mac(world));
    eni.refs.add(subnetId);
    eni.refs.addAll(groups);
    world.put(eni);
    task.attrs.put("eniId", eni.id);
    task.attrs.put("ip", ip);
    task.attrs.put("subnetId", subnetId);
    task.attrs.put("availabilityZone", az);
    task.attrs.put("attachmentId", attachmentId);
    task.attrs.put("macAddress", eni.str("macAddress"));
  }

  /** The first address of the subnet no network interface uses (AWS reserves the first four). */
  private static String freeAddress(World world, String subnetId, String cidr) {
    Set<String> used = new HashSet<>();
    world
        .of("ec2", "network-interface")
        .filter(e -> subnetId.equals(e.str("subnetId")))
        .forEach(e -> used.add(e.str("privateIp")));
    String[] parts = cidr.split("/");
    long base = 0;
    for (String octet : parts[0].split("\\.")) {
      base = base * 256 + Long.parseLong(octet);
    }
    int prefix = Integer.parseInt(parts[1]);
    long size = 1L << (32 - prefix);
    for (long i = 4; i < size - 1; i++) {
      long a = base + i;
      String ip = (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    throw Ecs.invalidParameter("No free IP addresses in subnet " + subnetId);
  }

  private static String mac(World world) {
    StringBuilder sb = new StringBuilder("0a");
    for (int i = 0; i < 5; i++) {
      sb.append(':').append(world.newId("", 2));
    }
    return sb.toString();
  }

  static ObjectNode list(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    String serviceName = in.path("serviceName").asText(null);
    String family = in.path("family").asText(null);
    String startedBy = in.path("startedBy").asText(null);
    String desired = in.path("desiredStatus").asText("RUNNING");
    if (serviceName != null
        && world
            .get(
                Ecs.SERVICE,
                Ecs.ECS_SERVICE,
                req.region(),
                Services.serviceArn(world, req.region(), cluster, serviceName))
            .isEmpty()) {
      throw AwsException.client("ServiceNotFoundException", "Service not found.");
    }
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode arns = out.putArray("taskArns");
    world
        .of(Ecs.SERVICE, Ecs.TASK)
        .filter(t -> cluster.arn.equals(t.str("clusterArn")))
        .filter(t -> desired.equals(t.str("desiredStatus")))
        .filter(
            t ->
                serviceName == null
                    || ("service:" + Ecs.lastSegment(serviceName)).equals(t.str("group")))
        .filter(t -> startedBy == null || startedBy.equals(t.str("startedBy")))
        .filter(t -> family == null || t.str("taskDefinitionArn").contains("/" + family + ":"))
        .forEach(t -> arns.add(t.arn));
    return out;
  }

  static ObjectNode describe(Request req, World world) {
    JsonNode in = req.json();
    Res cluster = Ecs.activeCluster(world, req.region(), in.get("cluster"));
    List<String> refs = Ecs.strings(in.get("tasks"));
    if (refs.isEmpty() || refs.size() > 100) {
      throw Ecs.invalidParameter("Tasks cannot be empty.");
    }
    boolean withTags = Ecs.strings(in.get("include")).contains("TAGS");
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode tasks = out.putArray("tasks");
    ArrayNode failures = out.putArray("failures");
    for (String ref : refs) {
      String arn =
          ref.startsWith("arn:")
              ? Ecs.checkRegion(ref, req.region())
              : Ecs.arn(world, req.region(), "task/" + cluster.name + "/" + ref);
      Optional<Res> t = world.get(Ecs.SERVICE, Ecs.TASK, req.region(), arn);
      if (t.isPresent()) {
        tasks.add(render(t.get(), withTags));
      } else {
        failures.addObject().put("arn", arn).put("reason", "MISSING");
      }
    }
    return out;
  }

  static ObjectNode render(Res t, boolean withTags) {
    ObjectNode n = Ecs.JSON.createObjectNode();
    String status = t.str("lastStatus");
    ArrayNode attachments = n.putArray("attachments");
    if (t.str("attachmentId") != null) {
      ObjectNode a = attachments.addObject();
      a.put("id", t.str("attachmentId"));
      a.put("type", "ElasticNetworkInterface");
      a.put(
          "status",
          switch (status) {
            case "PROVISIONING" -> "PRECREATED";
            case "STOPPED" -> "DELETED";
            case "DEPROVISIONING" -> "DELETING";
            default -> "ATTACHED";
          });
      ArrayNode details = a.putArray("details");
      details.addObject().put("name", "subnetId").put("value", t.str("subnetId"));
      details.addObject().put("name", "networkInterfaceId").put("value", t.str("eniId"));
      details.addObject().put("name", "macAddress").put("value", t.str("macAddress"));
      details
          .addObject()
          .put("name", "privateDnsName")
          .put("value", "ip-" + t.str("ip").replace('.', '-') + ".ec2.internal");
      details.addObject().put("name", "privateIPv4Address").put("value", t.str("ip"));
    }
    n.putArray("attributes").addObject().put("name", "ecs.cpu-architecture").put("value", "x86_64");
    if (t.str("availabilityZone") != null) {
      n.put("availabilityZone", t.str("availabilityZone"));
    }
    n.put("clusterArn", t.str("clusterArn"));
    n.put("connectivity", "STOPPED".equals(status) ? "DISCONNECTED" : "CONNECTED");
    ArrayNode containers = n.putArray("containers");
    for (Object o : t.listAttr("containers")) {
      Map<?, ?> c = (Map<?, ?>) o;
      ObjectNode cn = containers.addObject();
      cn.put("containerArn", String.valueOf(c.get("containerArn")));
      cn.put("taskArn", t.arn);
      cn.put("name", String.valueOf(c.get("name")));
      cn.put("image", String.valueOf(c.get("image")));
      cn.put("lastStatus", String.valueOf(c.get("lastStatus")));
      if (c.get("exitCode") instanceof Number code) {
        cn.put("exitCode", code.intValue());
      }
      if (c.get("reason") != null) {
        cn.put("reason", String.valueOf(c.get("reason")));
      }
      cn.putArray("networkBindings");
      if (t.str("ip") != null) {
        cn.putArray("networkInterfaces")
            .addObject()
            .put("attachmentId", t.str("attachmentId"))
            .put("privateIpv4Address", t.str("ip"));
      }
      cn.put("healthStatus", "UNKNOWN");
      cn.put("cpu", "0");
    }
    if (t.str("cpu") != null) {
      n.put("cpu", t.str("cpu"));
    }
    n.put("createdAt", Ecs.epoch(t.createdAt));
    n.put("desiredStatus", t.str("desiredStatus"));
    n.put("enableExecuteCommand", false);
    n.put("group", t.str("group"));
    n.put("healthStatus", "UNKNOWN");
    n.put("lastStatus", status);
    n.put("launchType", t.str("launchType"));
    if (t.str("memory") != null) {
      n.put("memory", t.str("memory"));
    }
    ObjectNode overrides = n.putObject("overrides");
    ArrayNode co = overrides.putArray("containerOverrides");
    t.listAttr("containers")
        .forEach(c -> co.addObject().put("name", String.valueOf(((Map<?, ?>) c).get("name"))));
    overrides.putArray("inferenceAcceleratorOverrides");
    n.put("platformVersion", "1.4.0");
    n.put("platformFamily", "Linux");
    timestamp(n, t, "pullStartedAt");
    timestamp(n, t, "pullStoppedAt");
    timestamp(n, t, "startedAt");
    n.put("startedBy", t.str("startedBy"));
    if (t.str("stopCode") != null) {
      n.put("stopCode", t.str("stopCode"));
    }
    timestamp(n, t, "stoppedAt");
    if (t.str("stoppedReason") != null) {
      n.put("stoppedReason", t.str("stoppedReason"));
    }
    timestamp(n, t, "stoppingAt");
    if (withTags) {
      n.set("tags", Ecs.tagsJson(t.tags));
    }
    n.put("taskArn", t.arn);
    n.put("taskDefinitionArn", t.str("taskDefinitionArn"));
    n.put("version", t.num("version", 1));
    n.putObject("ephemeralStorage").put("sizeInGiB", 20);
    return n;
  }

  private static void timestamp(ObjectNode n, Res t, String key) {
    if (t.attrs.get(key) instanceof Number v) {
      n.put(key, Ecs.epoch(v.longValue()));
    }
  }

  /** How long a stopped task stays visible to ListTasks/DescribeTasks, as on AWS. */
  static final Duration STOPPED_VISIBLE = Duration.ofHours(1);
}
