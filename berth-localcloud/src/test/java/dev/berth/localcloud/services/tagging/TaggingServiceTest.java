package dev.berth.localcloud.services.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class TaggingServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalCloud cloud;

  record Reply(int status, JsonNode body) {}

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    put(
        "ec2",
        "vpc",
        "vpc-0123456789abcdef0",
        null,
        Map.of("berth:stack", "hello", "berth:id", "vpc"));
    put(
        "ec2",
        "subnet",
        "subnet-0123456789abcdef1",
        null,
        Map.of("berth:stack", "hello", "berth:id", "subnet-a"));
    put("ec2", "vpc", "vpc-0123456789abcdef2", null, Map.of("berth:stack", "other"));
    put("ec2", "vpc", "vpc-0123456789abcdef3", null, Map.of());
    String lb =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-lb/50dc6c495c0c9188";
    put(
        "elasticloadbalancing",
        "loadbalancer",
        lb,
        lb,
        Map.of("berth:stack", "hello", "berth:id", "alb"));
    String euLb = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/eu/1";
    put("elasticloadbalancing", "loadbalancer", euLb, euLb, Map.of("berth:stack", "hello"));
    put(
        "iam",
        "role",
        "hello-exec",
        "arn:aws:iam::123456789012:role/hello-exec",
        Map.of("berth:stack", "hello"));
  }

  private void put(String service, String type, String id, String arn, Map<String, String> tags) {
    Res r = new Res(service, type, id);
    r.arn = arn;
    r.tags.putAll(tags);
    synchronized (cloud.world()) {
      cloud.world().put(r);
    }
  }

  private Reply call(String op, String region, Object body) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "ResourceGroupsTaggingAPI_20170126." + op)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/"
                    + region
                    + "/tagging/aws4_request, SignedHeaders=host, Signature=00")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Reply(resp.statusCode(), JSON.readTree(resp.body()));
  }

  private static List<String> arns(Reply r) {
    List<String> out = new ArrayList<>();
    r.body().get("ResourceTagMappingList").forEach(m -> out.add(m.get("ResourceARN").asText()));
    return out;
  }

  @Test
  void getResources_byTag_returnsEc2ArnsAndOtherArnsOfTheRegion() throws Exception {
    Reply r =
        call(
            "GetResources",
            "us-east-1",
            Map.of(
                "TagFilters", List.of(Map.of("Key", "berth:stack", "Values", List.of("hello")))));
    assertEquals(200, r.status());
    assertEquals(
        List.of(
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef1",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-lb/50dc6c495c0c9188",
            "arn:aws:iam::123456789012:role/hello-exec"),
        arns(r));
    assertEquals("", r.body().get("PaginationToken").asText());
    JsonNode tags = r.body().at("/ResourceTagMappingList/1/Tags");
    assertTrue(
        tags.toString().contains("{\"Key\":\"berth:id\",\"Value\":\"vpc\"}"), tags.toString());
  }

  @Test
  void getResources_byResourceType() throws Exception {
    Reply r =
        call(
            "GetResources",
            "us-east-1",
            Map.of(
                "TagFilters", List.of(Map.of("Key", "berth:stack")),
                "ResourceTypeFilters", List.of("ec2:vpc", "elasticloadbalancing:loadbalancer")));
    assertEquals(
        List.of(
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef2",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-lb/50dc6c495c0c9188"),
        arns(r));
    Reply ec2 = call("GetResources", "us-east-1", Map.of("ResourceTypeFilters", List.of("ec2")));
    assertEquals(3, arns(ec2).size());
  }

  @Test
  void getResources_inAnotherRegion_seesOnlyThatRegion() throws Exception {
    Reply r =
        call(
            "GetResources",
            "eu-west-1",
            Map.of("ResourceTypeFilters", List.of("elasticloadbalancing:loadbalancer")));
    assertEquals(
        List.of("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/eu/1"),
        arns(r));
  }

  @Test
  void getResources_paginates() throws Exception {
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Reply r =
          call(
              "GetResources", "us-east-1", Map.of("ResourcesPerPage", 2, "PaginationToken", token));
      seen.addAll(arns(r));
      token = r.body().get("PaginationToken").asText();
      pages++;
    } while (!token.isEmpty());
    assertEquals(3, pages);
    assertEquals(5, seen.size());
  }

  @Test
  void getResources_badInput_isInvalidParameterException() throws Exception {
    Reply r = call("GetResources", "us-east-1", Map.of("PaginationToken", "garbage"));
    assertEquals(400, r.status());
    assertEquals("InvalidParameterException", r.body().get("__type").asText());
    Reply perPage = call("GetResources", "us-east-1", Map.of("ResourcesPerPage", 500));
    assertEquals(400, perPage.status());
  }

  @Test
  void getTagKeysAndValues() throws Exception {
    Reply keys = call("GetTagKeys", "us-east-1", Map.of());
    assertEquals("[\"berth:id\",\"berth:stack\"]", keys.body().get("TagKeys").toString());
    Reply values = call("GetTagValues", "us-east-1", Map.of("Key", "berth:stack"));
    assertEquals("[\"hello\",\"other\"]", values.body().get("TagValues").toString());
  }
}
