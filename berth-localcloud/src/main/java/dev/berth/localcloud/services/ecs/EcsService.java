package dev.berth.localcloud.services.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon ECS (JSON 1.1, target prefix {@code AmazonEC2ContainerServiceV20141113}): clusters,
 * Fargate task definitions, services with rolling deployments and the circuit breaker, and tasks
 * that move through their states on the world's clock (see {@link Scheduler}).
 */
public final class EcsService implements AwsService {

  @Override
  public String signingName() {
    return Ecs.SERVICE;
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON;
  }

  @Override
  public void tick(World world) {
    Scheduler.tick(world);
  }

  @Override
  public Response handle(Request req, World world) {
    ObjectNode out =
        switch (String.valueOf(req.action())) {
          case "CreateCluster" -> createCluster(req, world);
          case "DescribeClusters" -> describeClusters(req, world);
          case "DeleteCluster" -> deleteCluster(req, world);
          case "ListClusters" -> listClusters(req, world);
          case "RegisterTaskDefinition" -> TaskDefinitions.register(req, world);
          case "DescribeTaskDefinition" -> TaskDefinitions.describe(req, world);
          case "DeregisterTaskDefinition" -> TaskDefinitions.deregister(req, world);
          case "ListTaskDefinitions" -> TaskDefinitions.list(req, world);
          case "CreateService" -> Services.create(req, world);
          case "DescribeServices" -> Services.describe(req, world);
          case "UpdateService" -> Services.update(req, world);
          case "DeleteService" -> Services.delete(req, world);
          case "ListServices" -> Services.list(req, world);
          case "ListTasks" -> Tasks.list(req, world);
          case "DescribeTasks" -> Tasks.describe(req, world);
          case "TagResource" -> tagResource(req, world);
          case "UntagResource" -> untagResource(req, world);
          case "ListTagsForResource" -> listTags(req, world);
          default ->
              throw AwsException.client(
                  "UnknownOperationException", "Unsupported operation " + req.action());
        };
    return Response.amzJson(out.toString());
  }

  private ObjectNode createCluster(Request req, World world) {
    JsonNode in = req.json();
    String name = in.path("clusterName").asText("default");
    if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
      throw Ecs.invalidParameter(
          "Cluster name can be up to 255 characters long and contain only letters, numbers,"
              + " hyphens and underscores.");
    }
    String arn = Ecs.arn(world, req.region(), "cluster/" + name);
    Optional<Res> existing = world.get(Ecs.SERVICE, Ecs.CLUSTER, req.region(), arn);
    Res c;
    if (existing.isPresent() && "ACTIVE".equals(existing.get().state)) {
      c = existing.get();
    } else {
      c = new Res(Ecs.SERVICE, Ecs.CLUSTER, arn);
      c.arn = arn;
      c.name = name;
      c.state = "ACTIVE";
      c.attrs.put("region", req.region());
      c.tags.putAll(Ecs.tags(in.get("tags")));
      world.put(c);
    }
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("cluster", renderCluster(world, c, true));
    return out;
  }

  private ObjectNode describeClusters(Request req, World world) {
    JsonNode in = req.json();
    List<String> refs = Ecs.strings(in.get("clusters"));
    if (refs.isEmpty()) {
      refs = List.of("default");
    }
    boolean tags = Ecs.strings(in.get("include")).contains("TAGS");
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode clusters = out.putArray("clusters");
    ArrayNode failures = out.putArray("failures");
    for (String ref : refs) {
      String arn =
          ref.startsWith("arn:")
              ? Ecs.checkRegion(ref, req.region())
              : Ecs.arn(world, req.region(), "cluster/" + ref);
      Optional<Res> c = world.get(Ecs.SERVICE, Ecs.CLUSTER, req.region(), arn);
      if (c.isPresent()) {
        clusters.add(renderCluster(world, c.get(), tags));
      } else {
        failures.addObject().put("arn", arn).put("reason", "MISSING");
      }
    }
    return out;
  }

  private ObjectNode deleteCluster(Request req, World world) {
    Res c = Ecs.activeCluster(world, req.region(), req.json().get("cluster"));
    if (services(world, c).anyMatch(s -> Set.of("ACTIVE", "DRAINING").contains(s.state))) {
      throw AwsException.client(
          "ClusterContainsServicesException",
          "The Cluster cannot be deleted while Services are active.");
    }
    if (tasks(world, c).anyMatch(t -> !Tasks.stopped(t))) {
      throw AwsException.client(
          "ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
    }
    c.state = "INACTIVE";
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("cluster", renderCluster(world, c, false));
    return out;
  }

  private ObjectNode listClusters(Request req, World world) {
    ObjectNode out = Ecs.JSON.createObjectNode();
    ArrayNode arns = out.putArray("clusterArns");
    world
        .of(Ecs.SERVICE, Ecs.CLUSTER, req.region())
        .filter(c -> "ACTIVE".equals(c.state))
        .forEach(c -> arns.add(c.arn));
    return out;
  }

  private ObjectNode renderCluster(World world, Res c, boolean withTags) {
    ObjectNode n = Ecs.JSON.createObjectNode();
    n.put("clusterArn", c.arn);
    n.put("clusterName", c.name);
    n.put("status", c.state);
    n.put("registeredContainerInstancesCount", 0);
    n.put(
        "runningTasksCount",
        tasks(world, c).filter(t -> "RUNNING".equals(t.str("lastStatus"))).count());
    n.put(
        "pendingTasksCount",
        tasks(world, c)
            .filter(t -> Set.of("PROVISIONING", "PENDING").contains(t.str("lastStatus")))
            .count());
    n.put("activeServicesCount", services(world, c).filter(s -> "ACTIVE".equals(s.state)).count());
    n.putArray("statistics");
    if (withTags) {
      n.set("tags", Ecs.tagsJson(c.tags));
    }
    n.putArray("settings").addObject().put("name", "containerInsights").put("value", "disabled");
    n.putArray("capacityProviders");
    n.putArray("defaultCapacityProviderStrategy");
    return n;
  }

  private static java.util.stream.Stream<Res> services(World world, Res cluster) {
    return world
        .of(Ecs.SERVICE, Ecs.ECS_SERVICE)
        .filter(s -> cluster.arn.equals(s.str("clusterArn")));
  }

  private static java.util.stream.Stream<Res> tasks(World world, Res cluster) {
    return world.of(Ecs.SERVICE, Ecs.TASK).filter(t -> cluster.arn.equals(t.str("clusterArn")));
  }

  // ---- tags

  private ObjectNode tagResource(Request req, World world) {
    JsonNode in = req.json();
    Res r = taggable(req, world, in.path("resourceArn").asText(""));
    r.tags.putAll(Ecs.tags(in.get("tags")));
    return Ecs.JSON.createObjectNode();
  }

  private ObjectNode untagResource(Request req, World world) {
    JsonNode in = req.json();
    Res r = taggable(req, world, in.path("resourceArn").asText(""));
    Ecs.strings(in.get("tagKeys")).forEach(r.tags::remove);
    return Ecs.JSON.createObjectNode();
  }

  private ObjectNode listTags(Request req, World world) {
    Res r = taggable(req, world, req.json().path("resourceArn").asText(""));
    ObjectNode out = Ecs.JSON.createObjectNode();
    out.set("tags", Ecs.tagsJson(r.tags));
    return out;
  }

  private static Res taggable(Request req, World world, String arn) {
    String type =
        arn.contains(":cluster/")
            ? Ecs.CLUSTER
            : arn.contains(":service/")
                ? Ecs.ECS_SERVICE
                : arn.contains(":task-definition/")
                    ? Ecs.TASK_DEFINITION
                    : arn.contains(":task/") ? Ecs.TASK : null;
    if (type == null) {
      throw Ecs.invalidParameter("The ARN provided is invalid.");
    }
    Ecs.checkRegion(arn, req.region());
    return world
        .get(Ecs.SERVICE, type, req.region(), arn)
        .filter(r -> !"INACTIVE".equals(r.state) || type.equals(Ecs.TASK_DEFINITION))
        .orElseThrow(
            () ->
                type.equals(Ecs.CLUSTER)
                    ? Ecs.clusterNotFound()
                    : type.equals(Ecs.ECS_SERVICE)
                        ? AwsException.client("ServiceNotFoundException", "Service not found.")
                        : Ecs.invalidParameter("The specified resource could not be found."));
  }
}
