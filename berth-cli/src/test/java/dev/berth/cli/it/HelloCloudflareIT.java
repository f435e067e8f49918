package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** examples/hello: DNS on Cloudflare, deployed, re-deployed unchanged, inspected and destroyed. */
class HelloCloudflareIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello");

  static final WebServiceAssertions.Expected HELLO =
      new WebServiceAssertions.Expected(
          "hello",
          "hello.example.com",
          80,
          2,
          "public.ecr.aws/nginx/nginx:1.27",
          "/",
          14,
          Map.of(),
          false);

  @Test
  void deploy_hello_createsEveryResourceOfTheBlueprint() {
    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    StackView v = WebServiceAssertions.assertDeployed(h, HELLO);
    String dnsName = v.attr("load-balancer", "dnsName").asText();
    assertTrue(r.out().contains("Deployed hello in "), r::toString);
    assertTrue(r.out().contains("  URL            https://hello.example.com\n"), r::toString);
    assertTrue(r.out().contains("  load balancer  " + dnsName + "\n"), r::toString);
    assertTrue(r.out().contains("  tasks          2 running of 2 desired\n"), r::toString);
    assertTrue(r.err().contains("service                  create   done in"), r::toString);

    JsonNode record = single(h.cloudflareRecords("hello.example.com"));
    assertEquals("CNAME", attr(record, "type"));
    assertEquals(dnsName, attr(record, "content"));
    assertTrue(
        attr(record, "comment")
            .matches("managed by berth stack=hello id=dns-record lineage=\\p{XDigit}{8}"),
        attr(record, "comment"));
    String validationName = v.attr("certificate", "validationName").asText();
    JsonNode validation = single(h.cloudflareRecords(validationName.replaceAll("\\.$", "")));
    assertEquals("CNAME", attr(validation, "type"));
    assertEquals(
        v.attr("certificate", "validationValue").asText().replaceAll("\\.$", ""),
        attr(validation, "content"));
    assertTrue(
        attr(validation, "comment")
            .matches("managed by berth stack=hello id=certificate-record lineage=\\p{XDigit}{8}"),
        attr(validation, "comment"));
    assertEquals(2, h.cloudflareRecords(null).size(), "Cloudflare records");
    assertOwnerOnly(h.stateFile("hello"));
  }

  @Test
  void deployStatusDestroy_withLocal_useTheEmbeddedCloudKeptBesideTheSpec() {
    CliHarness.Run r = h.berth("deploy", "--local");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.err().contains("berth: using localcloud"), r::toString);
    assertTrue(r.out().contains("2 running of 2 desired"), r::toString);
    assertEquals(List.of(), h.berthResources("hello"), "nothing in the test's own cloud");
    assertTrue(Files.exists(h.dir().resolve(".berth/localcloud/world.json")));

    CliHarness.Run status = h.berth("status", "--local");
    assertEquals(0, status.exitCode(), status::toString);
    assertTrue(status.out().contains("Service: ACTIVE, 2 running / 2 desired"), status::toString);

    CliHarness.Run destroy = h.berth("destroy", "--local", "--yes");
    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertTrue(destroy.out().contains("Destroyed hello"), destroy::toString);
  }

  static void assertOwnerOnly(Path file) {
    try {
      assertEquals(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(file),
          "permissions of " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void deploy_again_withoutChanges_makesNoMutatingCall() {
    assertEquals(0, h.berth("deploy").exitCode());
    JsonNode stateBefore = h.state("hello").path("resources");
    int mark = h.mark();

    CliHarness.Run again = h.berth("deploy");

    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(
        again.out().contains("No changes: hello already matches the spec."), again::toString);
    assertTrue(again.out().contains("tasks          2 running of 2 desired"), again::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "mutating calls of an unchanged deploy");
    assertEquals(stateBefore, h.state("hello").path("resources"), "recorded resources");
    CliHarness.Run plan = h.berth("plan");
    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("No changes: the stack matches the spec."), plan::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "mutating calls of plan");
  }

  @Test
  void status_afterDeploy_showsEveryResourceLiveWithoutDrift() {
    assertEquals(0, h.berth("deploy").exitCode());
    int mark = h.mark();

    CliHarness.Run r = h.berth("status");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Stack hello  https://hello.example.com\n"), r::toString);
    assertFalse(r.out().contains("drifted"), r::toString);
    assertFalse(r.out().contains("MISSING"), r::toString);
    assertTrue(r.out().contains("Service: ACTIVE, 2 running / 2 desired, 0 pending"), r::toString);
    for (String id : WebServiceAssertions.taggedIds(false)) {
      assertTrue(r.out().contains("  " + id + " "), () -> id + " in " + r);
    }
    assertEquals(List.of(), h.mutatingCallsSince(mark), "mutating calls of status");
  }

  @Test
  void destroy_afterDeploy_leavesNothingBehind() {
    assertEquals(0, h.berth("deploy").exitCode());

    CliHarness.Run r = h.berth("destroy", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("Destroyed hello: 25 resources removed."), r::toString);
    assertEquals(List.of(), h.berthResources("hello"), "berth-tagged resources left");
    assertEquals(List.of(), h.cloudflareRecords(null), "Cloudflare records left");
    assertEquals(0, h.state("hello").path("resources").size(), "resources in the state");
    assertNoLeftoverNetwork();
    CliHarness.Run again = h.berth("destroy", "--yes");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains("Nothing to destroy"), again::toString);
  }

  /**
   * The VPC's own pieces and the network interfaces of the load balancer and tasks are gone too.
   */
  private void assertNoLeftoverNetwork() {
    for (JsonNode r : h.inventory()) {
      String type = r.path("service").asText() + "/" + r.path("type").asText();
      assertFalse(
          List.of("ec2/vpc", "ec2/subnet", "ec2/network-interface", "ec2/route-table")
              .contains(type),
          () -> "left behind: " + r);
      assertFalse(type.equals("ec2/security-group"), () -> "left behind: " + r);
    }
  }

  static JsonNode single(List<JsonNode> list) {
    assertEquals(1, list.size(), () -> "expected one, got " + list);
    return list.get(0);
  }

  static String attr(JsonNode r, String name) {
    return r.path("attributes").path(name).asText();
  }
}
