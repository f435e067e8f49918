package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value from the spec cannot forge berth's output: an env value holding a newline and a
 * right-to-left override is printed escaped on its own line by plan, and raw (but valid) in its
 * JSON output.
 */
class PrintedValuesIT {
  private static final String VALUE = "hello\n+ fake-line\u202e";
  private static final String ESCAPED = "hello\\n+ fake-line\\u202e";

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @BeforeEach
  void deployHelloThenAddTheValue() {
    CliHarness.Run r = h.berth("deploy");
    assertEquals(0, r.exitCode(), r::toString);
    h.replaceInSpec(
        "instances: 2", "instances: 2\nenv:\n  GREETING: \"hello\\n+ fake-line\\u202e\"");
  }

  @Test
  void plan_whenEnvValueHoldsANewline_printsItEscapedOnOneLine() {
    int mark = h.mark();

    CliHarness.Run r = h.berth("plan");

    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = r.out().lines().toList();
    List<String> showing =
        lines.stream().filter(l -> l.contains("environment") && l.contains(ESCAPED)).toList();
    assertEquals(1, showing.size(), r::toString);
    assertTrue(showing.get(0).startsWith("        environment: "), r::toString);
    assertFalse(lines.stream().anyMatch(l -> l.strip().startsWith("+ fake-line")), r::toString);
    assertFalse(r.all().contains("\u202e"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), r::toString);
  }

  @Test
  void plan_whenOutputIsJson_keepsTheValueExactInValidJson() throws Exception {
    CliHarness.Run r = h.berth("plan", "--output", "json");

    assertEquals(0, r.exitCode(), r::toString);
    JsonNode plan = new ObjectMapper().readTree(r.out());
    boolean found = false;
    for (JsonNode change : plan.path("changes")) {
      for (JsonNode pc : change.path("changes")) {
        if (pc.path("key").asText().equals("environment")) {
          assertEquals(VALUE, pc.path("after").path("GREETING").asText(), r::toString);
          found = true;
        }
      }
    }
    assertTrue(found, r::toString);
  }

  @Test
  void deploy_whenEnvValueHoldsANewline_deploysItUnchanged() {
    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.all().contains("\u202e"), r::toString);
    JsonNode container =
        StackView.of(h, "hello").attr("task-definition", "containerDefinitions").get(0);
    assertEquals(VALUE, container.path("environment").get(0).path("value").asText());
  }
}
