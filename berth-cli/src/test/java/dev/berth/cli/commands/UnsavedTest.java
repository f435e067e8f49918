package dev.berth.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Json;
import dev.berth.core.engine.Unrecorded;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.ResourceState.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsavedTest {
  private final FileStateStore store = new FileStateStore(Path.of("/work/app/.berth"), "hello");
  private final List<Unrecorded> unrecorded =
      List.of(
          new Unrecorded(
              "service", "aws.ecs.service", "arn:svc", Unrecorded.Kind.CREATED, Status.CREATING),
          new Unrecorded(
              "tg", "aws.elbv2.target-group", "arn:tg", Unrecorded.Kind.DELETED, Status.DELETING));

  @Test
  void print_whenTheStateCouldNotBeWritten_namesTheFileEachResourceAndWhatTheStateHolds() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Unsaved.print(
        new PrintStream(buf, true, StandardCharsets.UTF_8),
        "the folder is gone",
        unrecorded,
        store);
    String text = buf.toString(StandardCharsets.UTF_8);

    assertTrue(text.contains("The state could not be written: the folder is gone"), text);
    assertTrue(
        text.contains("/work/app/.berth/hello.state.json does not show what this run did to 2"),
        text);
    assertTrue(
        text.contains(
            "service (aws.ecs.service, arn:svc): exists; the state records only the intent"),
        text);
    assertTrue(
        text.contains("tg (aws.elbv2.target-group, arn:tg): deleted; the state still"), text);
    assertTrue(
        Unsaved.fix(store, "destroy").contains("make /work/app/.berth a folder you can write"));
  }

  @Test
  void print_whenEverythingWasRecorded_printsNothing() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Unsaved.print(new PrintStream(buf, true, StandardCharsets.UTF_8), null, List.of(), store);
    assertEquals("", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void json_givesKindAndRecordedStatusByName() throws Exception {
    JsonNode j = Json.MAPPER.readTree(Json.write(Unsaved.json(unrecorded)));

    assertEquals(2, j.size());
    assertEquals("service", j.get(0).path("id").asText());
    assertEquals("arn:svc", j.get(0).path("physicalId").asText());
    assertEquals("CREATED", j.get(0).path("kind").asText());
    assertEquals("CREATING", j.get(0).path("recordedAs").asText());
    assertEquals("DELETED", j.get(1).path("kind").asText());
  }
}
