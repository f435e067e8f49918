package dev.berth.localcloud.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of a secret, kept in attr {@code secretVersions} (hidden from the inventory with the
 * current value in {@code secretString}/{@code secretBinary}): each {@code versionId,
 * secretString|secretBinary, stages, createdAt}. A new AWSCURRENT version demotes the previous one
 * to AWSPREVIOUS; versions left without a stage are dropped.
 */
final class SecretVersions {
  static final String CURRENT = "AWSCURRENT";
  static final String PREVIOUS = "AWSPREVIOUS";

  private SecretVersions() {}

  /** The value of a request: SecretString or SecretBinary (base64), never both; null if none. */
  record Value(String string, String binary) {
    static Value of(JsonNode in) {
      String s = in.has("SecretString") ? in.get("SecretString").asText() : null;
      String b = in.has("SecretBinary") ? in.get("SecretBinary").asText() : null;
      if (s != null && b != null) {
        throw AwsException.client(
            "InvalidParameterException",
            "You can't specify both a binary secret value and a string secret value in the same"
                + " secret.");
      }
      return s == null && b == null ? null : new Value(s, b);
    }

    boolean sameAs(Map<String, Object> version) {
      return Objects.equals(string, version.get("secretString"))
          && Objects.equals(binary, version.get("secretBinary"));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> all(Res s) {
    List<Map<String, Object>> out = new ArrayList<>();
    s.listAttr("secretVersions").forEach(o -> out.add((Map<String, Object>) o));
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<String> stages(Map<String, Object> version) {
    return (List<String>) version.get("stages");
  }

  static Optional<Map<String, Object>> byId(Res s, String versionId) {
    return all(s).stream().filter(v -> versionId.equals(v.get("versionId"))).findFirst();
  }

  static Optional<Map<String, Object>> byStage(Res s, String stage) {
    return all(s).stream().filter(v -> stages(v).contains(stage)).findFirst();
  }

  /**
   * Adds a version, idempotently: the same token with the same value is the existing version; with
   * another value it is an error, as versions never change.
   */
  static Map<String, Object> put(Res s, String token, Value value, List<String> stages, long now) {
    Optional<Map<String, Object>> existing = byId(s, token);
    if (existing.isPresent()) {
      if (!value.sameAs(existing.get())) {
        throw AwsException.client(
            "ResourceExistsException",
            "You can't modify an existing version, you can only create a new version.");
      }
      return existing.get();
    }
    List<Map<String, Object>> versions = all(s);
    for (Map<String, Object> v : versions) {
      List<String> st = new ArrayList<>(stages(v));
      st.removeAll(stages);
      if (stages.contains(CURRENT)) {
        st.remove(PREVIOUS);
        if (stages(v).contains(CURRENT)) {
          st.add(PREVIOUS);
        }
      }
      v.put("stages", st);
    }
    versions.removeIf(v -> stages(v).isEmpty());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("versionId", token);
    if (value.string() != null) {
      v.put("secretString", value.string());
    }
    if (value.binary() != null) {
      v.put("secretBinary", value.binary());
    }
    v.put("stages", new ArrayList<>(stages));
    v.put("createdAt", now);
    versions.add(v);
    s.attrs.put("secretVersions", new ArrayList<Object>(versions));
    s.attrs.remove("secretString");
    s.attrs.remove("secretBinary");
    byStage(s, CURRENT)
        .ifPresent(
            c -> {
              if (c.get("secretString") != null) {
                s.attrs.put("secretString", c.get("secretString"));
              }
              if (c.get("secretBinary") != null) {
                s.attrs.put("secretBinary", c.get("secretBinary"));
              }
            });
    s.attrs.put("lastChangedAt", now);
    return v;
  }

  static void writeStages(ObjectNode map, Res s) {
    for (Map<String, Object> v : all(s)) {
      var arr = map.putArray((String) v.get("versionId"));
      stages(v).forEach(arr::add);
    }
  }
}
