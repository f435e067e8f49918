package dev.berth.localcloud.services.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Shortcuts for the EC2 conformance tests. */
final class Ec2Testing {
  private Ec2Testing() {}

  /** An EC2 client for another region than the default us-east-1. */
  static Ec2Client client(LocalCloud cloud, Region region) {
    return Ec2Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(cloud.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build();
  }

  /** Asserts the call fails with {@code code} and a message containing {@code message}. */
  static Ec2Exception fails(String code, String message, Executable call) {
    Ec2Exception e = assertThrows(Ec2Exception.class, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    assertTrue(
        e.awsErrorDetails().errorMessage().contains(message),
        () -> "message was: " + e.awsErrorDetails().errorMessage());
    return e;
  }

  static String vpc(Ec2Client ec2, String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  static String subnet(Ec2Client ec2, String vpcId, String cidr, String az) {
    return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(az))
        .subnet()
        .subnetId();
  }

  static String group(Ec2Client ec2, String vpcId, String name) {
    return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name + " group"))
        .groupId();
  }

  static String attachedGateway(Ec2Client ec2, String vpcId) {
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
    return igw;
  }

  static String mainRouteTable(Ec2Client ec2, String vpcId) {
    return ec2.describeRouteTables(
            r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
        .routeTables()
        .get(0)
        .routeTableId();
  }

  static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  static TagSpecification tags(ResourceType type, String key, String value) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key(key).value(value).build())
        .build();
  }

  static IpPermission tcpFromCidr(int port, String cidr) {
    return IpPermission.builder()
        .ipProtocol("tcp")
        .fromPort(port)
        .toPort(port)
        .ipRanges(IpRange.builder().cidrIp(cidr).build())
        .build();
  }

  static IpPermission tcpFromGroup(int port, String groupId) {
    return IpPermission.builder()
        .ipProtocol("tcp")
        .fromPort(port)
        .toPort(port)
        .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).build())
        .build();
  }
}
