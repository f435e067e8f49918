package dev.berth.localcloud.services.ecs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Regions;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared pieces of the ECS emulation, and its one public knob: {@link #markImageFailing}, which
 * makes every task of an image crash after it starts (as images tagged {@code :crashloop} do).
 */
public final class Ecs {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVICE = "ecs";
  static final String CLUSTER = "cluster";
  static final String ECS_SERVICE = "service";
  static final String TASK = "task";
  static final String TASK_DEFINITION = "taskdefinition";
  static final String FAILING_IMAGES = "failingImages";

  private Ecs() {}

  /** From now on, tasks running {@code image} exit with code 1 a few seconds after starting. */
  public static void markImageFailing(World world, String image) {
    synchronized (world) {
      List<Object> images = new ArrayList<>(failingImages(world));
      if (!images.contains(image)) {
        images.add(image);
      }
      world.meta().put(FAILING_IMAGES, images);
    }
  }

  static boolean imageFails(World world, String image) {
    return image != null && (image.endsWith(":crashloop") || failingImages(world).contains(image));
  }

  private static List<?> failingImages(World world) {
    return world.meta().get(FAILING_IMAGES) instanceof List<?> l ? l : List.of();
  }

  static AwsException invalidParameter(String message) {
    return AwsException.client("InvalidParameterException", message);
  }

  static AwsException clientException(String message) {
    return AwsException.client("ClientException", message);
  }

  static AwsException clusterNotFound() {
    return AwsException.client("ClusterNotFoundException", "Cluster not found.");
  }

  /** Epoch seconds with millisecond fraction, as JSON 1.1 timestamps are sent. */
  static double epoch(long millis) {
    return millis / 1000.0;
  }

  static Map<String, Object> toMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new LinkedHashMap<>();
    }
    return JSON.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  static List<Object> toList(JsonNode node) {
    if (node == null || !node.isArray()) {
      return new ArrayList<>();
    }
    return JSON.convertValue(node, new TypeReference<ArrayList<Object>>() {});
  }

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** ECS tags: {@code [{"key": k, "value": v}]}. */
  static Map<String, String> tags(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isArray()) {
      for (JsonNode t : node) {
        if (!t.hasNonNull("key")) {
          throw invalidParameter("Tag keys must not be null.");
        }
        out.put(t.get("key").asText(), t.path("value").asText(""));
      }
    }
    return out;
  }

  static ArrayNode tagsJson(Map<String, String> tags) {
    ArrayNode out = JSON.createArrayNode();
    tags.forEach((k, v) -> out.addObject().put("key", k).put("value", v));
    return out;
  }

  static String arn(World world, String region, String resource) {
    return world.arn(SERVICE, region, resource);
  }

  /**
   * An ARN the call passed, refused as ECS refuses an ARN of another region ({@code
   * InvalidParameterException: Invalid Region in ARN}).
   */
  static String checkRegion(String arn, String region) {
    if (Regions.foreign(arn, region)) {
      throw invalidParameter("Invalid Region in ARN");
    }
    return arn;
  }

  /** The last path segment of an ARN, or the value itself if it is a name. */
  static String lastSegment(String nameOrArn) {
    return nameOrArn.startsWith("arn:")
        ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1)
        : nameOrArn;
  }

  /** An ACTIVE cluster by name or ARN (default {@code default}); ClusterNotFoundException else. */
  static Res activeCluster(World world, String region, JsonNode cluster) {
    String name = cluster == null || cluster.isNull() ? "default" : cluster.asText("default");
    String arn =
        name.startsWith("arn:") ? checkRegion(name, region) : arn(world, region, "cluster/" + name);
    return world
        .get(SERVICE, CLUSTER, region, arn)
        .filter(c -> "ACTIVE".equals(c.state))
        .orElseThrow(Ecs::clusterNotFound);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Res r, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : r.listAttr(key)) {
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  static long num(Map<String, Object> m, String key, long dflt) {
    Object v = m.get(key);
    return v instanceof Number n ? n.longValue() : dflt;
  }

  static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }
}
