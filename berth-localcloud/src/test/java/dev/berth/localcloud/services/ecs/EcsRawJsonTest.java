package dev.berth.localcloud.services.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wire shape as a client in another language sees it: JSON 1.1 member names and errors. */
@ExtendWith(LocalCloudExtension.class)
class EcsRawJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> call(LocalCloud cloud, String action, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + action)
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/ecs/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void createCluster_andDescribeServices_useDocumentedMemberNames(LocalCloud cloud)
      throws Exception {
    HttpResponse<String> created = call(cloud, "CreateCluster", "{\"clusterName\":\"hello\"}");
    assertEquals(200, created.statusCode());
    assertEquals("application/x-amz-json-1.1", created.headers().firstValue("Content-Type").get());
    JsonNode cluster = JSON.readTree(created.body()).get("cluster");
    assertEquals(
        "arn:aws:ecs:us-east-1:123456789012:cluster/hello", cluster.get("clusterArn").asText());
    assertEquals("hello", cluster.get("clusterName").asText());
    assertEquals("ACTIVE", cluster.get("status").asText());
    assertTrue(cluster.get("activeServicesCount").isNumber());

    JsonNode described =
        JSON.readTree(
            call(cloud, "DescribeServices", "{\"cluster\":\"hello\",\"services\":[\"web\"]}")
                .body());
    assertTrue(described.get("services").isArray());
    assertEquals("MISSING", described.get("failures").get(0).get("reason").asText());
    assertEquals(
        "arn:aws:ecs:us-east-1:123456789012:service/hello/web",
        described.get("failures").get(0).get("arn").asText());
  }

  @Test
  void registerTaskDefinition_returnsTimestampsAsEpochSecondsAndStringSizes(LocalCloud cloud)
      throws Exception {
    String body =
        "{\"family\":\"hello\",\"requiresCompatibilities\":[\"FARGATE\"],\"networkMode\":\"awsvpc\","
            + "\"cpu\":\"256\",\"memory\":\"512\",\"containerDefinitions\":[{\"name\":\"web\","
            + "\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":80}]}]}";
    JsonNode td =
        JSON.readTree(call(cloud, "RegisterTaskDefinition", body).body()).get("taskDefinition");
    assertEquals("256", td.get("cpu").asText());
    assertTrue(td.get("cpu").isTextual());
    assertTrue(td.get("registeredAt").isNumber());
    assertEquals(1, td.get("revision").asInt());
    assertEquals(
        80,
        td.get("containerDefinitions").get(0).get("portMappings").get(0).get("hostPort").asInt());
  }

  @Test
  void errors_carryTypeAndMessage(LocalCloud cloud) throws Exception {
    HttpResponse<String> resp = call(cloud, "DeleteCluster", "{\"cluster\":\"nope\"}");
    assertEquals(400, resp.statusCode());
    JsonNode err = JSON.readTree(resp.body());
    assertEquals("ClusterNotFoundException", err.get("__type").asText());
    assertEquals("Cluster not found.", err.get("message").asText());
  }
}
