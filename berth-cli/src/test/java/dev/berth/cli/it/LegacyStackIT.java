package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.stack.Blueprint;
import dev.berth.app.stack.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * A stack deployed by a berth before lineages: its resources carry no {@code berth:lineage} tag and
 * its execution role has the old, region-less name. The next deploy tags what the state records,
 * replaces the role safely (new role first, the task definition moved to it, the old one deleted
 * last) and then converges to a no-op.
 */
class LegacyStackIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OLD_ROLE = "berth-hello-execution";

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void deploy_ofAStackMadeBeforeLineages_tagsItAndMovesTheRoleToItsRegionalName()
      throws IOException {
    assertEquals(0, h.berth("deploy").exitCode());
    makeLegacy();

    CliHarness.Run plan = h.berth("plan");
    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("made by an older berth"), plan::toString);
    assertTrue(plan.out().contains("execution-role"), plan::toString);
    assertTrue(plan.out().contains("name (forces replacement)"), plan::toString);
    CliHarness.Run deploy = h.berth("deploy");

    assertEquals(0, deploy.exitCode(), deploy::toString);
    String lineage = h.state("hello").path("lineage").asText();
    List<String> untagged =
        h.berthResources("hello").stream()
            .filter(r -> !r.path("type").asText().equals("task"))
            .filter(r -> !lineage.equals(r.path("tags").path("berth:lineage").asText()))
            .map(r -> r.path("service").asText() + "/" + r.path("type").asText())
            .toList();
    assertEquals(List.of(), untagged, "every resource carries the state's lineage");
    assertThrows(
        NoSuchEntityException.class, () -> h.aws().iam().getRole(r -> r.roleName(OLD_ROLE)));
    String role = Names.executionRole("hello", WebServiceAssertions.REGION);
    String roleArn = h.aws().iam().getRole(r -> r.roleName(role)).role().arn();
    String taskDef =
        h.state("hello").path("resources").path("task-definition").path("physicalId").asText();
    assertEquals(
        roleArn,
        h.aws()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition(taskDef))
            .taskDefinition()
            .executionRoleArn());
    int mark = h.mark();
    CliHarness.Run again = h.berth("deploy");
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "converged");
  }

  /**
   * Turns the deployed stack into what the previous berth left: no lineage or origin tags, and the
   * execution role under its old name (made here, as that version made it).
   */
  private void makeLegacy() throws IOException {
    for (JsonNode r : h.berthResources("hello")) {
      untag(r);
    }
    var iam = h.aws().iam();
    String current = Names.executionRole("hello", WebServiceAssertions.REGION);
    iam.detachRolePolicy(r -> r.roleName(current).policyArn(Blueprint.TASK_EXECUTION_POLICY));
    iam.deleteRole(r -> r.roleName(current));
    String oldArn =
        iam.createRole(
                r ->
                    r.roleName(OLD_ROLE)
                        .assumeRolePolicyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}")
                        .tags(
                            software.amazon.awssdk.services.iam.model.Tag.builder()
                                .key("berth:stack")
                                .value("hello")
                                .build(),
                            software.amazon.awssdk.services.iam.model.Tag.builder()
                                .key("berth:id")
                                .value("execution-role")
                                .build()))
            .role()
            .arn();
    iam.attachRolePolicy(r -> r.roleName(OLD_ROLE).policyArn(Blueprint.TASK_EXECUTION_POLICY));
    ObjectNode state = (ObjectNode) h.state("hello");
    ObjectNode role = (ObjectNode) state.path("resources").path("execution-role");
    role.put("physicalId", OLD_ROLE);
    ((ObjectNode) role.path("properties")).put("name", OLD_ROLE);
    ((ObjectNode) role.path("outputs")).put("name", OLD_ROLE).put("arn", oldArn);
    ObjectNode task = (ObjectNode) state.path("resources").path("task-definition");
    ((ObjectNode) task.path("properties")).put("executionRoleArn", oldArn);
    Files.writeString(
        h.stateFile("hello"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
  }

  private void untag(JsonNode r) {
    List<String> keys = List.of("berth:lineage", "berth:origin");
    String service = r.path("service").asText();
    String type = r.path("type").asText();
    String id = r.path("id").asText();
    String arn = r.path("arn").asText(id);
    var aws = h.aws();
    switch (service) {
      case "ec2" ->
          aws.ec2()
              .deleteTags(
                  t ->
                      t.resources(id)
                          .tags(
                              keys.stream()
                                  .map(
                                      k ->
                                          software.amazon.awssdk.services.ec2.model.Tag.builder()
                                              .key(k)
                                              .build())
                                  .toList()));
      case "elasticloadbalancing" -> aws.elb().removeTags(t -> t.resourceArns(arn).tagKeys(keys));
      case "ecs" -> aws.ecs().untagResource(t -> t.resourceArn(arn).tagKeys(keys));
      case "iam" -> {
        if (type.equals("role")) {
          aws.iam().untagRole(t -> t.roleName(r.path("name").asText()).tagKeys(keys));
        } else {
          aws.iam().untagPolicy(t -> t.policyArn(arn).tagKeys(keys));
        }
      }
      case "logs" -> aws.logs().untagResource(t -> t.resourceArn(arn).tagKeys(keys));
      case "acm" ->
          aws.acm()
              .removeTagsFromCertificate(
                  t ->
                      t.certificateArn(arn)
                          .tags(
                              keys.stream()
                                  .map(
                                      k ->
                                          software.amazon.awssdk.services.acm.model.Tag.builder()
                                              .key(k)
                                              .build())
                                  .toList()));
      case "secretsmanager" -> aws.secrets().untagResource(t -> t.secretId(arn).tagKeys(keys));
      default -> throw new AssertionError("cannot untag " + r);
    }
  }
}
