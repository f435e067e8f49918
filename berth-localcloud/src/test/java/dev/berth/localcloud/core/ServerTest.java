package dev.berth.localcloud.core;

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

@ExtendWith(LocalCloudExtension.class)
class ServerTest {
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/%s/aws4_request, "
          + "SignedHeaders=host, Signature=0";

  private static HttpResponse<String> post(LocalCloud cloud, String service, String target)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
            .header("Authorization", AUTH.formatted(service))
            .POST(HttpRequest.BodyPublishers.ofString(target == null ? "Action=Foo" : "{}"));
    if (target != null) {
      b.header("X-Amz-Target", target).header("Content-Type", "application/x-amz-json-1.1");
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unknownService_whenCalledWithJsonProtocol_answersJsonError(LocalCloud cloud)
      throws Exception {
    HttpResponse<String> resp = post(cloud, "kinesis", "Kinesis_20131202.ListStreams");

    assertEquals(400, resp.statusCode());
    JsonNode body = new ObjectMapper().readTree(resp.body());
    assertEquals("UnknownService", body.get("__type").asText());
    assertTrue(body.get("message").asText().contains("kinesis"));
  }

  @Test
  void unknownService_whenCalledWithQueryProtocol_answersXmlError(LocalCloud cloud)
      throws Exception {
    HttpResponse<String> resp = post(cloud, "sqs", null);

    assertEquals(400, resp.statusCode());
    assertTrue(resp.body().contains("<Code>UnknownService</Code>"), resp.body());
  }
}
