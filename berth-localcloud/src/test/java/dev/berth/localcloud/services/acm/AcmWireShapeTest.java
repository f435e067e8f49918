package dev.berth.localcloud.services.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The raw JSON 1.1 of ACM answers, as a client in any language sees it. */
@ExtendWith(LocalCloudExtension.class)
class AcmWireShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> call(LocalCloud cloud, String op, String body)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "CertificateManager." + op)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/acm/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void describeCertificate_answersDocumentedMemberNamesAndEpochSecondTimestamps(LocalCloud cloud)
      throws Exception {
    HttpResponse<String> requested =
        call(
            cloud,
            "RequestCertificate",
            "{\"DomainName\":\"hello.example.com\",\"ValidationMethod\":\"DNS\"}");
    assertEquals(200, requested.statusCode());
    assertTrue(requested.headers().firstValue("Content-Type").orElse("").contains("json"));
    String arn = JSON.readTree(requested.body()).get("CertificateArn").asText();

    HttpResponse<String> described =
        call(cloud, "DescribeCertificate", "{\"CertificateArn\":\"" + arn + "\"}");
    JsonNode c = JSON.readTree(described.body()).get("Certificate");
    assertEquals(arn, c.get("CertificateArn").asText());
    assertEquals("hello.example.com", c.get("DomainName").asText());
    assertEquals("PENDING_VALIDATION", c.get("Status").asText());
    assertEquals("AMAZON_ISSUED", c.get("Type").asText());
    assertTrue(c.get("CreatedAt").isNumber(), "timestamps are epoch seconds");
    assertTrue(c.get("InUseBy").isArray());
    JsonNode dvo = c.get("DomainValidationOptions").get(0);
    assertEquals("hello.example.com", dvo.get("DomainName").asText());
    assertEquals("hello.example.com", dvo.get("ValidationDomain").asText());
    assertEquals("PENDING_VALIDATION", dvo.get("ValidationStatus").asText());
    assertEquals("DNS", dvo.get("ValidationMethod").asText());
    JsonNode rr = dvo.get("ResourceRecord");
    assertEquals("CNAME", rr.get("Type").asText());
    assertTrue(rr.get("Name").asText().endsWith(".hello.example.com."));
    assertTrue(rr.get("Value").asText().endsWith(".acm-validations.aws."));
  }

  @Test
  void errors_carryTypeAndMessage(LocalCloud cloud) throws Exception {
    String missing =
        "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-a000-000000000000";
    HttpResponse<String> r =
        call(cloud, "DescribeCertificate", "{\"CertificateArn\":\"" + missing + "\"}");
    assertEquals(400, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("ResourceNotFoundException", body.get("__type").asText());
    assertTrue(body.get("message").asText().contains(missing));
  }
}
