package dev.berth.localcloud.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Secrets: {@code secretsmanager/secret} resources, id and arn the secret ARN ({@code
 * …:secret:<name>-<6 chars>}), name the secret name; attrs {@code deletedAt} while scheduled for
 * deletion ({@link Res#expiresAt} then removes it), values under {@code secret*} attrs (see {@link
 * SecretVersions}). A force-deleted name stays unusable for {@code secrets.deletion}, remembered in
 * the world's meta under {@link #PURGING}.
 */
final class Secrets {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PURGING = "secretsmanager.purging";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@!-]{1,512}");
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String SCHEDULED =
      "You can't create this secret because a secret with this name is already scheduled for"
          + " deletion.";
  private static final String MARKED =
      "You can't perform this operation on the secret because it was marked for deletion.";

  private Secrets() {}

  /** A secret of {@code region} by name, ARN or partial ARN (without the random suffix). */
  static Optional<Res> find(World w, String region, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return w.of("secretsmanager", "secret", region)
        .filter(
            s ->
                id.equals(s.arn)
                    || id.equals(s.name)
                    || id.equals(s.arn.substring(0, s.arn.length() - 7)))
        .findFirst();
  }

  static Res require(World w, String region, JsonNode in) {
    return find(w, region, in.path("SecretId").asText(null))
        .orElseThrow(
            () ->
                AwsException.client(
                    "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret."));
  }

  private static Res requireLive(World w, String region, JsonNode in) {
    Res s = require(w, region, in);
    if (s.attrs.containsKey("deletedAt")) {
      throw AwsException.client("InvalidRequestException", MARKED);
    }
    return s;
  }

  /** Force-deleted names still held, keyed {@code region/name} (each region has its own names). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> purging(World w) {
    return (Map<String, Object>) w.meta().computeIfAbsent(PURGING, k -> new LinkedHashMap<>());
  }

  private static String purgeKey(String region, String name) {
    return region + "/" + name;
  }

  static Response create(Request req, World w) {
    JsonNode in = req.json();
    String name = in.path("Name").asText(null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw AwsException.client(
          "InvalidParameterException",
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the"
              + " following: -/_+=.@!");
    }
    SecretVersions.Value value = SecretVersions.Value.of(in);
    String token = token(in, w);
    Map<String, String> tags = tags(in.path("Tags"));
    Object purgeUntil = purging(w).get(purgeKey(req.region(), name));
    if (purgeUntil instanceof Number n && n.longValue() > w.nowMillis()) {
      throw AwsException.client("InvalidRequestException", SCHEDULED);
    }
    Optional<Res> existing = find(w, req.region(), name).filter(s -> s.name.equals(name));
    if (existing.isPresent()) {
      Res s = existing.get();
      if (s.attrs.containsKey("deletedAt")) {
        throw AwsException.client("InvalidRequestException", SCHEDULED);
      }
      Optional<Map<String, Object>> same = SecretVersions.byId(s, token);
      if (same.isPresent() && value != null && value.sameAs(same.get())) {
        return json(arnAndName(s).put("VersionId", token));
      }
      throw AwsException.client(
          "ResourceExistsException",
          "The operation failed because the secret " + name + " already exists.");
    }
    String arn = w.arn("secretsmanager", req.region(), "secret:" + name + "-" + suffix(w));
    Res s = new Res("secretsmanager", "secret", arn);
    s.arn = arn;
    s.name = name;
    s.state = "active";
    s.attrs.put("region", req.region());
    if (in.has("Description")) {
      s.attrs.put("description", in.get("Description").asText());
    }
    if (in.has("KmsKeyId")) {
      s.attrs.put("kmsKeyId", in.get("KmsKeyId").asText());
    }
    s.attrs.put("secretVersions", new ArrayList<>());
    s.attrs.put("lastChangedAt", w.nowMillis());
    s.tags.putAll(tags);
    w.put(s);
    ObjectNode out = arnAndName(s);
    if (value != null) {
      SecretVersions.put(s, token, value, List.of(SecretVersions.CURRENT), w.nowMillis());
      out.put("VersionId", token);
    }
    return json(out);
  }

  static Response describe(Request req, World w) {
    Res s = require(w, req.region(), req.json());
    ObjectNode out = arnAndName(s);
    if (s.str("description") != null) {
      out.put("Description", s.str("description"));
    }
    if (s.str("kmsKeyId") != null) {
      out.put("KmsKeyId", s.str("kmsKeyId"));
    }
    dates(out, s);
    if (!s.tags.isEmpty()) {
      writeTags(out.putArray("Tags"), s.tags);
    }
    SecretVersions.writeStages(out.putObject("VersionIdsToStages"), s);
    out.put("CreatedDate", seconds(s.createdAt));
    return json(out);
  }

  static Response getValue(Request req, World w) {
    JsonNode in = req.json();
    Res s = requireLive(w, req.region(), in);
    String versionId = in.path("VersionId").asText(null);
    String stage = in.path("VersionStage").asText(SecretVersions.CURRENT);
    Optional<Map<String, Object>> found =
        versionId == null
            ? SecretVersions.byStage(s, stage)
            : SecretVersions.byId(s, versionId)
                .filter(x -> !in.has("VersionStage") || SecretVersions.stages(x).contains(stage));
    Map<String, Object> v =
        found.orElseThrow(
            () ->
                AwsException.client(
                    "ResourceNotFoundException",
                    versionId != null
                        ? "Secrets Manager can't find the specified secret value for VersionId: "
                            + versionId
                        : "Secrets Manager can't find the specified secret value for staging label: "
                            + stage));
    s.attrs.put("lastAccessedAt", w.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli());
    ObjectNode out = arnAndName(s);
    out.put("VersionId", (String) v.get("versionId"));
    if (v.get("secretString") != null) {
      out.put("SecretString", (String) v.get("secretString"));
    }
    if (v.get("secretBinary") != null) {
      out.put("SecretBinary", (String) v.get("secretBinary"));
    }
    ArrayNode stages = out.putArray("VersionStages");
    SecretVersions.stages(v).forEach(stages::add);
    out.put("CreatedDate", seconds(((Number) v.get("createdAt")).longValue()));
    return json(out);
  }

  static Response putValue(Request req, World w) {
    JsonNode in = req.json();
    Res s = requireLive(w, req.region(), in);
    SecretVersions.Value value = SecretVersions.Value.of(in);
    if (value == null) {
      throw AwsException.client(
          "InvalidRequestException", "You must provide either SecretString or SecretBinary.");
    }
    List<String> stages = new ArrayList<>();
    in.path("VersionStages").forEach(x -> stages.add(x.asText()));
    if (stages.isEmpty()) {
      stages.add(SecretVersions.CURRENT);
    }
    String token = token(in, w);
    Map<String, Object> v = SecretVersions.put(s, token, value, stages, w.nowMillis());
    ObjectNode out = arnAndName(s);
    out.put("VersionId", token);
    ArrayNode st = out.putArray("VersionStages");
    SecretVersions.stages(v).forEach(st::add);
    return json(out);
  }

  static Response update(Request req, World w) {
    JsonNode in = req.json();
    Res s = requireLive(w, req.region(), in);
    if (in.has("Description")) {
      s.attrs.put("description", in.get("Description").asText());
      s.attrs.put("lastChangedAt", w.nowMillis());
    }
    if (in.has("KmsKeyId")) {
      s.attrs.put("kmsKeyId", in.get("KmsKeyId").asText());
    }
    ObjectNode out = arnAndName(s);
    SecretVersions.Value value = SecretVersions.Value.of(in);
    if (value != null) {
      String token = token(in, w);
      SecretVersions.put(s, token, value, List.of(SecretVersions.CURRENT), w.nowMillis());
      out.put("VersionId", token);
    }
    return json(out);
  }

  static Response delete(Request req, World w) {
    JsonNode in = req.json();
    Res s = require(w, req.region(), in);
    boolean force = in.path("ForceDeleteWithoutRecovery").asBoolean(false);
    boolean hasWindow = in.has("RecoveryWindowInDays");
    if (force && hasWindow) {
      throw AwsException.client(
          "InvalidParameterException",
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    long days = in.path("RecoveryWindowInDays").asLong(30);
    if (days < 7 || days > 30) {
      throw AwsException.client(
          "InvalidParameterException",
          "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    }
    long now = w.nowMillis();
    ObjectNode out = arnAndName(s);
    if (force) {
      w.remove(s);
      long until = now + w.delayMillis("secrets.deletion");
      if (until > now) {
        purging(w).put(purgeKey(s.region(), s.name), until);
      }
      out.put("DeletionDate", seconds(now));
      return json(out);
    }
    if (s.attrs.containsKey("deletedAt")) {
      throw AwsException.client(
          "InvalidRequestException",
          "You can't perform this operation on the secret because it was already scheduled for"
              + " deletion.");
    }
    long at = now + Duration.ofDays(days).toMillis();
    s.attrs.put("deletedAt", now);
    s.expiresAt = at;
    s.state = "scheduled";
    out.put("DeletionDate", seconds(at));
    return json(out);
  }

  static Response restore(Request req, World w) {
    Res s = require(w, req.region(), req.json());
    s.attrs.remove("deletedAt");
    s.expiresAt = null;
    s.state = "active";
    return json(arnAndName(s));
  }

  static Response tag(Request req, World w) {
    Res s = require(w, req.region(), req.json());
    Map<String, String> tags = tags(req.json().path("Tags"));
    if (tags.isEmpty()) {
      throw AwsException.client("InvalidParameterException", "You must specify at least one tag.");
    }
    s.tags.putAll(tags);
    if (s.tags.size() > 50) {
      throw AwsException.client("InvalidRequestException", "You can't add more than 50 tags.");
    }
    return json(JSON.createObjectNode());
  }

  static Response untag(Request req, World w) {
    Res s = require(w, req.region(), req.json());
    req.json().path("TagKeys").forEach(k -> s.tags.remove(k.asText()));
    return json(JSON.createObjectNode());
  }

  static ObjectNode arnAndName(Res s) {
    ObjectNode out = JSON.createObjectNode();
    out.put("ARN", s.arn);
    out.put("Name", s.name);
    return out;
  }

  static void dates(ObjectNode out, Res s) {
    out.put("LastChangedDate", seconds(s.num("lastChangedAt", s.createdAt)));
    if (s.attrs.containsKey("lastAccessedAt")) {
      out.put("LastAccessedDate", seconds(s.num("lastAccessedAt", 0)));
    }
    if (s.attrs.containsKey("deletedAt")) {
      out.put("DeletedDate", seconds(s.num("deletedAt", 0)));
    }
  }

  static void writeTags(ArrayNode arr, Map<String, String> tags) {
    tags.forEach((k, v) -> arr.addObject().put("Key", k).put("Value", v));
  }

  private static Map<String, String> tags(JsonNode given) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : given) {
      String key = t.path("Key").asText("");
      if (key.isEmpty() || key.length() > 128 || key.startsWith("aws:")) {
        throw AwsException.client("InvalidParameterException", "Invalid tag key: " + key);
      }
      out.put(key, t.path("Value").asText(""));
    }
    return out;
  }

  private static String token(JsonNode in, World w) {
    String token = in.path("ClientRequestToken").asText(null);
    if (token == null) {
      return w.uuid();
    }
    if (token.length() < 32 || token.length() > 64) {
      throw AwsException.client(
          "InvalidParameterException",
          "ClientRequestToken must be between 32 and 64 characters long.");
    }
    return token;
  }

  private static String suffix(World w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(ALNUM.charAt(w.random().nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  static double seconds(long millis) {
    return millis / 1000.0;
  }

  static Response json(ObjectNode out) {
    return Response.amzJson(out.toString());
  }
}
