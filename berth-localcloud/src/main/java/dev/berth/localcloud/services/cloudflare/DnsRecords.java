package dev.berth.localcloud.services.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cloudflare DNS records of one zone: validation of a record body, the rules between records of one
 * name, and the JSON a record is answered with. Records are {@code cloudflare/dns_record} Res named
 * by the record's full name.
 */
final class DnsRecords {
  static final Set<String> TYPES =
      Set.of(
          "A",
          "AAAA",
          "CAA",
          "CERT",
          "CNAME",
          "DNSKEY",
          "DS",
          "HTTPS",
          "LOC",
          "MX",
          "NAPTR",
          "NS",
          "OPENPGPKEY",
          "PTR",
          "SMIMEA",
          "SRV",
          "SSHFP",
          "SVCB",
          "TLSA",
          "TXT",
          "URI");
  private static final Set<String> PROXIABLE = Set.of("A", "AAAA", "CNAME");
  private static final Set<String> ADDRESS = Set.of("A", "AAAA", "CNAME");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9_*]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DnsRecords() {}

  /** The fields of a record as a request gives them; nulls are absent fields. */
  record Fields(
      String type,
      String name,
      String content,
      Integer ttl,
      Boolean proxied,
      String comment,
      boolean commentSet,
      List<String> tags) {

    static Fields of(JsonNode body) {
      if (body == null || !body.isObject()) {
        throw CloudflareError.of(400, 9207, "Request body is invalid.");
      }
      Integer ttl = null;
      if (body.has("ttl")) {
        if (!body.get("ttl").isNumber()) {
          throw CloudflareError.validation(
              9021, "TTL must be between 60 and 86400 seconds, or 1 for Automatic.");
        }
        ttl = body.get("ttl").intValue();
      }
      Boolean proxied = null;
      if (body.has("proxied") && !body.get("proxied").isNull()) {
        if (!body.get("proxied").isBoolean()) {
          throw CloudflareError.of(400, 9207, "Request body is invalid.");
        }
        proxied = body.get("proxied").booleanValue();
      }
      List<String> tags = null;
      if (body.has("tags") && body.get("tags").isArray()) {
        tags = new ArrayList<>();
        for (JsonNode t : body.get("tags")) {
          tags.add(t.asText());
        }
      }
      return new Fields(
          text(body, "type"),
          text(body, "name"),
          text(body, "content"),
          ttl,
          proxied,
          text(body, "comment"),
          body.has("comment"),
          tags);
    }

    /** This request's fields over {@code base} (PATCH). */
    Fields over(Fields base) {
      return new Fields(
          type != null ? type : base.type,
          name != null ? name : base.name,
          content != null ? content : base.content,
          ttl != null ? ttl : base.ttl,
          proxied != null ? proxied : base.proxied,
          commentSet ? comment : base.comment,
          true,
          tags != null ? tags : base.tags);
    }

    private static String text(JsonNode body, String field) {
      JsonNode n = body.get(field);
      return n == null || n.isNull() ? null : n.asText();
    }
  }

  static Fields fieldsOf(Res r) {
    return new Fields(
        r.str("type"),
        r.name,
        r.str("content"),
        (int) r.num("ttl", 1),
        r.bool("proxied"),
        r.str("comment"),
        true,
        r.listAttr("tags").stream().map(String::valueOf).toList());
  }

  /** The full record name: {@code @} is the apex, names outside the zone are relative to it. */
  static String fullName(String name, String zoneName) {
    String zone = zoneName.toLowerCase(Locale.ROOT);
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (n.equals("@") || n.isEmpty()) {
      return zone;
    }
    return n.equals(zone) || n.endsWith("." + zone) ? n : n + "." + zone;
  }

  /** Validates a complete record; returns it with defaults and normalised name and content. */
  static Fields validate(Fields f, String zone) {
    if (f.type() == null || !TYPES.contains(f.type().toUpperCase(Locale.ROOT))) {
      throw CloudflareError.validation(9101, "DNS record type is invalid.");
    }
    String type = f.type().toUpperCase(Locale.ROOT);
    if (f.name() == null || f.name().isBlank()) {
      throw CloudflareError.validation(9000, "DNS name is invalid.");
    }
    String name = fullName(f.name(), zone);
    if (!HOST.matcher(name).matches() || name.length() > 255) {
      throw CloudflareError.validation(9000, "DNS name is invalid.");
    }
    String content = f.content() == null ? "" : f.content().trim();
    switch (type) {
      case "A" -> {
        if (!IPV4.matcher(content).matches()) {
          throw CloudflareError.validation(
              9005, "Content for A record must be a valid IPv4 address.");
        }
      }
      case "AAAA" -> {
        if (!content.contains(":") || !content.matches("[0-9a-fA-F:.]+")) {
          throw CloudflareError.validation(
              9006, "Content for AAAA record must be a valid IPv6 address.");
        }
      }
      case "CNAME" -> {
        if (!HOST.matcher(content).matches()) {
          throw CloudflareError.validation(9007, "Content for CNAME record is invalid.");
        }
        content = content.endsWith(".") ? content.substring(0, content.length() - 1) : content;
      }
      default -> {
        if (content.isEmpty()) {
          throw CloudflareError.validation(9007, "Content for " + type + " record is invalid.");
        }
      }
    }
    boolean proxied = Boolean.TRUE.equals(f.proxied());
    if (proxied && !PROXIABLE.contains(type)) {
      throw CloudflareError.validation(9004, "This record type cannot be proxied.");
    }
    int ttl = f.ttl() == null ? 1 : f.ttl();
    if (ttl != 1 && (ttl < 60 || ttl > 86400)) {
      throw CloudflareError.validation(
          9021, "TTL must be between 60 and 86400 seconds, or 1 for Automatic.");
    }
    if (proxied) {
      ttl = 1;
    }
    if (f.comment() != null && f.comment().length() > 100) {
      throw CloudflareError.of(
          400, 9313, "DNS record comment exceeds the maximum length of 100 characters.");
    }
    return new Fields(
        type,
        name,
        content,
        ttl,
        proxied,
        f.comment(),
        true,
        f.tags() == null ? List.of() : f.tags());
  }

  /** Rejects a record that duplicates or conflicts with another record of the zone. */
  static void checkConflicts(World world, String zoneId, Fields f, String selfId) {
    List<Res> sameName =
        world
            .of("cloudflare", "dns_record")
            .filter(r -> zoneId.equals(r.str("zoneId")) && r.name.equals(f.name()))
            .filter(r -> !r.id.equals(selfId))
            .toList();
    for (Res r : sameName) {
      if (r.str("type").equals(f.type()) && r.str("content").equalsIgnoreCase(f.content())) {
        throw CloudflareError.of(400, 81058, "An identical record already exists.");
      }
    }
    boolean otherAddress = sameName.stream().anyMatch(r -> ADDRESS.contains(r.str("type")));
    if (f.type().equals("CNAME") && otherAddress) {
      throw CloudflareError.of(
          400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
    }
    if (ADDRESS.contains(f.type())
        && sameName.stream().anyMatch(r -> r.str("type").equals("CNAME"))) {
      throw CloudflareError.of(400, 81054, "A CNAME record with that host already exists.");
    }
  }

  static void write(Res r, Fields f, World world) {
    r.name = f.name();
    r.attrs.put("type", f.type());
    r.attrs.put("content", f.content());
    r.attrs.put("ttl", f.ttl());
    r.attrs.put("proxied", f.proxied());
    r.attrs.put("comment", f.comment());
    r.attrs.put("tags", new ArrayList<>(f.tags()));
    r.attrs.put("modifiedAt", world.nowMillis());
  }

  static ObjectNode json(Res r, Res zone) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id);
    n.put("zone_id", zone.id);
    n.put("zone_name", zone.name);
    n.put("name", r.name);
    n.put("type", r.str("type"));
    n.put("content", r.str("content"));
    n.put("proxiable", PROXIABLE.contains(r.str("type")));
    n.put("proxied", r.bool("proxied"));
    n.put("ttl", r.num("ttl", 1));
    n.putObject("settings");
    ObjectNode meta = n.putObject("meta");
    meta.put("auto_added", false);
    meta.put("managed_by_apps", false);
    meta.put("managed_by_argo_tunnel", false);
    if (r.str("comment") == null) {
      n.putNull("comment");
    } else {
      n.put("comment", r.str("comment"));
    }
    ArrayNode tags = n.putArray("tags");
    r.listAttr("tags").forEach(t -> tags.add(String.valueOf(t)));
    n.put("created_on", Instant.ofEpochMilli(r.createdAt).toString());
    n.put("modified_on", Instant.ofEpochMilli(r.num("modifiedAt", r.createdAt)).toString());
    return n;
  }

  /**
   * Whether a record passes the list filters ({@code name}, {@code type}, {@code comment.*}, …).
   */
  static boolean matches(Res r, Map<String, String> q, String zone) {
    List<Boolean> results = new ArrayList<>();
    for (Map.Entry<String, String> e : q.entrySet()) {
      String key = e.getKey();
      String want = e.getValue();
      String field = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      String op = key.contains(".") ? key.substring(key.indexOf('.') + 1) : "exact";
      String have;
      switch (field) {
        case "name" -> {
          have = r.name;
          if (op.equals("exact")) {
            want = fullName(want, zone);
          }
        }
        case "content" -> have = r.str("content");
        case "comment" -> have = r.str("comment");
        case "type" -> have = r.str("type");
        case "proxied" -> {
          results.add(Boolean.parseBoolean(want) == r.bool("proxied"));
          continue;
        }
        default -> {
          continue;
        }
      }
      results.add(compare(have, op, want));
    }
    boolean any = "any".equals(q.get("match"));
    return results.isEmpty()
        || (any ? results.contains(Boolean.TRUE) : !results.contains(Boolean.FALSE));
  }

  private static boolean compare(String have, String op, String want) {
    if (op.equals("present")) {
      return have != null && !have.isEmpty();
    }
    if (op.equals("absent")) {
      return have == null || have.isEmpty();
    }
    if (have == null) {
      return false;
    }
    String h = have.toLowerCase(Locale.ROOT);
    String w = Objects.toString(want, "").toLowerCase(Locale.ROOT);
    return switch (op) {
      case "exact" -> h.equals(w);
      case "contains" -> h.contains(w);
      case "startswith" -> h.startsWith(w);
      case "endswith" -> h.endsWith(w);
      default -> false;
    };
  }
}
