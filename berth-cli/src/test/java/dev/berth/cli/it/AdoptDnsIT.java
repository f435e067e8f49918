package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --adopt-dns} is a run option, never a property of the DNS record: on a stack that already
 * matches its spec it plans nothing and changes nothing, whatever DNS provider, and a state an
 * older berth wrote (with {@code adopt} among the record's recorded properties) plans no change
 * either. Adopting what berth did not make, and refusing without the flag, is {@link DnsConflictIT}
 * (Cloudflare) and {@link PrivateRegistryRoute53IT} (Route 53); here also: another berth state's
 * record is never adopted, not even when asked.
 */
class AdoptDnsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void adoptDns_onAnUnchangedCloudflareStack_plansNoChange_andMakesNoMutatingCall() {
    assertNoChangeWithAdoptDns();
  }

  @Test
  void adoptDns_onAnUnchangedRoute53Stack_plansNoChange_andMakesNoMutatingCall() {
    route53();
    assertNoChangeWithAdoptDns();
  }

  @Test
  void stateOfAnOlderBerth_withAdoptAmongTheRecordsProperties_plansNoChange() throws IOException {
    route53();
    assertEquals(0, h.berth("deploy").exitCode());
    Path file = h.stateFile("hello");
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode record = (ObjectNode) state.path("resources").path("dns-record");
    ((ObjectNode) record.path("properties")).put("adopt", false);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
    int mark = h.mark();

    CliHarness.Run plan = h.berth("plan", "--adopt-dns");
    CliHarness.Run deploy = h.berth("deploy", "--adopt-dns");

    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("No changes: the stack matches the spec."), plan::toString);
    assertFalse(plan.out().contains("adopt"), plan::toString);
    assertEquals(0, deploy.exitCode(), deploy::toString);
    assertTrue(deploy.out().contains("No changes: hello already matches"), deploy::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), deploy::toString);
  }

  @Test
  void adoptDns_neverTakesARecordAnotherBerthStateOwns() throws IOException {
    assertEquals(0, h.berth("deploy").exitCode());
    String lineage = h.state("hello").path("lineage").asText();
    Path dir = Files.createDirectories(h.dir().resolve("other"));
    Path other = dir.resolve("berth.yaml");
    // only the stack name: "hostname: hello..." stays, so both stacks want the same record
    Files.writeString(other, h.specText().replaceFirst("(?m)^name: hello$", "name: other"));
    int mark = h.mark();

    CliHarness.Run r = h.exec("deploy", "-f", other.toString(), "--adopt-dns");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("is managed by berth stack hello"), r::toString);
    assertTrue(r.err().contains("state lineage " + lineage.substring(0, 8)), r::toString);
    assertTrue(
        r.err().contains("--adopt-dns takes over only records berth did not make"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "refused before any change");
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);
  }

  /** Deploy, then plan and deploy again with --adopt-dns: nothing to do, nothing changed. */
  private void assertNoChangeWithAdoptDns() {
    CliHarness.Run first = h.berth("deploy");
    assertEquals(0, first.exitCode(), first::toString);
    int mark = h.mark();

    CliHarness.Run plan = h.berth("plan", "--adopt-dns");
    CliHarness.Run deploy = h.berth("deploy", "--adopt-dns");

    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("No changes: the stack matches the spec."), plan::toString);
    assertFalse(plan.out().contains("changed: adopt"), plan::toString);
    assertEquals(0, deploy.exitCode(), deploy::toString);
    assertTrue(deploy.out().contains("No changes: hello already matches"), deploy::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), deploy::toString);
  }

  private void route53() {
    h.replaceInSpec("hostname: hello.example.com", "hostname: hello." + CliHarness.ROUTE53_ZONE);
    h.replaceInSpec("dns: cloudflare", "dns: route53");
  }
}
