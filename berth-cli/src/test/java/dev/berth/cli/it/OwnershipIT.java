package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.stack.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One stack name, many owners: a second state file in the same region, a second region, and changes
 * made behind berth's back. berth never adopts, changes or deletes what another state owns, and
 * converges on the cloud as it is.
 */
class OwnershipIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void deploy_whenAnotherStateOwnsTheStackName_refusesBeforeAnyChangeNamingTheOwner()
      throws IOException {
    assertEquals(0, h.berth("deploy").exitCode());
    String lineageA = h.state("hello").path("lineage").asText();
    Path b = otherFolder("hello.example.com", "hello-b.example.com", null);
    int mark = h.mark();

    CliHarness.Run deploy = h.exec("deploy", "-f", b.toString());
    CliHarness.Run plan = h.exec("plan", "-f", b.toString());

    assertEquals(2, deploy.exitCode(), deploy::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "no change before the refusal");
    assertTrue(deploy.err().contains("another owner holds"), deploy::toString);
    assertTrue(deploy.err().contains("state lineage " + lineageA), deploy::toString);
    assertTrue(deploy.err().contains(Names.cluster("hello")), deploy::toString);
    assertTrue(deploy.err().contains("--state"), deploy::toString);
    assertEquals(2, plan.exitCode(), plan::toString);
    assertIntact(h.spec());
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);
  }

  @Test
  void destroy_ofTheSameNameInAnotherRegion_leavesThisRegionsStackIntact() throws IOException {
    assertEquals(0, h.berth("deploy").exitCode());
    Path eu = otherFolder("hello.example.com", "hello-eu.example.com", "eu-central-1");

    CliHarness.Run deployEu = h.exec("deploy", "-f", eu.toString());
    assertEquals(0, deployEu.exitCode(), deployEu::toString);
    assertIntact(eu);
    assertIntact(h.spec());
    CliHarness.Run destroyEu = h.exec("destroy", "--yes", "-f", eu.toString());

    assertEquals(0, destroyEu.exitCode(), destroyEu::toString);
    assertIntact(h.spec());
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);
  }

  @Test
  void deploy_afterRoleAndLogGroupWereDeletedByHand_recreatesThem() {
    assertEquals(0, h.berth("deploy").exitCode());
    String role = Names.executionRole("hello", WebServiceAssertions.REGION);
    h.aws()
        .iam()
        .detachRolePolicy(
            r -> r.roleName(role).policyArn(dev.berth.app.stack.Blueprint.TASK_EXECUTION_POLICY));
    h.aws().iam().deleteRole(r -> r.roleName(role));
    h.aws().logs().deleteLogGroup(r -> r.logGroupName(Names.logGroup("hello")));

    CliHarness.Run plan = h.berth("plan");
    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("execution-role"), plan::toString);
    assertTrue(plan.out().contains("deleted outside berth"), plan::toString);
    assertTrue(plan.out().contains("log-group"), plan::toString);
    CliHarness.Run deploy = h.berth("deploy");

    assertEquals(0, deploy.exitCode(), deploy::toString);
    assertIntact(h.spec());
    assertEquals(
        List.of(dev.berth.app.stack.Blueprint.TASK_EXECUTION_POLICY),
        h.aws().iam().listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
            .map(p -> p.policyArn())
            .toList());
    assertEquals(
        1,
        h.aws()
            .logs()
            .describeLogGroups(r -> r.logGroupNamePrefix(Names.logGroup("hello")))
            .logGroups()
            .size());
    int mark = h.mark();
    CliHarness.Run again = h.berth("deploy");
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(
        List.of(), h.mutatingCallsSince(mark), "converged: a no-op deploy changes nothing");
  }

  @Test
  void deploy_withRefreshFalse_trustsTheState() {
    assertEquals(0, h.berth("deploy").exitCode());
    h.aws().logs().deleteLogGroup(r -> r.logGroupName(Names.logGroup("hello")));

    CliHarness.Run plan = h.berth("plan", "--refresh=false");

    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("No changes"), plan::toString);
  }

  @Test
  void deploy_whenTheRegionChanged_refusesBeforeAnyCallNamingTheWaysForward() {
    assertEquals(0, h.berth("deploy").exitCode());
    h.editSpec(s -> s + "region: eu-central-1\n");
    int mark = h.mark();

    CliHarness.Run plan = h.berth("plan");
    CliHarness.Run deploy = h.berth("deploy");

    assertEquals(2, plan.exitCode(), plan::toString);
    assertEquals(2, deploy.exitCode(), deploy::toString);
    assertEquals(List.of(), h.callsSince(mark).stream().map(JsonNode::toString).toList());
    assertTrue(deploy.err().contains("is deployed in us-east-1"), deploy::toString);
    assertTrue(deploy.err().contains("berth destroy --region us-east-1"), deploy::toString);
    assertTrue(deploy.err().contains("another name"), deploy::toString);
    h.editSpec(s -> s.replace("region: eu-central-1\n", ""));
    assertIntact(h.spec());
  }

  @Test
  void deploy_aNoOpWithRefresh_readsEveryRecordedResourceAndChangesNothing() {
    assertEquals(0, h.berth("deploy").exitCode());
    int mark = h.mark();

    CliHarness.Run again = h.berth("deploy");

    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));
    int reads = h.callsSince(mark).size();
    System.out.println("refreshed no-op deploy: " + reads + " read calls, 0 mutating");
    assertTrue(reads > h.state("hello").path("resources").size(), "every resource read");
  }

  /** {@code status} of the stack at {@code spec} shows every resource live and none drifted. */
  private void assertIntact(Path spec) {
    CliHarness.Run status = h.exec("status", "--output", "json", "-f", spec.toString());
    assertEquals(0, status.exitCode(), status::toString);
    JsonNode j;
    try {
      j = JSON.readTree(status.out());
    } catch (IOException e) {
      throw new AssertionError(status.toString(), e);
    }
    List<String> bad = new ArrayList<>();
    for (JsonNode r : j.path("resources")) {
      String live = r.path("live").asText();
      if (live.equals("MISSING") || live.equals("unknown") || r.path("drift").asBoolean()) {
        bad.add(r.path("id").asText() + " " + live);
      }
    }
    assertEquals(List.of(), bad, () -> "missing or drifted in " + spec + ": " + status);
    assertFalse(j.path("resources").isEmpty(), () -> "no resources: " + status);
  }

  /** A second folder with the test's spec, its hostname (and region, if given) changed. */
  private Path otherFolder(String from, String to, String region) throws IOException {
    Path dir = Files.createDirectories(h.dir().resolve("other-" + to.split("\\.")[0]));
    String spec = h.specText().replace(from, to);
    if (region != null) {
      spec = spec + "region: " + region + "\n";
    }
    Path file = dir.resolve("berth.yaml");
    Files.writeString(file, spec);
    return file;
  }
}
