package dev.berth.localcloud.services.logs;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch Logs data in the world: {@code logs/loggroup} resources keyed by name within their
 * region, with {@code streams} (stream name → list of {@code {timestamp, message, ingestionTime}})
 * and {@code streamCreatedAt} (stream name → epoch millis). Other services (ECS tasks with the
 * awslogs driver) write through {@link #append}.
 */
public final class LogStore {
  static final String SERVICE = "logs";
  static final String TYPE = "loggroup";

  private LogStore() {}

  /** The log group of this name in {@code region}. */
  public static Optional<Res> group(World world, String region, String name) {
    return world.get(SERVICE, TYPE, region, name);
  }

  /** The group's ARN as the API's {@code logGroupArn} gives it (without the trailing ":*"). */
  static String arn(World world, String region, String name) {
    return world.arn(SERVICE, region, "log-group:" + name);
  }

  /** Creates a log group; the caller checks that it does not exist yet. */
  public static Res createGroup(World world, String region, String name, Map<String, String> tags) {
    Res g = new Res(SERVICE, TYPE, name);
    g.name = name;
    g.state = "active";
    g.arn = arn(world, region, name);
    g.attrs.put("region", region);
    g.attrs.put("streams", new LinkedHashMap<String, Object>());
    g.attrs.put("streamCreatedAt", new LinkedHashMap<String, Object>());
    g.tags.putAll(tags);
    return world.put(g);
  }

  /** Creates a stream if it does not exist; returns false if it already did. */
  public static boolean createStream(World world, Res group, String stream) {
    Map<String, Object> streams = mutableMap(group, "streams");
    if (streams.containsKey(stream)) {
      return false;
    }
    streams.put(stream, new ArrayList<Object>());
    mutableMap(group, "streamCreatedAt").put(stream, world.nowMillis());
    return true;
  }

  /**
   * Appends one event, creating the stream on first use (as the awslogs driver does). Returns false
   * when the group does not exist, so the caller can fail the way a task with a missing log group
   * fails.
   */
  public static boolean append(
      World world, String region, String groupName, String stream, long timestamp, String message) {
    Optional<Res> g = group(world, region, groupName);
    if (g.isEmpty()) {
      return false;
    }
    createStream(world, g.get(), stream);
    events(g.get(), stream).add(event(timestamp, message, world.nowMillis()));
    return true;
  }

  static Map<String, Object> event(long timestamp, String message, long ingestion) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("timestamp", timestamp);
    e.put("message", message);
    e.put("ingestionTime", ingestion);
    return e;
  }

  /** The events of one stream, in the order they were put (mutable). */
  @SuppressWarnings("unchecked")
  static List<Object> events(Res group, String stream) {
    Map<String, Object> streams = mutableMap(group, "streams");
    Object list = streams.get(stream);
    if (!(list instanceof ArrayList<?>)) {
      list = list == null ? new ArrayList<>() : new ArrayList<>((List<Object>) list);
      streams.put(stream, list);
    }
    return (List<Object>) list;
  }

  static Map<String, Object> streams(Res group) {
    return mutableMap(group, "streams");
  }

  static long streamCreatedAt(Res group, String stream) {
    Object v = group.mapAttr("streamCreatedAt").get(stream);
    return v instanceof Number n ? n.longValue() : group.createdAt;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mutableMap(Res r, String key) {
    Object v = r.attrs.get(key);
    if (!(v instanceof LinkedHashMap<?, ?>)) {
      v = v == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) v);
      r.attrs.put(key, v);
    }
    return (Map<String, Object>) v;
  }
}
