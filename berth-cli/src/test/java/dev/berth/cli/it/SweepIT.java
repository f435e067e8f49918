package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Stacks whose state is not in the folder sweep runs from: one whose state file was lost, one whose
 * state lives in another folder. Sweep lists both, and deletes only the one it is named.
 */
class SweepIT {
  private static final String LINEAGE = "9b8c7d6e-1111-4222-8333-444455556666";

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void sweep_afterTheStateFileIsLost_listsAndDeletesEverythingTheStackMade() throws IOException {
    CliHarness.Run deploy = h.berth("deploy");
    assertEquals(0, deploy.exitCode(), deploy::toString);
    int live = h.berthResources("hello").size();

    CliHarness.Run known = h.berth("sweep");
    assertEquals(0, known.exitCode(), known::toString);
    assertTrue(known.out().contains("Nothing to sweep"), known::toString);

    String lineage = h.state("hello").path("lineage").asText();
    Files.delete(h.stateFile("hello"));
    int mark = h.mark();
    CliHarness.Run list = h.berth("sweep", "--stack", "hello");
    assertEquals(0, list.exitCode(), list::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "listing changes nothing");
    assertTrue(list.out().contains("Stack hello, lineage " + lineage + ": "), list::toString);
    assertTrue(list.out().contains("cloudflare.dns-record"), list::toString);
    assertTrue(list.out().contains("aws.elbv2.load-balancer"), list::toString);

    CliHarness.Run refused = h.berth("sweep", "--delete", "--stack", "hello");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertEquals(live, h.berthResources("hello").size(), "nothing deleted without --yes");

    CliHarness.Run delete = h.berth("sweep", "--delete", "--yes", "--stack", "hello");
    assertEquals(0, delete.exitCode(), delete::toString);
    assertTrue(
        delete.err().contains(" resources of stack hello, lineage " + lineage + " (made by "),
        delete::toString);
    assertTrue(delete.err().contains("which looks complete and serving"), delete::toString);
    assertEquals(List.of(), h.berthResources("hello"));
    assertEquals(List.of(), h.cloudflareRecords(null));
  }

  @Test
  void sweepDelete_withoutStack_refusesAndDeletesNothing_andWithStackLeavesTheOtherStackIntact()
      throws IOException {
    Path prod = otherFolder("prod");
    CliHarness.Run deployProd = h.exec("deploy", "-f", prod.toString());
    assertEquals(0, deployProd.exitCode(), deployProd::toString);
    CliHarness.Run deployHello = h.berth("deploy");
    assertEquals(0, deployHello.exitCode(), deployHello::toString);
    String helloLineage = h.state("hello").path("lineage").asText();
    String prodLineage =
        new ObjectMapper()
            .readTree(prod.resolveSibling(".berth").resolve("prod.state.json").toFile())
            .path("lineage")
            .asText();
    Files.delete(h.stateFile("hello"));
    int prodLive = h.berthResources("prod").size();
    int helloLive = h.berthResources("hello").size();

    int mark = h.mark();
    CliHarness.Run list = h.berth("sweep");
    assertEquals(0, list.exitCode(), list::toString);
    assertTrue(list.out().contains("Stack prod, lineage " + prodLineage + ": "), list::toString);
    assertTrue(list.out().contains("Stack hello, lineage " + helloLineage + ": "), list::toString);
    assertTrue(list.out().contains(", serving\n"), list::toString);
    CliHarness.Run json = h.berth("sweep", "--output", "json");
    assertEquals(0, json.exitCode(), json::toString);
    JsonNode groups = new ObjectMapper().readTree(json.out()).path("groups");
    assertEquals(2, groups.size(), json::toString);
    for (JsonNode g : groups) {
      assertEquals("serving", g.path("health").asText(), g::toString);
      assertTrue(
          List.of(helloLineage, prodLineage).contains(g.path("lineage").asText()), g::toString);
      assertTrue(g.path("oldest").isTextual(), g::toString);
    }

    CliHarness.Run all = h.berth("sweep", "--delete", "--yes");
    assertEquals(2, all.exitCode(), all::toString);
    assertTrue(all.err().contains("--stack NAME or --lineage ID"), all::toString);
    assertTrue(
        all.err().contains("berth sweep --delete --stack prod --lineage " + prodLineage + "    # "),
        all::toString);
    assertTrue(
        all.err()
            .contains("berth sweep --delete --stack hello --lineage " + helloLineage + "    # "),
        all::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "no mutating call before the refusal");
    assertEquals(prodLive, h.berthResources("prod").size());
    assertEquals(helloLive, h.berthResources("hello").size());

    CliHarness.Run delete = h.berth("sweep", "--delete", "--yes", "--stack", "hello");
    assertEquals(0, delete.exitCode(), delete::toString);
    assertTrue(delete.err().contains("which looks complete and serving"), delete::toString);
    assertEquals(List.of(), h.berthResources("hello"));
    assertEquals(prodLive, h.berthResources("prod").size(), "prod keeps every resource");
    assertEquals(1, h.cloudflareRecords("prod.example.com").size());
    CliHarness.Run status = h.exec("status", "-f", prod.toString());
    assertEquals(0, status.exitCode(), status::toString);
    assertFalse(status.out().contains("MISSING"), status::toString);
    assertFalse(status.out().contains("drifted"), status::toString);
    assertTrue(status.out().contains("2 running / 2 desired"), status::toString);
  }

  @Test
  void sweepDelete_ofAStackWithTwoLineages_refusesUntilALineageNarrowsIt() throws IOException {
    assertEquals(0, h.berth("deploy").exitCode());
    String mine = h.state("hello").path("lineage").asText();
    Files.delete(h.stateFile("hello"));
    int live = h.berthResources("hello").size();
    // A VPC of stack hello made by another state, as a berth that records lineages tags it.
    TagSpecification marks =
        TagSpecification.builder()
            .resourceType(ResourceType.VPC)
            .tags(
                tags(
                    Map.of(
                        "berth:stack", "hello",
                        "berth:id", "vpc",
                        "berth:lineage", LINEAGE,
                        "berth:origin", "bob@ci-7 2024-06-01T09:00:00Z")))
            .build();
    String vpc =
        h.aws()
            .ec2()
            .createVpc(r -> r.cidrBlock("10.77.0.0/16").tagSpecifications(List.of(marks)))
            .vpc()
            .vpcId();

    int mark = h.mark();
    CliHarness.Run twice = h.berth("sweep", "--delete", "--yes", "--stack", "hello");
    assertEquals(2, twice.exitCode(), twice::toString);
    assertTrue(twice.err().contains("has resources of 2 lineages"), twice::toString);
    assertTrue(twice.err().contains("--stack hello --lineage " + LINEAGE), twice::toString);
    assertTrue(twice.err().contains("--stack hello --lineage " + mine), twice::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));

    CliHarness.Run tooShort = h.berth("sweep", "--delete", "--yes", "--lineage", "9b8c");
    assertEquals(2, tooShort.exitCode(), tooShort::toString);
    assertTrue(tooShort.err().contains("--lineage '9b8c'"), tooShort::toString);

    CliHarness.Run one =
        h.berth("sweep", "--delete", "--yes", "--lineage", LINEAGE.substring(0, 8));
    assertEquals(0, one.exitCode(), one::toString);
    assertTrue(
        one.err().contains("Deleting 1 resource of stack hello, lineage " + LINEAGE),
        one::toString);
    assertTrue(one.err().contains("made by bob@ci-7 2024-06-01T09:00:00Z"), one::toString);
    assertTrue(h.aws().ec2().describeVpcs().vpcs().stream().noneMatch(v -> v.vpcId().equals(vpc)));
    assertEquals(live, h.berthResources("hello").size(), "the other lineage is untouched");

    CliHarness.Run serving = h.berth("sweep", "--delete", "--yes", "--lineage", mine);
    assertEquals(2, serving.exitCode(), serving::toString);
    assertTrue(serving.err().contains("looks complete and serving"), serving::toString);
    assertTrue(serving.err().contains("pass --stack hello"), serving::toString);
    assertEquals(live, h.berthResources("hello").size());
  }

  private static List<Tag> tags(Map<String, String> m) {
    List<Tag> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
    return out;
  }

  /** A second folder with the example spec renamed to {@code name} at {@code name.example.com}. */
  private Path otherFolder(String name) throws IOException {
    Path dir = Files.createDirectories(h.dir().resolve(name));
    Path spec = dir.resolve("berth.yaml");
    Files.writeString(
        spec,
        h.specText()
            .replace("name: hello", "name: " + name)
            .replace("hostname: hello.example.com", "hostname: " + name + ".example.com"));
    return spec;
  }
}
