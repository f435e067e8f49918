package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetState;

@ExtendWith(LocalCloudExtension.class)
class Ec2SubnetTest {

  @Test
  void createSubnet_thenDescribe_reportsAvailableSubnetWithFreeAddresses(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      Subnet created =
          ec2.createSubnet(
                  r ->
                      r.vpcId(vpc)
                          .cidrBlock("10.0.1.0/24")
                          .availabilityZone("us-east-1b")
                          .tagSpecifications(
                              Ec2Testing.tags(ResourceType.SUBNET, "berth:id", "subnet-b")))
              .subnet();
      assertEquals("us-east-1b", created.availabilityZone());
      Subnet s = ec2.describeSubnets(r -> r.subnetIds(created.subnetId())).subnets().get(0);
      assertEquals(SubnetState.AVAILABLE, s.state());
      assertEquals(vpc, s.vpcId());
      assertEquals("10.0.1.0/24", s.cidrBlock());
      assertEquals(251, s.availableIpAddressCount());
      assertEquals(false, s.mapPublicIpOnLaunch());
      assertEquals("subnet-b", s.tags().get(0).value());
      assertEquals(
          "arn:aws:ec2:us-east-1:123456789012:subnet/" + created.subnetId(), s.subnetArn());
    }
  }

  @Test
  void modifySubnetAttribute_setsMapPublicIpOnLaunch(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String id = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      ec2.modifySubnetAttribute(r -> r.subnetId(id).mapPublicIpOnLaunch(b -> b.value(true)));
      assertEquals(
          true, ec2.describeSubnets(r -> r.subnetIds(id)).subnets().get(0).mapPublicIpOnLaunch());
      assertEquals(
          1,
          ec2.describeSubnets(r -> r.filters(filter("map-public-ip-on-launch", "true")))
              .subnets()
              .size());
      fails(
          "InvalidSubnetID.NotFound",
          "The subnet ID 'subnet-0123456789abcdef0' does not exist",
          () ->
              ec2.modifySubnetAttribute(
                  r ->
                      r.subnetId("subnet-0123456789abcdef0")
                          .mapPublicIpOnLaunch(b -> b.value(true))));
    }
  }

  @Test
  void createSubnet_whenCidrOutsideVpc_returnsInvalidSubnetRange(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      fails(
          "InvalidSubnet.Range",
          "The CIDR '10.1.0.0/24' is invalid.",
          () -> subnet(ec2, vpc, "10.1.0.0/24", "us-east-1a"));
      fails(
          "InvalidSubnet.Range",
          "10.0.0.0/29",
          () -> subnet(ec2, vpc, "10.0.0.0/29", "us-east-1a"));
      fails(
          "InvalidParameterValue",
          "not a valid CIDR block",
          () -> subnet(ec2, vpc, "10.0.1.0/99", "us-east-1a"));
    }
  }

  @Test
  void createSubnet_whenCidrOverlapsAnotherSubnet_returnsInvalidSubnetConflict(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      subnet(ec2, vpc, "10.0.0.0/20", "us-east-1a");
      fails(
          "InvalidSubnet.Conflict",
          "The CIDR '10.0.1.0/24' conflicts with another subnet",
          () -> subnet(ec2, vpc, "10.0.1.0/24", "us-east-1b"));
      // The same range in another VPC is fine.
      subnet(ec2, vpc(ec2, "10.0.0.0/16"), "10.0.1.0/24", "us-east-1b");
    }
  }

  @Test
  void createSubnet_whenZoneNotInRegion_returnsInvalidParameterValue(LocalCloud cloud) {
    try (Ec2Client ec2 = Ec2Testing.client(cloud, Region.US_WEST_1)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      fails(
          "InvalidParameterValue",
          "Subnets can currently only be created in the following availability zones: us-west-1b,"
              + " us-west-1c.",
          () -> subnet(ec2, vpc, "10.0.1.0/24", "us-west-1a"));
    }
  }

  @Test
  void createSubnet_whenVpcUnknown_returnsInvalidVpcIdNotFound(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails(
          "InvalidVpcID.NotFound",
          "vpc-0123456789abcdef0",
          () -> subnet(ec2, "vpc-0123456789abcdef0", "10.0.1.0/24", "us-east-1a"));
    }
  }

  @Test
  void deleteSubnet_whileNetworkInterfacesAreInIt_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String id = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      World world = cloud.world();
      Res eni;
      synchronized (world) {
        eni = NetworkInterfaces.create(world, id, List.of(), "task", "578734482556", "interface");
      }
      assertEquals(
          250,
          ec2.describeSubnets(r -> r.subnetIds(id)).subnets().get(0).availableIpAddressCount());
      fails(
          "DependencyViolation",
          "The subnet '" + id + "' has dependencies and cannot be deleted.",
          () -> ec2.deleteSubnet(r -> r.subnetId(id)));
      synchronized (world) {
        NetworkInterfaces.delete(world, eni);
      }
      ec2.deleteSubnet(r -> r.subnetId(id));
      fails("InvalidSubnetID.NotFound", id, () -> ec2.describeSubnets(r -> r.subnetIds(id)));
    }
  }

  @Test
  void describeSubnets_withFilters_returnsMatchingSubnets(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String a = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String b = subnet(ec2, vpc, "10.0.2.0/24", "us-east-1b");
      subnet(ec2, vpc(ec2, "10.1.0.0/16"), "10.1.1.0/24", "us-east-1a");
      assertEquals(
          List.of(a, b),
          ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpc))).subnets().stream()
              .map(Subnet::subnetId)
              .toList());
      assertEquals(
          List.of(b),
          ec2
              .describeSubnets(
                  r -> r.filters(filter("vpc-id", vpc), filter("availability-zone", "us-east-1b")))
              .subnets()
              .stream()
              .map(Subnet::subnetId)
              .toList());
      assertEquals(
          2,
          ec2.describeSubnets(r -> r.filters(filter("cidr-block", "10.?.1.0/24")))
              .subnets()
              .size());
    }
  }
}
