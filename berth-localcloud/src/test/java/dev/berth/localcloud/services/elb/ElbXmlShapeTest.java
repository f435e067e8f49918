package dev.berth.localcloud.services.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The raw XML of ELBv2 answers, as clients that do not use the Java SDK read it. */
@ExtendWith(LocalCloudExtension.class)
class ElbXmlShapeTest {
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/elasticloadbalancing/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=0";

  private record Answer(int status, Document xml) {
    String text(String xpath) throws Exception {
      return XPathFactory.newInstance().newXPath().evaluate(xpath, xml);
    }

    int count(String xpath) throws Exception {
      return ((NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, xml, XPathConstants.NODESET))
          .getLength();
    }
  }

  private static Answer call(LocalCloud cloud, Map<String, String> form) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("Version", "2015-12-01");
    String body =
        all.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<byte[]> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(cloud.endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .header("Authorization", AUTH)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(resp.body()));
    return new Answer(resp.statusCode(), doc);
  }

  @Test
  void createAndDescribe_useQueryEnvelopeMembersAndNamespace(LocalCloud cloud) throws Exception {
    TestNetwork net = TestNetwork.create(cloud, true);
    Map<String, String> create = new LinkedHashMap<>();
    create.put("Action", "CreateLoadBalancer");
    create.put("Name", "shape");
    create.put("Subnets.member.1", net.subnetA());
    create.put("Subnets.member.2", net.subnetB());
    create.put("SecurityGroups.member.1", net.sgId());
    create.put("Tags.member.1.Key", "berth:stack");
    create.put("Tags.member.1.Value", "hello");
    Answer created = call(cloud, create);
    assertEquals(200, created.status());
    assertEquals("CreateLoadBalancerResponse", created.xml().getDocumentElement().getNodeName());
    assertEquals(ElbXml.NS, created.xml().getDocumentElement().getAttribute("xmlns"));
    String arn =
        created.text(
            "/CreateLoadBalancerResponse/CreateLoadBalancerResult/LoadBalancers/member/LoadBalancerArn");
    assertTrue(
        arn.startsWith(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shape/"));
    assertTrue(
        created.text("/CreateLoadBalancerResponse/ResponseMetadata/RequestId").length() > 10);

    Answer described =
        call(cloud, Map.of("Action", "DescribeLoadBalancers", "Names.member.1", "shape"));
    String lb = "/DescribeLoadBalancersResponse/DescribeLoadBalancersResult/LoadBalancers/member";
    assertEquals(1, described.count(lb));
    assertEquals("shape", described.text(lb + "/LoadBalancerName"));
    assertEquals("active", described.text(lb + "/State/Code"));
    assertEquals("internet-facing", described.text(lb + "/Scheme"));
    assertEquals("application", described.text(lb + "/Type"));
    assertEquals("Z35SXDOTRQ7X7K", described.text(lb + "/CanonicalHostedZoneId"));
    assertEquals(2, described.count(lb + "/AvailabilityZones/member/ZoneName"));
    assertEquals(net.sgId(), described.text(lb + "/SecurityGroups/member"));
    assertTrue(
        described
            .text(lb + "/CreatedTime")
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

    Answer tags = call(cloud, Map.of("Action", "DescribeTags", "ResourceArns.member.1", arn));
    String td = "/DescribeTagsResponse/DescribeTagsResult/TagDescriptions/member";
    assertEquals(arn, tags.text(td + "/ResourceArn"));
    assertEquals("berth:stack", tags.text(td + "/Tags/member/Key"));
    assertEquals("hello", tags.text(td + "/Tags/member/Value"));
  }

  @Test
  void errors_useErrorResponseWithSenderTypeAndStatus400(LocalCloud cloud) throws Exception {
    Answer a = call(cloud, Map.of("Action", "DescribeLoadBalancers", "Names.member.1", "nope"));

    assertEquals(400, a.status());
    assertEquals("Sender", a.text("/ErrorResponse/Error/Type"));
    assertEquals("LoadBalancerNotFound", a.text("/ErrorResponse/Error/Code"));
    assertEquals("One or more load balancers not found", a.text("/ErrorResponse/Error/Message"));
    assertTrue(a.text("/ErrorResponse/RequestId").length() > 10);
  }
}
