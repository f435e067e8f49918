package dev.berth.localcloud;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A VPC with an attached internet gateway, two subnets in the region's first two zones and a
 * security group, made through the EC2 API of one region (what ELBv2 and ECS need there).
 */
public record RegionalNetwork(
    Region region, String vpcId, String subnetA, String subnetB, String groupId) {

  public static RegionalNetwork create(LocalCloud cloud, Region region) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud, region)) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      String a = subnet(ec2, vpc, "10.0.1.0/24", region.id() + "a");
      String b = subnet(ec2, vpc, "10.0.2.0/24", region.id() + "b");
      String sg =
          ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
      return new RegionalNetwork(region, vpc, a, b, sg);
    }
  }

  private static String subnet(Ec2Client ec2, String vpc, String cidr, String zone) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone))
        .subnet()
        .subnetId();
  }
}
