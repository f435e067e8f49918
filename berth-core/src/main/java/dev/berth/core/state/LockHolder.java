package dev.berth.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** Who holds a state lock: recorded in the lock so that a blocked run can name it. */
public record LockHolder(long pid, String host, String user, Instant startedAt, String command) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** This process, running {@code command}. */
  public static LockHolder current(String command, Instant now) {
    return new LockHolder(
        ProcessHandle.current().pid(), hostName(), System.getProperty("user.name"), now, command);
  }

  public String describe() {
    return "pid "
        + pid
        + " on "
        + host
        + " (user "
        + user
        + ", since "
        + startedAt
        + (command == null ? "" : ", running '" + command + "'")
        + ")";
  }

  public String toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("pid", pid);
    n.put("host", host);
    n.put("user", user);
    n.put("startedAt", startedAt == null ? null : startedAt.toString());
    n.put("command", command);
    return n.toPrettyString() + "\n";
  }

  /** The holder recorded in {@code json}, or null if it is empty or unreadable. */
  public static LockHolder fromJson(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        return null;
      }
      return new LockHolder(
          n.path("pid").asLong(-1),
          n.path("host").asText(null),
          n.path("user").asText(null),
          n.hasNonNull("startedAt") ? Instant.parse(n.get("startedAt").asText()) : null,
          n.path("command").asText(null));
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
