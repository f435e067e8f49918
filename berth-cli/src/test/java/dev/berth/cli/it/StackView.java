package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stack's resources in localcloud's inventory, by their {@code berth:id} tag; the service's
 * tasks apart, since ECS tags them with the service's id.
 */
public final class StackView {
  private final String stack;
  private final String lineage;
  private final Map<String, JsonNode> byId = new TreeMap<>();
  private final List<JsonNode> tasks = new ArrayList<>();

  StackView(String stack, String lineage, List<JsonNode> berthResources) {
    this.stack = stack;
    this.lineage = lineage;
    for (JsonNode r : berthResources) {
      if (r.path("type").asText().equals("task")) {
        tasks.add(r);
        continue;
      }
      String id = r.path("tags").path("berth:id").asText();
      JsonNode before = byId.put(id, r);
      if (before != null) {
        fail("two live resources carry berth:id=" + id + ": " + before + " and " + r);
      }
    }
  }

  public static StackView of(CliHarness h, String stack) {
    String lineage =
        java.nio.file.Files.exists(h.stateFile(stack))
            ? h.state(stack).path("lineage").asText()
            : null;
    return new StackView(stack, lineage, h.berthResources(stack));
  }

  public Map<String, JsonNode> byId() {
    return byId;
  }

  /** Running tasks of the service (stopped ones are not listed). */
  public List<JsonNode> tasks() {
    return tasks;
  }

  /** The resource tagged {@code berth:id=id}; fails if there is none. */
  public JsonNode get(String id) {
    JsonNode r = byId.get(id);
    assertNotNull(r, () -> "no live resource tagged berth:id=" + id + " in " + byId.keySet());
    return r;
  }

  public JsonNode attr(String id, String name) {
    return get(id).path("attributes").path(name);
  }

  public String id(String id) {
    return get(id).path("id").asText();
  }

  /**
   * Asserts the resource's service/type, its name (null: not checked) and that its tags are exactly
   * {@code berth:stack}, {@code berth:id}, {@code berth:lineage} (the state's), {@code
   * berth:origin} and the user's tags.
   */
  public JsonNode expect(
      String id, String serviceAndType, String name, Map<String, String> userTags) {
    JsonNode r = get(id);
    assertEquals(
        serviceAndType,
        r.path("service").asText() + "/" + r.path("type").asText(),
        () -> "type of " + id);
    if (name != null) {
      assertEquals(name, r.path("name").asText(null), () -> "name of " + id);
    }
    Map<String, String> tags = new LinkedHashMap<>(userTags);
    tags.put("berth:stack", stack);
    tags.put("berth:id", id);
    if (lineage != null) {
      tags.put("berth:lineage", lineage);
    }
    Map<String, String> seen = tagsOf(r);
    String origin = seen.remove("berth:origin");
    assertNotNull(origin, () -> "berth:origin tag of " + id);
    if (lineage == null) {
      seen.remove("berth:lineage");
    }
    assertEquals(new TreeMap<>(tags), seen, () -> "tags of " + id);
    return r;
  }

  static Map<String, String> tagsOf(JsonNode r) {
    Map<String, String> out = new TreeMap<>();
    r.path("tags").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
