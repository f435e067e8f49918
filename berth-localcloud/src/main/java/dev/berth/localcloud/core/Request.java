package dev.berth.localcloud.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One API call as the server received it. {@code service} is the SigV4 signing name from the
 * Authorization header's credential scope (ec2, iam, sts, elasticloadbalancing, ecs, acm,
 * secretsmanager, logs, route53, s3, tagging) or {@code cloudflare}; {@code action} is the
 * operation name (the query {@code Action}, the suffix of {@code X-Amz-Target}, or for REST
 * protocols a name the service sets).
 */
public final class Request {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String service;
  private final String region;
  private final String accessKey;
  private Map<String, String> form;
  private JsonNode json;
  private String action;

  public Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body,
      String service,
      String region,
      String accessKey) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.service = service;
    this.region = region;
    this.accessKey = accessKey;
  }

  public String method() {
    return method;
  }

  /** The decoded path, for example {@code /2013-04-01/hostedzone/Z1/rrset}. */
  public String path() {
    return path;
  }

  /** URL query parameters (decoded). */
  public Map<String, String> query() {
    return query;
  }

  /** A header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String service() {
    return service;
  }

  public String region() {
    return region;
  }

  public String accessKey() {
    return accessKey;
  }

  public String action() {
    return action;
  }

  public void action(String action) {
    this.action = action;
  }

  /** Form parameters of a query-protocol call (body and URL query merged). */
  public Map<String, String> form() {
    if (form == null) {
      Map<String, String> f = new LinkedHashMap<>(query);
      f.putAll(parseForm(bodyText()));
      form = f;
    }
    return form;
  }

  /** A form parameter, or null. */
  public String param(String name) {
    return form().get(name);
  }

  /** A required form parameter; MissingParameter otherwise. */
  public String required(String name) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      throw AwsException.client(
          "MissingParameter", "The request must contain the parameter " + name);
    }
    return v;
  }

  /**
   * The values of a numbered list parameter in order: {@code list("SubnetId")} reads {@code
   * SubnetId.1, SubnetId.2, ...} (EC2); {@code list("Subnets.member")} reads {@code
   * Subnets.member.1, ...} (query).
   */
  public List<String> list(String prefix) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    String p = prefix + ".";
    for (Map.Entry<String, String> e : form().entrySet()) {
      String k = e.getKey();
      if (k.startsWith(p)) {
        String rest = k.substring(p.length());
        if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
          byIndex.put(Integer.parseInt(rest), e.getValue());
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /**
   * The structures of a numbered list parameter: {@code structs("Filter")} gives for {@code
   * Filter.1.Name=x&Filter.1.Value.1=y} a map {@code {Name=x, Value.1=y}} per index, in order.
   */
  public List<Map<String, String>> structs(String prefix) {
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    String p = prefix + ".";
    for (Map.Entry<String, String> e : form().entrySet()) {
      String k = e.getKey();
      if (k.startsWith(p)) {
        String rest = k.substring(p.length());
        int dot = rest.indexOf('.');
        if (dot > 0 && rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
          int idx = Integer.parseInt(rest.substring(0, dot));
          byIndex
              .computeIfAbsent(idx, i -> new LinkedHashMap<>())
              .put(rest.substring(dot + 1), e.getValue());
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** Values of a numbered list inside a struct from {@link #structs}: {@code Value.1, Value.2}. */
  public static List<String> listIn(Map<String, String> struct, String prefix) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    String p = prefix + ".";
    struct.forEach(
        (k, v) -> {
          if (k.startsWith(p) && k.substring(p.length()).chars().allMatch(Character::isDigit)) {
            byIndex.put(Integer.parseInt(k.substring(p.length())), v);
          }
        });
    return new ArrayList<>(byIndex.values());
  }

  /** The JSON body of a JSON-protocol call (an empty object if the body is empty). */
  public JsonNode json() {
    if (json == null) {
      try {
        json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw AwsException.client("SerializationException", "The request body is not valid JSON");
      }
      if (json == null || json instanceof MissingNode) {
        json = JSON.createObjectNode();
      }
    }
    return json;
  }

  public static Map<String, String> parseForm(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(k), decode(v));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("bad form encoding"));
    }
  }
}
