package dev.berth.localcloud.services.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.Res;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** GetLogEvents and FilterLogEvents: reading events back, with AWS's token semantics. */
final class LogReads {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EVENTS = 10_000;

  private LogReads() {}

  private record Event(String stream, int streamIndex, int index, Map<?, ?> data) {
    long timestamp() {
      return ((Number) data.get("timestamp")).longValue();
    }

    String message() {
      return String.valueOf(data.get("message"));
    }

    long ingestionTime() {
      return ((Number) data.get("ingestionTime")).longValue();
    }

    String eventId() {
      return String.format("%020d%06d%030d", timestamp(), streamIndex, index);
    }
  }

  /**
   * Events of one stream in time order. Tokens are positions: {@code f/N} reads forward from N,
   * {@code b/N} backward from N. At the end of the stream the forward token given is returned
   * unchanged, which is how callers know they have caught up.
   */
  static ObjectNode getLogEvents(Res group, JsonNode in) {
    String stream = in.path("logStreamName").asText("");
    if (!LogStore.streams(group).containsKey(stream)) {
      throw LogsService.notFound("The specified log stream does not exist.");
    }
    List<Event> events = new ArrayList<>();
    for (Event e : streamEvents(group, stream, 0)) {
      if (inRange(e, in, true)) {
        events.add(e);
      }
    }
    int n = events.size();
    int limit = limit(in);
    int from;
    int to;
    String token = in.path("nextToken").asText(null);
    if (token == null) {
      boolean head = in.path("startFromHead").asBoolean(false);
      from = head ? 0 : Math.max(0, n - limit);
      to = head ? Math.min(n, limit) : n;
    } else {
      int pos = Math.min(n, parseToken(token));
      if (token.startsWith("f/")) {
        from = pos;
        to = Math.min(n, pos + limit);
      } else {
        to = pos;
        from = Math.max(0, pos - limit);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("events");
    for (Event e : events.subList(from, to)) {
      ObjectNode o = list.addObject();
      o.put("timestamp", e.timestamp());
      o.put("message", e.message());
      o.put("ingestionTime", e.ingestionTime());
    }
    out.put("nextForwardToken", "f/" + pad(to));
    out.put("nextBackwardToken", "b/" + pad(from));
    return out;
  }

  /** Events of several streams, interleaved in time order, with an opaque paging token. */
  static ObjectNode filterLogEvents(Res group, JsonNode in) {
    boolean hasNames = in.path("logStreamNames").isArray() && !in.path("logStreamNames").isEmpty();
    String prefix = in.path("logStreamNamePrefix").asText(null);
    if (hasNames && prefix != null) {
      throw LogsService.invalid(
          "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
    }
    List<String> names = new ArrayList<>();
    in.path("logStreamNames").forEach(s -> names.add(s.asText()));
    List<String> streams = new ArrayList<>(LogStore.streams(group).keySet());
    Pattern pattern = Pattern.parse(in.path("filterPattern").asText(""));
    List<Event> events = new ArrayList<>();
    List<String> searched = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      String s = streams.get(i);
      if (hasNames && !names.contains(s) || prefix != null && !s.startsWith(prefix)) {
        continue;
      }
      searched.add(s);
      for (Event e : streamEvents(group, s, i)) {
        if (inRange(e, in, false) && pattern.matches(e.message())) {
          events.add(e);
        }
      }
    }
    events.sort(
        Comparator.comparingLong(Event::timestamp)
            .thenComparingInt(Event::streamIndex)
            .thenComparingInt(Event::index));
    int from =
        in.hasNonNull("nextToken") ? Math.min(events.size(), parseToken(in.get("nextToken"))) : 0;
    int to = Math.min(events.size(), from + limit(in));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("events");
    for (Event e : events.subList(from, to)) {
      ObjectNode o = list.addObject();
      o.put("logStreamName", e.stream());
      o.put("timestamp", e.timestamp());
      o.put("message", e.message());
      o.put("ingestionTime", e.ingestionTime());
      o.put("eventId", e.eventId());
    }
    ArrayNode searchedNode = out.putArray("searchedLogStreams");
    searched.forEach(
        s -> searchedNode.addObject().put("logStreamName", s).put("searchedCompletely", true));
    if (to < events.size()) {
      out.put("nextToken", pad(to));
    }
    return out;
  }

  private static List<Event> streamEvents(Res group, String stream, int streamIndex) {
    List<Object> raw = LogStore.events(group, stream);
    List<Event> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      out.add(new Event(stream, streamIndex, i, (Map<?, ?>) raw.get(i)));
    }
    out.sort(Comparator.comparingLong(Event::timestamp).thenComparingInt(Event::index));
    return out;
  }

  /** GetLogEvents excludes events at {@code endTime}; FilterLogEvents includes them. */
  private static boolean inRange(Event e, JsonNode in, boolean endExclusive) {
    long ts = e.timestamp();
    if (in.hasNonNull("startTime") && ts < in.get("startTime").asLong()) {
      return false;
    }
    if (!in.hasNonNull("endTime")) {
      return true;
    }
    long end = in.get("endTime").asLong();
    return endExclusive ? ts < end : ts <= end;
  }

  private static int limit(JsonNode in) {
    int limit = in.path("limit").asInt(MAX_EVENTS);
    if (limit < 1 || limit > MAX_EVENTS) {
      throw LogsService.invalid(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and"
              + " 10000");
    }
    return limit;
  }

  private static int parseToken(JsonNode token) {
    return parseToken(token.asText());
  }

  private static int parseToken(String token) {
    String digits = token.startsWith("f/") || token.startsWith("b/") ? token.substring(2) : token;
    try {
      return Integer.parseInt(digits.replaceFirst("^0+(?=.)", ""));
    } catch (NumberFormatException e) {
      throw LogsService.invalid("The specified nextToken is invalid.");
    }
  }

  private static String pad(int n) {
    return String.format("%056d", n);
  }

  /**
   * The subset of the filter pattern syntax berth needs: space-separated terms that must all
   * appear, a quoted term as one phrase, and a term prefixed by {@code -} that must not appear.
   */
  private record Pattern(List<String> include, List<String> exclude) {
    static Pattern parse(String p) {
      List<String> inc = new ArrayList<>();
      List<String> exc = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(-?)\"([^\"]*)\"|(-?)(\\S+)").matcher(p.trim());
      while (m.find()) {
        boolean neg = m.group(2) != null ? !m.group(1).isEmpty() : !m.group(3).isEmpty();
        String term = m.group(2) != null ? m.group(2) : m.group(4);
        (neg ? exc : inc).add(term);
      }
      return new Pattern(inc, exc);
    }

    boolean matches(String message) {
      return include.stream().allMatch(message::contains)
          && exclude.stream().noneMatch(message::contains);
    }
  }
}
