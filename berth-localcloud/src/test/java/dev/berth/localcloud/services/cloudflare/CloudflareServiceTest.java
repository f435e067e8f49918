package dev.berth.localcloud.services.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class CloudflareServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "tok-example-123";
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalCloud cloud;
  private String zoneId;

  record Reply(int status, JsonNode body) {
    JsonNode result() {
      return body.get("result");
    }

    int errorCode() {
      return body.path("errors").path(0).path("code").asInt();
    }

    String errorMessage() {
      return body.path("errors").path(0).path("message").asText();
    }
  }

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    zoneId = cloud.cloudflareZone("example.com", TOKEN).id;
  }

  private Reply call(String method, String path, Object body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(cloud.cloudflareBase() + path))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                body instanceof String s ? s : JSON.writeValueAsString(body)));
    HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(resp.statusCode(), JSON.readTree(resp.body()));
  }

  private Reply call(String method, String path, Object body) throws Exception {
    return call(method, path, body, TOKEN);
  }

  private Reply create(Map<String, Object> record) throws Exception {
    return call("POST", "/zones/" + zoneId + "/dns_records", record);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void verifyToken_whenKnown_isActive() throws Exception {
    Reply r = call("GET", "/user/tokens/verify", null);
    assertEquals(200, r.status());
    assertTrue(r.body().get("success").asBoolean());
    assertEquals("active", r.result().get("status").asText());
    assertEquals(32, r.result().get("id").asText().length());
    assertFalse(r.body().toString().contains(TOKEN));
  }

  @Test
  void verifyToken_whenUnknown_is401InvalidApiToken() throws Exception {
    Reply r = call("GET", "/user/tokens/verify", null, "nope");
    assertEquals(401, r.status());
    assertFalse(r.body().get("success").asBoolean());
    assertEquals(1000, r.errorCode());
    assertTrue(r.body().get("result").isNull());
  }

  @Test
  void anyCall_withoutOrWithUnknownToken_is401AuthenticationError() throws Exception {
    for (String token : new String[] {null, "wrong"}) {
      Reply r = call("GET", "/zones", null, token);
      assertEquals(401, r.status());
      assertEquals(10000, r.errorCode());
      assertEquals("Authentication error", r.errorMessage());
      assertTrue(r.body().get("messages").isArray());
    }
  }

  @Test
  void dnsRecords_withTokenOfAnotherZone_is403() throws Exception {
    cloud.cloudflareZone("other.org", "other-token");
    Reply r = call("GET", "/zones/" + zoneId + "/dns_records", null, "other-token");
    assertEquals(403, r.status());
    assertEquals(10000, r.errorCode());
  }

  @Test
  void listZones_byName_returnsOnlyZonesOfTheToken() throws Exception {
    cloud.cloudflareZone("other.org", "other-token");
    Reply r = call("GET", "/zones?name=example.com", null);
    assertEquals(200, r.status());
    assertEquals(1, r.result().size());
    assertEquals(zoneId, r.result().get(0).get("id").asText());
    assertEquals("example.com", r.result().get(0).get("name").asText());
    assertEquals("active", r.result().get(0).get("status").asText());
    assertEquals(1, r.body().get("result_info").get("total_count").asInt());
    assertEquals(0, call("GET", "/zones?name=other.org", null).result().size());
  }

  @Test
  void createRecord_returnsRecordInEnvelopeAndStoresRes() throws Exception {
    Reply r =
        create(
            Map.of(
                "type", "CNAME",
                "name", "Hello.example.com",
                "content", "lb-1.us-east-1.elb.amazonaws.com",
                "ttl", 300,
                "proxied", false,
                "comment", "managed by berth stack=hello id=dns"));
    assertEquals(200, r.status(), r.body().toString());
    JsonNode rec = r.result();
    assertEquals(32, rec.get("id").asText().length());
    assertEquals(zoneId, rec.get("zone_id").asText());
    assertEquals("example.com", rec.get("zone_name").asText());
    assertEquals("hello.example.com", rec.get("name").asText());
    assertEquals("CNAME", rec.get("type").asText());
    assertEquals(300, rec.get("ttl").asInt());
    assertTrue(rec.get("proxiable").asBoolean());
    assertFalse(rec.get("proxied").asBoolean());
    assertEquals("managed by berth stack=hello id=dns", rec.get("comment").asText());
    assertTrue(rec.get("tags").isArray());
    assertTrue(rec.has("created_on") && rec.has("modified_on"));
    Res stored =
        cloud.world().get("cloudflare", "dns_record", rec.get("id").asText()).orElseThrow();
    assertEquals("hello.example.com", stored.name);
    assertEquals(zoneId, stored.str("zoneId"));
    assertEquals("lb-1.us-east-1.elb.amazonaws.com", stored.str("content"));
  }

  @Test
  void createRecord_relativeName_isExpandedInZone() throws Exception {
    Reply r = create(Map.of("type", "A", "name", "www", "content", "192.0.2.1", "ttl", 1));
    assertEquals("www.example.com", r.result().get("name").asText());
    Reply apex = create(Map.of("type", "A", "name", "@", "content", "192.0.2.1", "ttl", 1));
    assertEquals("example.com", apex.result().get("name").asText());
  }

  @Test
  void createRecord_identical_is81058() throws Exception {
    Map<String, Object> rec = Map.of("type", "A", "name", "a.example.com", "content", "192.0.2.1");
    assertEquals(200, create(rec).status());
    Reply again = create(rec);
    assertEquals(400, again.status());
    assertEquals(81058, again.errorCode());
    assertEquals("An identical record already exists.", again.errorMessage());
  }

  @Test
  void createRecord_cnameWhereAddressRecordExists_is81053_andAWhereCnameExists_is81054()
      throws Exception {
    create(Map.of("type", "A", "name", "a.example.com", "content", "192.0.2.1"));
    Reply cname = create(Map.of("type", "CNAME", "name", "a.example.com", "content", "x.net"));
    assertEquals(400, cname.status());
    assertEquals(81053, cname.errorCode());
    create(Map.of("type", "CNAME", "name", "c.example.com", "content", "x.net"));
    Reply a = create(Map.of("type", "A", "name", "c.example.com", "content", "192.0.2.1"));
    assertEquals(81054, a.errorCode());
  }

  @Test
  void createRecord_validation() throws Exception {
    Reply ttl =
        create(Map.of("type", "A", "name", "a.example.com", "content", "192.0.2.1", "ttl", 30));
    assertEquals(400, ttl.status());
    assertEquals(1004, ttl.errorCode());
    assertEquals(9021, ttl.body().at("/errors/0/error_chain/0/code").asInt());
    Reply ip = create(Map.of("type", "A", "name", "a.example.com", "content", "not-an-ip"));
    assertEquals(9005, ip.body().at("/errors/0/error_chain/0/code").asInt());
    Reply type = create(Map.of("type", "BOGUS", "name", "a.example.com", "content", "x"));
    assertEquals(400, type.status());
    Reply comment =
        create(
            Map.of(
                "type",
                "TXT",
                "name",
                "t.example.com",
                "content",
                "x",
                "comment",
                "c".repeat(101)));
    assertEquals(9313, comment.errorCode());
    Reply proxiedTxt =
        create(Map.of("type", "TXT", "name", "t.example.com", "content", "x", "proxied", true));
    assertEquals(9004, proxiedTxt.body().at("/errors/0/error_chain/0/code").asInt());
    Reply garbage = call("POST", "/zones/" + zoneId + "/dns_records", "{not json");
    assertEquals(400, garbage.status());
    assertEquals(9207, garbage.errorCode());
    assertEquals(0, cloud.world().of("cloudflare", "dns_record").count());
  }

  @Test
  void listRecords_filtersAndPaginates() throws Exception {
    for (int i = 0; i < 7; i++) {
      create(
          Map.of(
              "type",
              "TXT",
              "name",
              "t" + i + ".example.com",
              "content",
              "v" + i,
              "comment",
              i % 2 == 0 ? "managed by berth stack=s id=r" + i : "hand made"));
    }
    create(Map.of("type", "A", "name", "t1.example.com", "content", "192.0.2.1"));
    String base = "/zones/" + zoneId + "/dns_records";
    Reply byName = call("GET", base + "?name=t1.example.com", null);
    assertEquals(2, byName.result().size());
    Reply byNameAndType = call("GET", base + "?name=t1.example.com&type=A", null);
    assertEquals(1, byNameAndType.result().size());
    assertEquals("192.0.2.1", byNameAndType.result().get(0).get("content").asText());
    Reply byComment = call("GET", base + "?comment.contains=" + q("berth stack=s"), null);
    assertEquals(4, byComment.result().size());
    Reply exact = call("GET", base + "?comment.exact=" + q("managed by berth stack=s id=r2"), null);
    assertEquals(1, exact.result().size());
    Reply page2 = call("GET", base + "?per_page=3&page=2", null);
    JsonNode info = page2.body().get("result_info");
    assertEquals(2, info.get("page").asInt());
    assertEquals(3, info.get("per_page").asInt());
    assertEquals(3, info.get("count").asInt());
    assertEquals(8, info.get("total_count").asInt());
    assertEquals(3, info.get("total_pages").asInt());
    Reply last = call("GET", base + "?per_page=3&page=3", null);
    assertEquals(2, last.result().size());
  }

  @Test
  void getPutPatchDelete_record() throws Exception {
    String id =
        create(Map.of("type", "CNAME", "name", "w.example.com", "content", "a.net", "ttl", 120))
            .result()
            .get("id")
            .asText();
    String path = "/zones/" + zoneId + "/dns_records/" + id;
    assertEquals("a.net", call("GET", path, null).result().get("content").asText());
    Reply put =
        call("PUT", path, Map.of("type", "CNAME", "name", "w.example.com", "content", "b.net"));
    assertEquals(200, put.status(), put.body().toString());
    assertEquals("b.net", put.result().get("content").asText());
    assertEquals(1, put.result().get("ttl").asInt());
    Reply patch = call("PATCH", path, Map.of("comment", "note"));
    assertEquals("b.net", patch.result().get("content").asText());
    assertEquals("note", patch.result().get("comment").asText());
    Reply del = call("DELETE", path, null);
    assertEquals(id, del.result().get("id").asText());
    Reply gone = call("GET", path, null);
    assertEquals(404, gone.status());
    assertEquals(81044, gone.errorCode());
    assertEquals("Record does not exist.", gone.errorMessage());
    assertEquals(404, call("DELETE", path, null).status());
  }

  @Test
  void injectedFault_isAnsweredInTheEnvelope() throws Exception {
    Faults.Rule rule = new Faults.Rule();
    rule.action = "ListDnsRecords";
    rule.status = 429;
    rule.error = "971";
    rule.message = "Please wait and consider throttling your request speed";
    cloud.faults().add(rule);
    Reply r = call("GET", "/zones/" + zoneId + "/dns_records", null);
    assertEquals(429, r.status());
    assertEquals(971, r.errorCode());
    assertEquals(200, call("GET", "/zones/" + zoneId + "/dns_records", null).status());
  }

  @Test
  void unknownRoute_is400() throws Exception {
    Reply r = call("GET", "/accounts/x/things", null);
    assertEquals(400, r.status());
    assertEquals(7000, r.errorCode());
  }
}
