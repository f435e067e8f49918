package dev.berth.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.SecretRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state file format: pretty JSON with a fixed key order (record fields in declaration order,
 * maps sorted by key) so that state files diff well. Secrets appear only as {@code {"$secret": key,
 * "fingerprint": ...}}.
 */
public final class StateJson {
  public static final int VERSION = 1;
  private static final String SECRET = "$secret";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateJson() {}

  public static String write(State s) {
    ObjectNode root = NODES.objectNode();
    root.put("version", VERSION);
    root.put("stack", s.stack());
    root.put("serial", s.serial());
    root.put("lineage", s.lineage());
    root.put("updatedAt", text(s.updatedAt()));
    root.put("fingerprintSalt", s.fingerprintSalt());
    ObjectNode resources = root.putObject("resources");
    s.resources().forEach((id, r) -> resources.set(id, resource(r)));
    try {
      return MAPPER.writer(printer()).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @throws IllegalArgumentException if {@code json} is not a state of a known version
   */
  public static State read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a state object");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported state version " + version);
    }
    Map<String, ResourceState> resources = new TreeMap<>();
    root.path("resources").properties().forEach(e -> resources.put(e.getKey(), resource(e)));
    return new State(
        required(root, "stack").asText(),
        required(root, "serial").asLong(),
        required(root, "lineage").asText(),
        instant(root.get("updatedAt")),
        resources,
        required(root, "fingerprintSalt").asText());
  }

  private static ObjectNode resource(ResourceState r) {
    ObjectNode n = NODES.objectNode();
    n.put("type", r.type());
    n.put("status", r.status().name());
    n.put("physicalId", r.physicalId());
    n.set("properties", value(new TreeMap<>(r.properties())));
    ObjectNode outputs = n.putObject("outputs");
    r.outputs().forEach(outputs::put);
    ArrayNode deps = n.putArray("dependsOn");
    r.dependsOn().forEach(deps::add);
    n.put("updatedAt", text(r.updatedAt()));
    if (r.error() != null) {
      n.put("error", r.error());
    }
    return n;
  }

  private static ResourceState resource(Map.Entry<String, JsonNode> e) {
    JsonNode n = e.getValue();
    Map<String, String> outputs = new LinkedHashMap<>();
    n.path("outputs").properties().forEach(o -> outputs.put(o.getKey(), o.getValue().asText()));
    Set<String> deps = new LinkedHashSet<>();
    n.path("dependsOn").forEach(d -> deps.add(d.asText()));
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) javaValue(n.path("properties"));
    return new ResourceState(
        e.getKey(),
        required(n, "type").asText(),
        ResourceState.Status.valueOf(required(n, "status").asText()),
        n.hasNonNull("physicalId") ? n.get("physicalId").asText() : null,
        props == null ? Map.of() : props,
        outputs,
        deps,
        instant(n.get("updatedAt")),
        n.hasNonNull("error") ? n.get("error").asText() : null);
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Ref r) {
      throw new IllegalArgumentException("unresolved reference " + r + " cannot be stored");
    }
    if (v instanceof SecretRef s) {
      ObjectNode n = NODES.objectNode();
      n.put(SECRET, s.key());
      n.put("fingerprint", s.fingerprint());
      return n;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode n = NODES.objectNode();
      new TreeMap<>(m).forEach((k, x) -> n.set(String.valueOf(k), value(x)));
      return n;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = NODES.arrayNode();
      l.forEach(x -> a.add(value(x)));
      return a;
    }
    return MAPPER.valueToTree(v);
  }

  private static Object javaValue(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      if (n.has(SECRET)) {
        return new SecretRef(n.get(SECRET).asText(), n.path("fingerprint").asText(null));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(e -> m.put(e.getKey(), javaValue(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(javaValue(x)));
      return l;
    }
    if (n.isNumber()) {
      return n.numberValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return v;
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asText());
  }

  private static DefaultPrettyPrinter printer() {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter p =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    p.indentObjectsWith(lf);
    p.indentArraysWith(lf);
    return p;
  }
}
