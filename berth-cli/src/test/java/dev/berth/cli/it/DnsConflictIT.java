package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DNS record for the hostname that berth did not create: refused, kept, or adopted on request.
 */
class DnsConflictIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello");

  private String recordId;

  @BeforeEach
  void someoneElsesRecord() {
    recordId =
        h.createCloudflareRecord("hello.example.com", "CNAME", "legacy.example.net")
            .path("id")
            .asText();
  }

  @Test
  void deploy_whenTheHostnameHasARecordBerthDidNotCreate_refusesBeforeCreatingAnything() {
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "Error: DNS record hello.example.com (CNAME legacy.example.net) already exists in"
                    + " Cloudflare zone example.com and was not created by berth"),
        r::toString);
    assertTrue(r.err().contains("--adopt-dns"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "nothing created, nothing to roll back");
    CliHarness.Run plan = h.berth("plan");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.err().contains("--adopt-dns"), plan::toString);
    assertEquals(List.of(), h.berthResources("hello"), "berth-tagged resources left");
    assertTrue(
        !java.nio.file.Files.exists(h.stateFile("hello"))
            || h.state("hello").path("resources").isEmpty(),
        () -> "resources in the state: " + h.state("hello"));
    assertUntouched();

    CliHarness.Run destroy = h.berth("destroy", "--yes");
    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertUntouched();
  }

  @Test
  void destroy_afterADeployThatRefused_keepsTheUsersRecord() {
    assertTrue(h.berth("deploy").exitCode() != 0);

    CliHarness.Run destroy = h.berth("destroy", "--yes");

    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertUntouched();
  }

  @Test
  void deploy_withAdoptDns_takesTheRecordOverAndDestroyRemovesIt() {
    CliHarness.Run r = h.berth("deploy", "--adopt-dns");

    assertEquals(0, r.exitCode(), r::toString);
    StackView v = StackView.of(h, "hello");
    JsonNode record = HelloCloudflareIT.single(h.cloudflareRecords("hello.example.com"));
    assertEquals(recordId, record.path("id").asText(), "the same record, updated in place");
    assertEquals(
        v.attr("load-balancer", "dnsName").asText(), HelloCloudflareIT.attr(record, "content"));
    assertTrue(
        HelloCloudflareIT.attr(record, "comment")
            .matches("managed by berth stack=hello id=dns-record lineage=\\p{XDigit}{8}"),
        HelloCloudflareIT.attr(record, "comment"));
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);

    // Adopted, it is the stack's now: destroy removes it with the rest.
    CliHarness.Run destroy = h.berth("destroy", "--yes");
    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertEquals(List.of(), h.cloudflareRecords("hello.example.com"));
    assertEquals(List.of(), h.berthResources("hello"));
  }

  private void assertUntouched() {
    JsonNode record = HelloCloudflareIT.single(h.cloudflareRecords("hello.example.com"));
    assertEquals(recordId, record.path("id").asText());
    assertEquals("legacy.example.net", HelloCloudflareIT.attr(record, "content"));
    assertTrue(record.path("attributes").path("comment").isNull(), record::toString);
  }
}
