package dev.berth.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.NetworkFailures;
import dev.berth.core.time.BerthClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloudflare's v4 API for zones and DNS records. Each call is one attempt: what fails is a {@link
 * CloudflareException} carrying the answer's {@code Retry-After}, and the engine (through {@link
 * CloudflareErrorClassifier}) retries rate limits, server errors and calls that got no answer, on
 * its clock, waiting at least as long as Cloudflare asked. The token is sent as a bearer token and
 * appears nowhere else: not in logs, messages or {@link #toString()}.
 */
public final class CloudflareClient {
  public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
  private static final Logger LOG = LoggerFactory.getLogger(CloudflareClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_SIZE = 100;

  /** A zone: its 32-hex id and its name (lower case, no trailing dot). */
  public record Zone(String id, String name) {}

  /** A DNS record as Cloudflare reports it; {@code comment} may be null. */
  public record DnsRecord(
      String id,
      String zoneId,
      String name,
      String type,
      String content,
      int ttl,
      boolean proxied,
      String comment) {}

  /** The fields berth writes. {@code ttl} 1 means automatic. */
  public record RecordInput(
      String name, String type, String content, int ttl, boolean proxied, String comment) {}

  private final String base;
  private final String token;
  private final BerthClock clock;
  private final HttpClient http;

  public CloudflareClient(URI baseUrl, String token, BerthClock clock) {
    this(
        baseUrl,
        token,
        clock,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  /**
   * @param clock reads the time an HTTP-date {@code Retry-After} is counted from, and waits out a
   *     rate limit
   */
  CloudflareClient(URI baseUrl, String token, BerthClock clock, HttpClient http) {
    this.base = baseUrl.toString().replaceAll("/+$", "");
    this.token = token;
    this.clock = clock;
    this.http = http;
  }

  /**
   * A client configured from {@code CLOUDFLARE_API_TOKEN} and {@code CLOUDFLARE_API_BASE_URL}
   * (default {@value #DEFAULT_BASE_URL}).
   */
  public static CloudflareClient fromEnvironment(Map<String, String> env, BerthClock clock) {
    String token = env.get("CLOUDFLARE_API_TOKEN");
    if (token == null || token.isBlank()) {
      throw new BerthException(
          "CLOUDFLARE_API_TOKEN is not set",
          "create a Cloudflare API token with Zone.DNS edit permission and export it as"
              + " CLOUDFLARE_API_TOKEN",
          FailureKind.BAD_INPUT,
          null);
    }
    String base = env.getOrDefault("CLOUDFLARE_API_BASE_URL", DEFAULT_BASE_URL);
    return new CloudflareClient(URI.create(base), token.trim(), clock);
  }

  /** The token's status ({@code active}, {@code disabled}, {@code expired}). */
  public String verifyToken() throws InterruptedException {
    return call("GET", "/user/tokens/verify", Map.of(), null, null)
        .path("result")
        .path("status")
        .asText();
  }

  /** The zone of exactly this name the token can see. */
  public Optional<Zone> zone(String name) throws InterruptedException {
    String n = normalize(name);
    JsonNode result = call("GET", "/zones", Map.of("name", n), null, n).path("result");
    for (JsonNode z : result) {
      if (normalize(z.path("name").asText()).equals(n)) {
        return Optional.of(new Zone(z.path("id").asText(), n));
      }
    }
    return Optional.empty();
  }

  /**
   * The zone a hostname belongs to: the longest of its suffixes (down to two labels) that is a zone
   * the token can see.
   */
  public Optional<Zone> findZone(String hostname) throws InterruptedException {
    for (String candidate : zoneCandidates(hostname)) {
      Optional<Zone> z = zone(candidate);
      if (z.isPresent()) {
        return z;
      }
    }
    return Optional.empty();
  }

  /** {@code a.b.example.com} → {@code [a.b.example.com, b.example.com, example.com]}. */
  static List<String> zoneCandidates(String hostname) {
    String[] labels = normalize(hostname).split("\\.");
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 2 <= labels.length; i++) {
      out.add(String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)));
    }
    return out;
  }

  /** Every record of the zone that passes the filters ({@code name}, {@code type}, …). */
  public List<DnsRecord> listRecords(Zone zone, Map<String, String> filters)
      throws InterruptedException {
    List<DnsRecord> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, String> q = new LinkedHashMap<>(filters);
      q.put("page", String.valueOf(page));
      q.put("per_page", String.valueOf(PAGE_SIZE));
      JsonNode body = call("GET", records(zone), q, null, zone.name());
      JsonNode result = body.path("result");
      result.forEach(r -> out.add(record(r, zone)));
      int totalPages = body.path("result_info").path("total_pages").asInt(0);
      boolean more = totalPages > 0 ? page < totalPages : result.size() == PAGE_SIZE;
      if (!more || result.isEmpty()) {
        return out;
      }
    }
  }

  /** The record, or empty if Cloudflare answers that it does not exist. */
  public Optional<DnsRecord> getRecord(Zone zone, String id) throws InterruptedException {
    try {
      return Optional.of(
          record(
              call("GET", records(zone) + "/" + id, Map.of(), null, zone.name()).path("result"),
              zone));
    } catch (CloudflareException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public DnsRecord createRecord(Zone zone, RecordInput in) throws InterruptedException {
    return record(
        call("POST", records(zone), Map.of(), body(in), zone.name()).path("result"), zone);
  }

  /** Overwrites the record (PUT): fields not given are reset. */
  public DnsRecord updateRecord(Zone zone, String id, RecordInput in) throws InterruptedException {
    return record(
        call("PUT", records(zone) + "/" + id, Map.of(), body(in), zone.name()).path("result"),
        zone);
  }

  /** Deletes the record; false if it did not exist. */
  public boolean deleteRecord(Zone zone, String id) throws InterruptedException {
    try {
      call("DELETE", records(zone) + "/" + id, Map.of(), null, zone.name());
      return true;
    } catch (CloudflareException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "CloudflareClient[" + base + "]";
  }

  // ---- HTTP

  private JsonNode call(
      String method, String path, Map<String, String> query, ObjectNode body, String zoneName)
      throws InterruptedException {
    String call = method + " " + path;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path + queryString(query)))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest request = b.build();
    HttpResponse<String> resp;
    for (int limited = 0; ; limited++) {
      resp = send(call, request);
      if (resp.statusCode() != 429 || limited >= RATE_LIMIT_WAITS) {
        break;
      }
      // A rate limit is about this token's recent calls, not about the step: waiting here (on the
      // engine's clock, as long as Cloudflare asks) keeps one limited call from failing a step of
      // several calls; past RATE_LIMIT_WAITS the engine's retries take over.
      Duration wait = retryAfter(resp).orElse(Duration.ofSeconds(1));
      clock.sleep(wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0 ? MAX_RATE_LIMIT_WAIT : wait);
    }
    int status = resp.statusCode();
    LOG.debug("Cloudflare call answered [call={}, status={}]", call, status);
    JsonNode json = parse(resp.body());
    if (status >= 200 && status < 300 && json.path("success").asBoolean(true)) {
      return json;
    }
    Duration retryAfter = status == 429 || status >= 500 ? retryAfter(resp).orElse(null) : null;
    throw new CloudflareException(
        call, status, errors(json), hint(status, zoneName), retryAfter, null);
  }

  /** How often one call waits out a rate limit in place before it fails for the engine to retry. */
  static final int RATE_LIMIT_WAITS = 3;

  private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(1);

  private HttpResponse<String> send(String call, HttpRequest request) throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String reason = NetworkFailures.reason(e);
      throw new CloudflareException(
          call,
          0,
          List.of(
              new CloudflareException.Error(
                  0,
                  reason == null
                      ? e.getClass().getSimpleName()
                      : "the Cloudflare API at " + base + " could not be reached: " + reason)),
          "check the network, any proxy and CLOUDFLARE_API_BASE_URL (" + base + "), then run again",
          e);
    }
  }

  private Optional<Duration> retryAfter(HttpResponse<?> resp) {
    Optional<String> h = resp.headers().firstValue("Retry-After");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(h.get().trim()));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(h.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        d = Duration.between(clock.instant(), at.toInstant());
      } catch (RuntimeException bad) {
        return Optional.empty();
      }
    }
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    return Optional.of(d);
  }

  private static String hint(int status, String zoneName) {
    if (status == 401 || status == 403) {
      return "check CLOUDFLARE_API_TOKEN has Zone.DNS edit permission on "
          + (zoneName == null ? "the zone" : zoneName);
    }
    if (status == 429) {
      return "Cloudflare allows 1200 API requests per 5 minutes; wait a few minutes and run again";
    }
    if (status >= 500) {
      return "Cloudflare is failing; run the command again later";
    }
    return null;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = JSON.readTree(body == null ? "" : body);
      return n == null ? JSON.createObjectNode() : n;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static List<CloudflareException.Error> errors(JsonNode json) {
    List<CloudflareException.Error> out = new ArrayList<>();
    for (JsonNode e : json.path("errors")) {
      out.add(new CloudflareException.Error(e.path("code").asInt(), e.path("message").asText()));
      for (JsonNode c : e.path("error_chain")) {
        out.add(new CloudflareException.Error(c.path("code").asInt(), c.path("message").asText()));
      }
    }
    return out;
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    return "?"
        + query.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  private static String records(Zone zone) {
    return "/zones/" + zone.id() + "/dns_records";
  }

  private static ObjectNode body(RecordInput in) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", in.type());
    n.put("name", in.name());
    n.put("content", in.content());
    n.put("ttl", in.ttl());
    n.put("proxied", in.proxied());
    if (in.comment() == null) {
      n.putNull("comment");
    } else {
      n.put("comment", in.comment());
    }
    return n;
  }

  private static DnsRecord record(JsonNode r, Zone zone) {
    JsonNode comment = r.path("comment");
    return new DnsRecord(
        r.path("id").asText(),
        zone.id(),
        normalize(r.path("name").asText()),
        r.path("type").asText(),
        r.path("content").asText(),
        r.path("ttl").asInt(1),
        r.path("proxied").asBoolean(false),
        comment.isMissingNode() || comment.isNull() ? null : comment.asText());
  }

  /** Lower case, no trailing dot. */
  static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
