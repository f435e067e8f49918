package dev.berth.localcloud.services.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a client in another language sees on the wire. */
@ExtendWith(LocalCloudExtension.class)
class Ec2XmlShapeTest {
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host,"
          + " Signature=x";

  private static HttpResponse<String> call(LocalCloud cloud, String form) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
            .header("Authorization", AUTH)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2016-11-15"))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void describeVpcs_rawResponse_usesItemListsAndRequestId(LocalCloud cloud) throws Exception {
    HttpResponse<String> created =
        call(
            cloud,
            "Action=CreateVpc&CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc"
                + "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web");
    assertEquals(200, created.statusCode(), created.body());
    assertTrue(
        created
            .body()
            .contains("<CreateVpcResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"),
        created.body());
    assertTrue(
        created.body().matches("(?s).*<requestId>[0-9a-f-]{36}</requestId>.*"), created.body());

    String body = call(cloud, "Action=DescribeVpcs").body();
    assertTrue(
        body.contains("<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"),
        body);
    assertTrue(body.contains("<requestId>"), body);
    assertTrue(body.contains("<vpcSet><item><vpcId>vpc-"), body);
    assertTrue(body.contains("<cidrBlock>10.0.0.0/16</cidrBlock>"), body);
    assertTrue(
        body.contains("<tagSet><item><key>Name</key><value>web</value></item></tagSet>"), body);
    assertTrue(body.contains("<isDefault>false</isDefault>"), body);
  }

  @Test
  void describeVpcs_rawError_usesEc2ErrorEnvelope(LocalCloud cloud) throws Exception {
    HttpResponse<String> resp = call(cloud, "Action=DescribeVpcs&VpcId.1=vpc-0123456789abcdef0");
    assertEquals(400, resp.statusCode());
    assertTrue(
        resp.body()
            .contains(
                "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID"
                    + " &apos;vpc-0123456789abcdef0&apos; does not exist</Message></Error></Errors><RequestID>"),
        resp.body());
  }

  @Test
  void describeAvailabilityZones_rawResponse_listsZonesAsItems(LocalCloud cloud) throws Exception {
    String body =
        call(
                cloud,
                "Action=DescribeAvailabilityZones&Filter.1.Name=zone-name&Filter.1.Value.1=us-east-1a")
            .body();
    assertTrue(
        body.contains(
            "<availabilityZoneInfo><item><zoneName>us-east-1a</zoneName><zoneState>available</zoneState>"
                + "<regionName>us-east-1</regionName>"),
        body);
    assertTrue(body.contains("<requestId>"), body);
  }
}
