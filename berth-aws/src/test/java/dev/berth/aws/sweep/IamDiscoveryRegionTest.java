package dev.berth.aws.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.localcloud.LocalCloud;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM is one per account: the same stack deployed in two regions has two sets of roles, told apart
 * by the region in their names. A sweep in one region must find only its own region's.
 */
class IamDiscoveryRegionTest {
  private static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @Test
  void sweepInOneRegion_findsOnlyThatRegionsRolesAndPolicies() {
    try (LocalCloud cloud = LocalCloud.builder().start();
        AwsClients east = clients(cloud, Region.US_EAST_1);
        AwsClients west = clients(cloud, Region.EU_WEST_1)) {
      for (String region : List.of("us-east-1", "eu-west-1")) {
        role(east, "berth-web-" + region + "-task");
        east.iam()
            .createPolicy(
                r ->
                    r.policyName("berth-web-" + region + "-secrets")
                        .policyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}")
                        .tags(tag("berth:stack", "web"), tag("berth:id", "secrets-policy")));
      }
      // A role of another shape (not named by this berth) stays sweepable from any region.
      role(east, "web-handmade-role");

      assertEquals(
          List.of("berth-web-us-east-1-task", "berth-web-us-east-1-secrets", "web-handmade-role")
              .stream()
              .sorted()
              .toList(),
          names(new IamDiscovery(east).discover(Optional.of("web"))));
      assertEquals(
          List.of("berth-web-eu-west-1-task", "berth-web-eu-west-1-secrets", "web-handmade-role")
              .stream()
              .sorted()
              .toList(),
          names(new IamDiscovery(west).discover(Optional.of("web"))));
    }
  }

  @Test
  void inThisRegion_readsTheRegionAfterTheStackName() {
    assertTrue(IamDiscovery.inThisRegion("berth-web-us-east-1-task", "web", "us-east-1"));
    assertFalse(IamDiscovery.inThisRegion("berth-web-eu-west-1-task", "web", "us-east-1"));
    assertFalse(IamDiscovery.inThisRegion("berth-web-us-gov-west-1-task", "web", "us-east-1"));
    // a stack whose name looks like a region prefix is still told apart by the full prefix
    assertTrue(IamDiscovery.inThisRegion("berth-web-api-task", "web", "us-east-1"));
    assertTrue(IamDiscovery.inThisRegion("someone-elses-role", "web", "us-east-1"));
  }

  private static void role(AwsClients aws, String name) {
    aws.iam()
        .createRole(
            r ->
                r.roleName(name)
                    .assumeRolePolicyDocument(TRUST)
                    .tags(tag("berth:stack", "web"), tag("berth:id", "task-role")));
  }

  private static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  private static List<String> names(List<TaggedResource> found) {
    return found.stream()
        .map(TaggedResource::description)
        .map(d -> d.replaceFirst("^IAM (role|policy) ", ""))
        .sorted()
        .toList();
  }

  private static AwsClients clients(LocalCloud cloud, Region region) {
    return new AwsClients(
        region,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
        cloud.endpoint());
  }
}
