package dev.berth.localcloud.services.acm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ACM certificates: {@code acm/certificate} resources, id and arn the certificate ARN, name the
 * domain, state and attr {@code status}; attrs {@code validationName}, {@code validationValue} (of
 * the domain name), {@code recordAt} (when the validation record shows in DescribeCertificate),
 * {@code recordSeenAt} (first time DNS served it), {@code inUseUntil} (set by ELB when a listener
 * lets go of the certificate).
 */
final class Certificates {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOMAIN =
      Pattern.compile(
          "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
  private static final Pattern TOKEN = Pattern.compile("\\w{1,32}");
  private static final Pattern ARN =
      Pattern.compile("arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]{36}");
  private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

  private Certificates() {}

  static void setStatus(Res cert, String status) {
    cert.state = status;
    cert.attrs.put("status", status);
  }

  /** The certificate an ARN names in the call's region; one of another region is not found. */
  static Res require(World w, String region, String arn) {
    if (arn == null || !ARN.matcher(arn).matches()) {
      throw AwsException.client("InvalidArnException", "String '" + arn + "' is not a valid ARN.");
    }
    return w.get("acm", "certificate", region, arn)
        .orElseThrow(
            () ->
                AwsException.client(
                    "ResourceNotFoundException", "Could not find certificate " + arn + "."));
  }

  static Response request(Request req, World w) {
    JsonNode in = req.json();
    String domain = in.path("DomainName").asText(null);
    if (domain == null || !DOMAIN.matcher(domain).matches() || domain.length() > 253) {
      throw validation(domain, "domainName", DOMAIN.pattern());
    }
    String method = in.path("ValidationMethod").asText("EMAIL");
    if (!method.equals("DNS") && !method.equals("EMAIL")) {
      throw validation(method, "validationMethod", "[EMAIL, DNS]");
    }
    String token = in.path("IdempotencyToken").asText(null);
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw validation(token, "idempotencyToken", "\\w+");
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(domain);
    in.path("SubjectAlternativeNames").forEach(n -> names.add(n.asText()));
    for (String n : names) {
      if (!DOMAIN.matcher(n).matches()) {
        throw validation(n, "subjectAlternativeNames", DOMAIN.pattern());
      }
    }
    if (names.size() > 10) {
      throw AwsException.client(
          "LimitExceededException", "Certificate request has more than 10 domain names.");
    }
    Map<String, String> tags = tags(in.path("Tags"), Map.of());
    long now = w.nowMillis();
    if (token != null) {
      var same =
          w.of("acm", "certificate", req.region())
              .filter(c -> token.equals(c.str("idempotencyToken")))
              .filter(c -> domain.equals(c.name))
              .filter(c -> now - c.createdAt < IDEMPOTENCY_WINDOW.toMillis())
              .findFirst();
      if (same.isPresent()) {
        return arnResponse(same.get().arn);
      }
    }
    String arn = w.arn("acm", req.region(), "certificate/" + w.uuid());
    Res c = new Res("acm", "certificate", arn);
    c.arn = arn;
    c.name = domain;
    c.attrs.put("region", req.region());
    setStatus(c, "PENDING_VALIDATION");
    c.attrs.put("validationMethod", method);
    c.attrs.put("subjectAlternativeNames", new ArrayList<Object>(names));
    if (token != null) {
      c.attrs.put("idempotencyToken", token);
    }
    if (method.equals("DNS")) {
      c.attrs.put("validationName", DnsValidation.recordName(domain));
      c.attrs.put("validationValue", DnsValidation.recordValue(domain));
      c.attrs.put("recordAt", now + w.delayMillis("acm.record"));
    }
    c.tags.putAll(tags);
    w.put(c);
    return arnResponse(arn);
  }

  private static Response arnResponse(String arn) {
    ObjectNode out = JSON.createObjectNode();
    out.put("CertificateArn", arn);
    return Response.amzJson(out.toString());
  }

  static Response describe(Request req, World w) {
    Res c = require(w, req.region(), req.json().path("CertificateArn").asText(null));
    ObjectNode out = JSON.createObjectNode();
    AcmJson.detail(out.putObject("Certificate"), c, w, inUseBy(w, c));
    return Response.amzJson(out.toString());
  }

  /** The load balancers whose listeners use the certificate, as ACM reports them. */
  static List<String> inUseBy(World w, Res c) {
    Set<String> users = new LinkedHashSet<>();
    w.referrers(c.arn)
        .filter(r -> r.service.equals("elasticloadbalancing"))
        .forEach(
            r -> users.add(r.str("loadBalancerArn") != null ? r.str("loadBalancerArn") : r.arn));
    return new ArrayList<>(users);
  }

  static Response delete(Request req, World w) {
    Res c = require(w, req.region(), req.json().path("CertificateArn").asText(null));
    if (!inUseBy(w, c).isEmpty() || c.num("inUseUntil", 0) > w.nowMillis()) {
      throw AwsException.client("ResourceInUseException", "Certificate " + c.arn + " is in use.");
    }
    w.remove(c);
    return Response.amzJson("{}");
  }

  static Response list(Request req, World w) {
    JsonNode in = req.json();
    Set<String> statuses = new LinkedHashSet<>();
    in.path("CertificateStatuses").forEach(s -> statuses.add(s.asText()));
    int max = in.path("MaxItems").asInt(1000);
    if (max < 1 || max > 1000) {
      throw validation(String.valueOf(max), "maxItems", "value between 1 and 1000");
    }
    List<Res> all =
        w.of("acm", "certificate", req.region())
            .filter(c -> statuses.isEmpty() || statuses.contains(c.str("status")))
            .sorted(Comparator.comparing(Certificates::sortKey))
            .toList();
    int start = 0;
    String next = in.path("NextToken").asText(null);
    if (next != null) {
      String from;
      try {
        from = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw AwsException.client("InvalidArgsException", "The NextToken is not valid.");
      }
      while (start < all.size() && sortKey(all.get(start)).compareTo(from) < 0) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + max);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("CertificateSummaryList");
    for (Res c : all.subList(start, end)) {
      AcmJson.summary(list.addObject(), c, !inUseBy(w, c).isEmpty());
    }
    if (end < all.size()) {
      out.put(
          "NextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(sortKey(all.get(end)).getBytes(StandardCharsets.UTF_8)));
    }
    return Response.amzJson(out.toString());
  }

  private static String sortKey(Res c) {
    return String.format(Locale.ROOT, "%015d|%s", c.createdAt, c.arn);
  }

  static Response addTags(Request req, World w) {
    Res c = require(w, req.region(), req.json().path("CertificateArn").asText(null));
    JsonNode given = req.json().path("Tags");
    if (!given.isArray() || given.isEmpty()) {
      throw validation("[]", "tags", "Member must have length greater than or equal to 1");
    }
    c.tags.putAll(tags(given, c.tags));
    return Response.amzJson("{}");
  }

  static Response removeTags(Request req, World w) {
    Res c = require(w, req.region(), req.json().path("CertificateArn").asText(null));
    for (JsonNode t : req.json().path("Tags")) {
      String key = t.path("Key").asText();
      if (!t.has("Value") || t.path("Value").asText().equals(c.tags.get(key))) {
        c.tags.remove(key);
      }
    }
    return Response.amzJson("{}");
  }

  static Response listTags(Request req, World w) {
    Res c = require(w, req.region(), req.json().path("CertificateArn").asText(null));
    ObjectNode out = JSON.createObjectNode();
    ArrayNode tags = out.putArray("Tags");
    c.tags.forEach(
        (k, v) -> {
          ObjectNode t = tags.addObject();
          t.put("Key", k);
          if (v != null && !v.isEmpty()) {
            t.put("Value", v);
          }
        });
    return Response.amzJson(out.toString());
  }

  private static Map<String, String> tags(JsonNode given, Map<String, String> existing) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : given) {
      String key = t.path("Key").asText("");
      if (key.isEmpty() || key.length() > 128 || key.startsWith("aws:")) {
        throw AwsException.client("InvalidTagException", "Tag key '" + key + "' is not valid.");
      }
      out.put(key, t.path("Value").asText(""));
    }
    Set<String> keys = new LinkedHashSet<>(existing.keySet());
    keys.addAll(out.keySet());
    if (keys.size() > 50) {
      throw AwsException.client(
          "TooManyTagsException", "The request contains too many tags for the certificate.");
    }
    return out;
  }

  private static AwsException validation(String value, String field, String constraint) {
    return AwsException.client(
        "ValidationException",
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
            + constraint);
  }
}
