package dev.berth.localcloud.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Regions survive {@code --data-dir}, and worlds saved before regions were kept apart load. */
class RegionsPersistenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private LocalCloud start() {
    return LocalCloud.builder()
        .clock(new MutableClock())
        .profile(Profile.instant())
        .dataDir(dir)
        .start();
  }

  private static List<String> groups(LocalCloud cloud, Region region) {
    try (CloudWatchLogsClient logs = Clients.of(CloudWatchLogsClient.builder(), cloud, region)) {
      return logs.describeLogGroups().logGroups().stream().map(LogGroup::logGroupArn).toList();
    }
  }

  private static JsonNode inventory(LocalCloud cloud) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_localcloud/inventory"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(resp.body()).get("resources");
  }

  /** ARN (else {@code service/type/id}) → the inventory's region (null for global resources). */
  private static Map<String, String> regions(JsonNode inventory) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode r : inventory) {
      JsonNode region = r.get("region");
      String key =
          r.get("arn").isNull()
              ? r.get("service").asText()
                  + "/"
                  + r.get("type").asText()
                  + "/"
                  + r.get("id").asText()
              : r.get("arn").asText();
      out.put(key, region.isNull() ? null : region.asText());
    }
    return out;
  }

  @Test
  void restart_withDataDir_keepsEachResourceInItsRegion() throws Exception {
    try (LocalCloud cloud = start();
        CloudWatchLogsClient us =
            Clients.of(CloudWatchLogsClient.builder(), cloud, Region.US_EAST_1);
        CloudWatchLogsClient eu =
            Clients.of(CloudWatchLogsClient.builder(), cloud, Region.EU_CENTRAL_1)) {
      us.createLogGroup(r -> r.logGroupName("/berth/x"));
      eu.createLogGroup(r -> r.logGroupName("/berth/x"));
    }

    try (LocalCloud cloud = start()) {
      assertEquals(
          List.of("arn:aws:logs:us-east-1:123456789012:log-group:/berth/x"),
          groups(cloud, Region.US_EAST_1));
      assertEquals(
          List.of("arn:aws:logs:eu-central-1:123456789012:log-group:/berth/x"),
          groups(cloud, Region.EU_CENTRAL_1));
      JsonNode inventory = inventory(cloud);
      Map<String, String> regions = regions(inventory);
      assertEquals(
          "eu-central-1", regions.get("arn:aws:logs:eu-central-1:123456789012:log-group:/berth/x"));
      assertEquals(
          "us-east-1", regions.get("arn:aws:logs:us-east-1:123456789012:log-group:/berth/x"));
      for (JsonNode r : inventory) {
        assertEquals("/berth/x", r.get("id").asText());
      }
    }
  }

  @Test
  void load_ofAWorldSavedWithoutRegions_putsResourcesInTheRegionOfTheirArnOrUsEast1()
      throws Exception {
    Files.writeString(
        dir.resolve("world.json"),
        """
        {"resources": [
          {"service": "logs", "type": "loggroup", "id": "/berth/old", "name": "/berth/old",
           "arn": "arn:aws:logs:us-east-1:123456789012:log-group:/berth/old", "state": "active",
           "attrs": {"streams": {}, "streamCreatedAt": {}}},
          {"service": "ecs", "type": "cluster", "id": "arn:aws:ecs:eu-central-1:123456789012:cluster/old",
           "arn": "arn:aws:ecs:eu-central-1:123456789012:cluster/old", "name": "old", "state": "ACTIVE"},
          {"service": "ec2", "type": "vpc", "id": "vpc-0123456789abcdef0", "state": "available",
           "attrs": {"cidr": "10.0.0.0/16"}},
          {"service": "iam", "type": "role", "id": "old-role", "name": "old-role",
           "arn": "arn:aws:iam::123456789012:role/old-role"}
        ], "meta": {}, "sequence": 0}
        """);

    try (LocalCloud cloud = start();
        EcsClient usEcs = Clients.of(EcsClient.builder(), cloud, Region.US_EAST_1);
        EcsClient euEcs = Clients.of(EcsClient.builder(), cloud, Region.EU_CENTRAL_1);
        Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud, Region.US_EAST_1);
        CloudWatchLogsClient euLogs =
            Clients.of(CloudWatchLogsClient.builder(), cloud, Region.EU_CENTRAL_1)) {
      assertEquals(
          List.of("arn:aws:logs:us-east-1:123456789012:log-group:/berth/old"),
          groups(cloud, Region.US_EAST_1));
      euLogs.createLogGroup(r -> r.logGroupName("/berth/old"));
      assertEquals(1, groups(cloud, Region.EU_CENTRAL_1).size());
      assertEquals(List.of(), usEcs.listClusters().clusterArns());
      assertEquals(
          List.of("arn:aws:ecs:eu-central-1:123456789012:cluster/old"),
          euEcs.listClusters().clusterArns());
      assertEquals("vpc-0123456789abcdef0", ec2.describeVpcs().vpcs().get(0).vpcId());

      Map<String, String> regions = regions(inventory(cloud));
      assertEquals(
          "us-east-1", regions.get("arn:aws:logs:us-east-1:123456789012:log-group:/berth/old"));
      assertEquals("us-east-1", regions.get("ec2/vpc/vpc-0123456789abcdef0"));
      assertTrue(regions.containsKey("arn:aws:iam::123456789012:role/old-role"));
      assertEquals(null, regions.get("arn:aws:iam::123456789012:role/old-role"));
    }
  }
}
