package dev.berth.localcloud.services.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Regions;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs (JSON 1.1, target prefix {@code Logs_20140328}): log groups with retention and
 * tags, streams, events written by ECS tasks or PutLogEvents, and the readers GetLogEvents and
 * FilterLogEvents.
 */
public final class LogsService implements AwsService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");
  static final List<Integer> RETENTION_DAYS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  @Override
  public String signingName() {
    return LogStore.SERVICE;
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON;
  }

  @Override
  public Response handle(Request req, World world) {
    JsonNode in = req.json();
    String region = Regions.of(req);
    ObjectNode out =
        switch (String.valueOf(req.action())) {
          case "CreateLogGroup" -> createLogGroup(in, world, region);
          case "DeleteLogGroup" -> deleteLogGroup(in, world, region);
          case "DescribeLogGroups" -> describeLogGroups(in, world, region);
          case "PutRetentionPolicy" -> putRetentionPolicy(in, world, region);
          case "DeleteRetentionPolicy" -> deleteRetentionPolicy(in, world, region);
          case "CreateLogStream" -> createLogStream(in, world, region);
          case "DescribeLogStreams" -> describeLogStreams(in, world, region);
          case "PutLogEvents" -> putLogEvents(in, world, region);
          case "GetLogEvents" -> LogReads.getLogEvents(groupOrThrow(in, world, region), in);
          case "FilterLogEvents" -> LogReads.filterLogEvents(groupOrThrow(in, world, region), in);
          case "ListTagsForResource" -> listTags(groupByArn(in, world, region));
          case "TagResource" -> tagResource(in, world, region);
          case "UntagResource" -> untagResource(in, world, region);
          case "ListTagsLogGroup" -> listTags(groupOrThrow(in, world, region));
          case "TagLogGroup" -> tag(groupOrThrow(in, world, region), in.path("tags"));
          default ->
              throw AwsException.client(
                  "UnknownOperationException", "Unsupported operation " + req.action());
        };
    return Response.amzJson(out.toString());
  }

  private ObjectNode createLogGroup(JsonNode in, World world, String region) {
    String name = groupName(in);
    if (LogStore.group(world, region, name).isPresent()) {
      throw AwsException.client(
          "ResourceAlreadyExistsException", "The specified log group already exists");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    in.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    LogStore.createGroup(world, region, name, tags);
    return JSON.createObjectNode();
  }

  private ObjectNode deleteLogGroup(JsonNode in, World world, String region) {
    world.remove(groupOrThrow(in, world, region));
    return JSON.createObjectNode();
  }

  private ObjectNode describeLogGroups(JsonNode in, World world, String region) {
    String prefix = in.path("logGroupNamePrefix").asText(null);
    String pattern = in.path("logGroupNamePattern").asText(null);
    if (prefix != null && pattern != null) {
      throw invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive");
    }
    List<Res> groups =
        world
            .of(LogStore.SERVICE, LogStore.TYPE, region)
            .filter(g -> prefix == null || g.name.startsWith(prefix))
            .filter(g -> pattern == null || g.name.contains(pattern))
            .sorted(Comparator.comparing(g -> g.name))
            .toList();
    ObjectNode out = JSON.createObjectNode();
    Page page = Page.of(in, groups.size(), 50);
    ArrayNode list = out.putArray("logGroups");
    for (Res g : groups.subList(page.from(), page.to())) {
      ObjectNode n = list.addObject();
      n.put("logGroupName", g.name);
      n.put("creationTime", g.createdAt);
      if (g.attrs.get("retentionInDays") != null) {
        n.put("retentionInDays", g.num("retentionInDays", 0));
      }
      n.put("metricFilterCount", 0);
      n.put("arn", g.arn + ":*");
      n.put("storedBytes", storedBytes(g));
      n.put("logGroupClass", "STANDARD");
      n.put("logGroupArn", g.arn);
    }
    page.nextToken(out);
    return out;
  }

  private ObjectNode putRetentionPolicy(JsonNode in, World world, String region) {
    Res g = groupOrThrow(in, world, region);
    JsonNode days = in.path("retentionInDays");
    if (!days.canConvertToInt() || !RETENTION_DAYS.contains(days.asInt())) {
      throw invalid(
          "1 validation error detected: Value '"
              + days.asText()
              + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum"
              + " value set: "
              + RETENTION_DAYS);
    }
    g.attrs.put("retentionInDays", days.asInt());
    return JSON.createObjectNode();
  }

  private ObjectNode deleteRetentionPolicy(JsonNode in, World world, String region) {
    groupOrThrow(in, world, region).attrs.remove("retentionInDays");
    return JSON.createObjectNode();
  }

  private ObjectNode createLogStream(JsonNode in, World world, String region) {
    Res g = groupOrThrow(in, world, region);
    String stream = in.path("logStreamName").asText("");
    if (!STREAM_NAME.matcher(stream).matches()) {
      throw invalid(
          "1 validation error detected: Value '"
              + stream
              + "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [^:*]*");
    }
    if (!LogStore.createStream(world, g, stream)) {
      throw AwsException.client(
          "ResourceAlreadyExistsException", "The specified log stream already exists");
    }
    return JSON.createObjectNode();
  }

  private ObjectNode describeLogStreams(JsonNode in, World world, String region) {
    Res g = groupOrThrow(in, world, region);
    String prefix = in.path("logStreamNamePrefix").asText(null);
    boolean byTime = "LastEventTime".equals(in.path("orderBy").asText("LogStreamName"));
    if (byTime && prefix != null) {
      throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    List<String> names = new ArrayList<>();
    for (String s : LogStore.streams(g).keySet()) {
      if (prefix == null || s.startsWith(prefix)) {
        names.add(s);
      }
    }
    Comparator<String> order =
        byTime ? Comparator.comparingLong(s -> lastEvent(g, s)) : Comparator.<String>naturalOrder();
    names.sort(in.path("descending").asBoolean(false) ? order.reversed() : order);
    ObjectNode out = JSON.createObjectNode();
    Page page = Page.of(in, names.size(), 50);
    ArrayNode list = out.putArray("logStreams");
    for (String s : names.subList(page.from(), page.to())) {
      ObjectNode n = list.addObject();
      n.put("logStreamName", s);
      n.put("creationTime", LogStore.streamCreatedAt(g, s));
      List<Object> events = LogStore.events(g, s);
      if (!events.isEmpty()) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long ingested = 0;
        for (Object o : events) {
          Map<?, ?> e = (Map<?, ?>) o;
          long ts = ((Number) e.get("timestamp")).longValue();
          first = Math.min(first, ts);
          last = Math.max(last, ts);
          ingested = Math.max(ingested, ((Number) e.get("ingestionTime")).longValue());
        }
        n.put("firstEventTimestamp", first);
        n.put("lastEventTimestamp", last);
        n.put("lastIngestionTime", ingested);
        n.put("uploadSequenceToken", sequenceToken(events.size()));
      }
      n.put("arn", g.arn + ":log-stream:" + s);
      n.put("storedBytes", 0);
    }
    page.nextToken(out);
    return out;
  }

  private ObjectNode putLogEvents(JsonNode in, World world, String region) {
    Res g = groupOrThrow(in, world, region);
    String stream = in.path("logStreamName").asText("");
    if (!LogStore.streams(g).containsKey(stream)) {
      throw notFound("The specified log stream does not exist.");
    }
    JsonNode events = in.path("logEvents");
    if (!events.isArray() || events.isEmpty()) {
      throw invalid(
          "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint:"
              + " Member must have length greater than or equal to 1");
    }
    long previous = Long.MIN_VALUE;
    for (JsonNode e : events) {
      long ts = e.path("timestamp").asLong();
      if (ts < previous) {
        throw invalid(
            "Log events in a single PutLogEvents request must be in chronological order.");
      }
      previous = ts;
    }
    List<Object> list = LogStore.events(g, stream);
    for (JsonNode e : events) {
      list.add(
          LogStore.event(e.path("timestamp").asLong(), e.path("message").asText(""), now(world)));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("nextSequenceToken", sequenceToken(list.size()));
    return out;
  }

  private ObjectNode listTags(Res g) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode tags = out.putObject("tags");
    g.tags.forEach(tags::put);
    return out;
  }

  private ObjectNode tagResource(JsonNode in, World world, String region) {
    return tag(groupByArn(in, world, region), in.path("tags"));
  }

  private ObjectNode tag(Res g, JsonNode tags) {
    tags.properties().forEach(e -> g.tags.put(e.getKey(), e.getValue().asText()));
    return JSON.createObjectNode();
  }

  private ObjectNode untagResource(JsonNode in, World world, String region) {
    Res g = groupByArn(in, world, region);
    in.path("tagKeys").forEach(k -> g.tags.remove(k.asText()));
    return JSON.createObjectNode();
  }

  // ---- helpers

  private static String groupName(JsonNode in) {
    String name = in.path("logGroupName").asText("");
    if (!GROUP_NAME.matcher(name).matches()) {
      throw invalid(
          "1 validation error detected: Value '"
              + name
              + "' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
    return name;
  }

  /**
   * The group a call names by {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN)
   * in the call's region; an ARN of another region names nothing here.
   */
  private static Res groupOrThrow(JsonNode in, World world, String region) {
    String name = in.path("logGroupName").asText(null);
    String groupRegion = region;
    if (name == null && in.hasNonNull("logGroupIdentifier")) {
      String id = in.get("logGroupIdentifier").asText();
      if (id.startsWith("arn:")) {
        groupRegion = Regions.ofArn(id);
      }
      name = id.replaceAll("^arn:.*:log-group:|:\\*$", "");
    }
    if (name == null) {
      throw invalid("Either logGroupName or logGroupIdentifier must be specified.");
    }
    return (region.equals(groupRegion)
            ? LogStore.group(world, region, name)
            : Optional.<Res>empty())
        .orElseThrow(() -> notFound("The specified log group does not exist."));
  }

  private static Res groupByArn(JsonNode in, World world, String region) {
    String arn = in.path("resourceArn").asText("");
    if (!arn.startsWith("arn:")) {
      throw invalid("Invalid resource arn: " + arn);
    }
    // The API documents the ARN without the trailing ":*"; accept both, as AWS does.
    String bare = arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    return world
        .of(LogStore.SERVICE, LogStore.TYPE, region)
        .filter(g -> bare.equals(g.arn))
        .findFirst()
        .orElseThrow(() -> notFound("The specified resource does not exist."));
  }

  private static long lastEvent(Res g, String stream) {
    long last = 0;
    for (Object o : LogStore.events(g, stream)) {
      last = Math.max(last, ((Number) ((Map<?, ?>) o).get("timestamp")).longValue());
    }
    return last;
  }

  private static long storedBytes(Res g) {
    long bytes = 0;
    for (String s : LogStore.streams(g).keySet()) {
      for (Object o : LogStore.events(g, s)) {
        bytes += String.valueOf(((Map<?, ?>) o).get("message")).length() + 26;
      }
    }
    return bytes;
  }

  private static long now(World world) {
    return world.nowMillis();
  }

  private static String sequenceToken(int n) {
    return String.format("%056d", n);
  }

  static AwsException invalid(String message) {
    return AwsException.client("InvalidParameterException", message);
  }

  static AwsException notFound(String message) {
    return AwsException.client("ResourceNotFoundException", message);
  }

  /** Offset paging with an opaque numeric token. */
  record Page(int from, int to, int total) {
    static Page of(JsonNode in, int total, int defaultLimit) {
      int limit = in.path("limit").asInt(defaultLimit);
      if (limit < 1) {
        throw invalid("The limit must be at least 1.");
      }
      int from = 0;
      if (in.hasNonNull("nextToken")) {
        try {
          from = Integer.parseInt(in.get("nextToken").asText());
        } catch (NumberFormatException e) {
          throw invalid("The specified nextToken is invalid.");
        }
      }
      from = Math.max(0, Math.min(from, total));
      return new Page(from, Math.min(total, from + limit), total);
    }

    void nextToken(ObjectNode out) {
      if (to < total) {
        out.put("nextToken", String.valueOf(to));
      }
    }
  }
}
