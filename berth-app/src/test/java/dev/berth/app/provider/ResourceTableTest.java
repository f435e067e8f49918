package dev.berth.app.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.LocalClients;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.time.BerthClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/internals.md's resource table is rendered from the providers' descriptors, so it cannot
 * drift from the code. Run with {@code -Dberth.updateDocs=true} to rewrite it after changing a
 * descriptor.
 */
class ResourceTableTest {
  private static final Path DOC = Path.of("..", "docs", "internals.md");
  static final String BEGIN =
      "<!-- resource-table: generated from the descriptors by ResourceTableTest; do not edit -->";
  static final String END = "<!-- /resource-table -->";

  @Test
  void internalsResourceTable_isTheOneTheDescriptorsGive() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    assertTrue(from >= 0 && to > from, "docs/internals.md has no " + BEGIN + " … " + END);
    String rendered = BEGIN + "\n" + table() + END;
    String current = doc.substring(from, to + END.length());
    if (Boolean.getBoolean("berth.updateDocs")) {
      Files.writeString(
          DOC,
          doc.substring(0, from) + rendered + doc.substring(to + END.length()),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        rendered,
        current,
        "docs/internals.md's resource table differs from the descriptors; regenerate it with"
            + " mvn -pl berth-app -am test -Dtest=ResourceTableTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dberth.updateDocs=true");
  }

  static String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| type | properties | outputs | replaced when | handler and notes |\n");
    sb.append("|---|---|---|---|---|\n");
    for (ResourceHandler h : handlers().values()) {
      ResourceDescriptor d = h.descriptor();
      ResourceType t = d.type();
      List<String> notes = new ArrayList<>();
      if (d.note() != null && !d.note().isBlank()) {
        notes.add(d.note().replace("|", "\\|"));
      }
      if (t.retain() && notes.stream().noneMatch(n -> n.contains("never deleted"))) {
        notes.add("retained: ensured, never deleted");
      }
      if (t.deleteBeforeCreate()) {
        notes.add("replaced by delete, then create");
      }
      if (t.cascadesDelete()) {
        notes.add("its delete removes its dependents");
      }
      if (!t.ignoreDrift().isEmpty()) {
        notes.add("drift ignored: " + code(t.ignoreDrift().stream().sorted().toList()));
      }
      sb.append("| `")
          .append(t.name())
          .append("` | ")
          .append(
              d.properties().values().stream()
                  .map(ResourceTableTest::property)
                  .collect(Collectors.joining(", ")))
          .append(" | ")
          .append(code(d.outputs().keySet().stream().toList()))
          .append(" | ")
          .append(
              t.replaceOn().isEmpty()
                  ? "never (updated in place)"
                  : code(d.properties().keySet().stream().filter(t.replaceOn()::contains).toList()))
          .append(" | ")
          .append(String.join("; ", notes))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String property(PropertyKey<?> k) {
    StringBuilder sb = new StringBuilder("`").append(k.name()).append("` (").append(k.typeName());
    if (!k.required()) {
      sb.append(", optional");
    }
    if (k.defaultValue() != null) {
      sb.append(", default ").append(k.defaultValue());
    }
    sb.append(')');
    if (k.note() != null && !k.note().isBlank()) {
      sb.append(": ").append(k.note().replace("|", "\\|"));
    }
    return sb.toString();
  }

  private static String code(List<String> names) {
    return names.isEmpty()
        ? "—"
        : names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }

  private static Map<String, ResourceHandler> handlers() {
    URI nowhere = URI.create("http://127.0.0.1:9");
    return Providers.of(
            LocalClients.aws("us-east-1", nowhere, "test"),
            Optional.of(new CloudflareClient(nowhere, "t", BerthClock.system())))
        .handlers(true);
  }
}
