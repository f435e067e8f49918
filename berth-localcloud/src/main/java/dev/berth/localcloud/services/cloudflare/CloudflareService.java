package dev.berth.localcloud.services.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare's v4 API for zones and DNS records under {@code /client/v4}. A bearer token opens the
 * zones registered with it through the control API; every answer is in Cloudflare's {@code
 * {success, errors, messages, result}} envelope.
 */
public final class CloudflareService implements AwsService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/client/v4";
  private static final Pattern ZONE = Pattern.compile("^/zones/([^/]+)/?$");
  private static final Pattern RECORDS = Pattern.compile("^/zones/([^/]+)/dns_records/?$");
  private static final Pattern RECORD = Pattern.compile("^/zones/([^/]+)/dns_records/([^/]+)/?$");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

  @Override
  public String signingName() {
    return "cloudflare";
  }

  @Override
  public Protocol protocol() {
    return Protocol.CLOUDFLARE;
  }

  @Override
  public String action(Request req) {
    String p = route(req);
    String m = req.method();
    if (p.matches("^/user/tokens/verify/?$")) {
      return m.equals("GET") ? "VerifyToken" : null;
    }
    if (p.matches("^/zones/?$")) {
      return m.equals("GET") ? "ListZones" : null;
    }
    if (ZONE.matcher(p).matches()) {
      return m.equals("GET") ? "GetZone" : null;
    }
    if (RECORDS.matcher(p).matches()) {
      return switch (m) {
        case "GET" -> "ListDnsRecords";
        case "POST" -> "CreateDnsRecord";
        default -> null;
      };
    }
    if (RECORD.matcher(p).matches()) {
      return switch (m) {
        case "GET" -> "GetDnsRecord";
        case "PUT" -> "UpdateDnsRecord";
        case "PATCH" -> "PatchDnsRecord";
        case "DELETE" -> "DeleteDnsRecord";
        default -> null;
      };
    }
    return null;
  }

  @Override
  public Response handle(Request req, World world) {
    try {
      return dispatch(req, world);
    } catch (CloudflareError e) {
      return envelope(e);
    }
  }

  private Response dispatch(Request req, World world) {
    String action = req.action();
    if (action == null) {
      throw CloudflareError.of(400, 7000, "No route for that URI");
    }
    String token = bearer(req);
    if (action.equals("VerifyToken")) {
      if (token == null || zonesOf(world, token).isEmpty()) {
        throw CloudflareError.of(401, 1000, "Invalid API Token");
      }
      ObjectNode result = JSON.createObjectNode();
      result.put("id", tokenId(token));
      result.put("status", "active");
      ObjectNode body = ok(result);
      ObjectNode msg = ((ArrayNode) body.get("messages")).addObject();
      msg.put("code", 10000);
      msg.put("message", "This API Token is valid and active");
      msg.putNull("type");
      return json(body);
    }
    if (token == null || zonesOf(world, token).isEmpty()) {
      throw CloudflareError.of(401, 10000, "Authentication error");
    }
    String p = route(req);
    if (action.equals("ListZones")) {
      return listZones(req, world, token);
    }
    Matcher m = Pattern.compile("^/zones/([^/]+)").matcher(p);
    m.find();
    Res zone = zone(world, m.group(1), token, p);
    return switch (action) {
      case "GetZone" -> json(ok(zoneJson(zone)));
      case "ListDnsRecords" -> listRecords(req, world, zone);
      case "CreateDnsRecord" -> createRecord(req, world, zone);
      default -> {
        Matcher r = RECORD.matcher(p);
        r.matches();
        Res rec = record(world, zone, r.group(2));
        yield switch (action) {
          case "GetDnsRecord" -> json(ok(DnsRecords.json(rec, zone)));
          case "UpdateDnsRecord" -> updateRecord(req, world, zone, rec, false);
          case "PatchDnsRecord" -> updateRecord(req, world, zone, rec, true);
          case "DeleteDnsRecord" -> {
            world.remove(rec);
            ObjectNode result = JSON.createObjectNode();
            result.put("id", rec.id);
            yield json(ok(result));
          }
          default -> throw CloudflareError.of(400, 7000, "No route for that URI");
        };
      }
    };
  }

  private Response listZones(Request req, World world, String token) {
    String name = req.query().get("name");
    String status = req.query().get("status");
    List<Res> zones =
        zonesOf(world, token).stream()
            .filter(z -> name == null || z.name.equalsIgnoreCase(name.replaceAll("\\.$", "")))
            .filter(z -> status == null || status.equals(z.state))
            .sorted(Comparator.comparing((Res z) -> z.name))
            .toList();
    if ("desc".equals(req.query().get("direction"))) {
      zones = new java.util.ArrayList<>(zones);
      java.util.Collections.reverse(zones);
    }
    return page(req, zones, 20, 50, z -> zoneJson(z));
  }

  private Response listRecords(Request req, World world, Res zone) {
    Comparator<Res> order =
        switch (req.query().getOrDefault("order", "type")) {
          case "name" -> Comparator.comparing((Res r) -> r.name);
          case "content" -> Comparator.comparing((Res r) -> r.str("content"));
          case "ttl" -> Comparator.comparingLong((Res r) -> r.num("ttl", 1));
          case "proxied" -> Comparator.comparing((Res r) -> r.bool("proxied"));
          default -> Comparator.comparing((Res r) -> r.str("type"));
        };
    order = order.thenComparing(r -> r.name).thenComparing(r -> r.str("content"));
    if ("desc".equals(req.query().get("direction"))) {
      order = order.reversed();
    }
    List<Res> records =
        world
            .of("cloudflare", "dns_record")
            .filter(r -> zone.id.equals(r.str("zoneId")))
            .filter(r -> DnsRecords.matches(r, req.query(), zone.name))
            .sorted(order)
            .toList();
    return page(req, records, 100, 5000, r -> DnsRecords.json(r, zone));
  }

  private Response createRecord(Request req, World world, Res zone) {
    DnsRecords.Fields f = DnsRecords.validate(DnsRecords.Fields.of(body(req)), zone.name);
    DnsRecords.checkConflicts(world, zone.id, f, "");
    Res r = new Res("cloudflare", "dns_record", world.newId("", 32));
    r.attrs.put("zoneId", zone.id);
    r.refs.add(zone.id);
    r.state = "active";
    DnsRecords.write(r, f, world);
    world.put(r);
    return json(ok(DnsRecords.json(r, zone)));
  }

  private Response updateRecord(Request req, World world, Res zone, Res rec, boolean patch) {
    DnsRecords.Fields given = DnsRecords.Fields.of(body(req));
    DnsRecords.Fields f =
        DnsRecords.validate(patch ? given.over(DnsRecords.fieldsOf(rec)) : given, zone.name);
    DnsRecords.checkConflicts(world, zone.id, f, rec.id);
    DnsRecords.write(rec, f, world);
    return json(ok(DnsRecords.json(rec, zone)));
  }

  private static JsonNode body(Request req) {
    try {
      return req.json();
    } catch (AwsException e) {
      throw CloudflareError.of(400, 9207, "Request body is invalid.");
    }
  }

  private Response page(
      Request req,
      List<Res> items,
      int dflt,
      int max,
      java.util.function.Function<Res, ObjectNode> f) {
    int perPage = Math.max(1, Math.min(max, intParam(req, "per_page", dflt)));
    int page = Math.max(1, intParam(req, "page", 1));
    int from = Math.min(items.size(), (page - 1) * perPage);
    List<Res> slice = items.subList(from, Math.min(items.size(), from + perPage));
    ArrayNode result = JSON.createArrayNode();
    slice.forEach(r -> result.add(f.apply(r)));
    ObjectNode body = ok(result);
    ObjectNode info = body.putObject("result_info");
    info.put("page", page);
    info.put("per_page", perPage);
    info.put("count", slice.size());
    info.put("total_count", items.size());
    info.put("total_pages", (items.size() + perPage - 1) / perPage);
    return json(body);
  }

  private static int intParam(Request req, String name, int dflt) {
    String v = req.query().get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw CloudflareError.of(400, 1004, "Invalid " + name + ": " + v);
    }
  }

  private static Res zone(World world, String id, String token, String path) {
    if (!HEX32.matcher(id).matches()) {
      throw CloudflareError.of(
          400, 7003, "Could not route to " + path + ", perhaps your object identifier is invalid?");
    }
    Res zone =
        world
            .get("cloudflare", "zone", id)
            .orElseThrow(() -> CloudflareError.of(404, 1001, "Invalid zone identifier"));
    if (!token.equals(zone.str("token"))) {
      throw CloudflareError.of(403, 10000, "Authentication error");
    }
    return zone;
  }

  private static Res record(World world, Res zone, String id) {
    return world
        .get("cloudflare", "dns_record", id)
        .filter(r -> zone.id.equals(r.str("zoneId")))
        .orElseThrow(() -> CloudflareError.of(404, 81044, "Record does not exist."));
  }

  private static List<Res> zonesOf(World world, String token) {
    return world.of("cloudflare", "zone").filter(z -> token.equals(z.str("token"))).toList();
  }

  private static String bearer(Request req) {
    String auth = req.header("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = auth.substring(7).trim();
    return t.isEmpty() ? null : t;
  }

  /** A stable id for a token that reveals nothing of it. */
  private static String tokenId(String token) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode zoneJson(Res z) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", z.id);
    n.put("name", z.name);
    n.put("status", z.state == null ? "active" : z.state);
    n.put("paused", false);
    n.put("type", "full");
    n.put("development_mode", 0);
    ArrayNode ns = n.putArray("name_servers");
    ns.add("ada.ns.cloudflare.com");
    ns.add("bob.ns.cloudflare.com");
    n.putNull("original_name_servers");
    n.putNull("original_registrar");
    n.putNull("original_dnshost");
    String created = Instant.ofEpochMilli(z.createdAt).toString();
    n.put("created_on", created);
    n.put("modified_on", created);
    n.put("activated_on", created);
    ObjectNode account = n.putObject("account");
    account.put("id", "0123456789abcdef0123456789abcdef");
    account.put("name", "localcloud");
    ArrayNode perms = n.putArray("permissions");
    perms.add("#dns_records:edit");
    perms.add("#dns_records:read");
    perms.add("#zone:read");
    ObjectNode plan = n.putObject("plan");
    plan.put("id", "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    plan.put("name", "Free Website");
    plan.put("price", 0);
    plan.put("currency", "USD");
    plan.put("legacy_id", "free");
    return n;
  }

  private static String route(Request req) {
    String p = req.path();
    return p.startsWith(BASE) ? p.substring(BASE.length()) : p;
  }

  private static ObjectNode ok(JsonNode result) {
    ObjectNode body = JSON.createObjectNode();
    body.set("result", result);
    body.put("success", true);
    body.putArray("errors");
    body.putArray("messages");
    return body;
  }

  private static Response json(ObjectNode body) {
    return Response.json(200, body.toString());
  }

  private static Response envelope(CloudflareError e) {
    ObjectNode body = JSON.createObjectNode();
    body.putNull("result");
    body.put("success", false);
    ArrayNode errors = body.putArray("errors");
    for (CloudflareError.Entry entry : e.errors()) {
      ObjectNode n = errors.addObject();
      n.put("code", entry.code());
      n.put("message", entry.message());
      if (!entry.chain().isEmpty()) {
        ArrayNode chain = n.putArray("error_chain");
        entry
            .chain()
            .forEach(c -> chain.addObject().put("code", c.code()).put("message", c.message()));
      }
    }
    body.putArray("messages");
    return Response.json(e.status(), body.toString());
  }
}
