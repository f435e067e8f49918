package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.attachedGateway;
import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.group;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcState;

@ExtendWith(LocalCloudExtension.class)
class Ec2VpcTest {

  @Test
  void createVpc_createsMainRouteTableWithLocalRouteAndDefaultSecurityGroup(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      Vpc created =
          ec2.createVpc(
                  r ->
                      r.cidrBlock("10.0.0.0/16")
                          .tagSpecifications(Ec2Testing.tags(ResourceType.VPC, "Name", "web")))
              .vpc();
      assertTrue(created.vpcId().matches("vpc-0[0-9a-f]{16}"), created.vpcId());
      assertEquals("10.0.0.0/16", created.cidrBlock());
      assertEquals("web", created.tags().get(0).value());

      Vpc described = ec2.describeVpcs(r -> r.vpcIds(created.vpcId())).vpcs().get(0);
      assertEquals(VpcState.AVAILABLE, described.state());
      assertEquals(false, described.isDefault());
      assertEquals("10.0.0.0/16", described.cidrBlockAssociationSet().get(0).cidrBlock());

      var tables =
          ec2.describeRouteTables(r -> r.filters(filter("vpc-id", created.vpcId()))).routeTables();
      assertEquals(1, tables.size());
      assertEquals(true, tables.get(0).associations().get(0).main());
      var local = tables.get(0).routes().get(0);
      assertEquals("10.0.0.0/16", local.destinationCidrBlock());
      assertEquals("local", local.gatewayId());
      assertEquals("active", local.stateAsString());

      List<SecurityGroup> groups =
          ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", created.vpcId())))
              .securityGroups();
      assertEquals(1, groups.size());
      assertEquals("default", groups.get(0).groupName());
      assertEquals("-1", groups.get(0).ipPermissionsEgress().get(0).ipProtocol());
      assertEquals(
          groups.get(0).groupId(),
          groups.get(0).ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
    }
  }

  @Test
  void createVpc_whenCidrInvalid_returnsInvalidParameterValue(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails(
          "InvalidParameterValue",
          "Value (10.0.0.0/33) for parameter cidrBlock is invalid",
          () -> vpc(ec2, "10.0.0.0/33"));
      fails("InvalidParameterValue", "not a valid CIDR block", () -> vpc(ec2, "10.0.0.1/16"));
      fails("InvalidParameterValue", "not a valid CIDR block", () -> vpc(ec2, "banana"));
    }
  }

  @Test
  void createVpc_whenPrefixOutsideSixteenToTwentyEight_returnsInvalidVpcRange(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails("InvalidVpc.Range", "The CIDR '10.0.0.0/8' is invalid.", () -> vpc(ec2, "10.0.0.0/8"));
      fails("InvalidVpc.Range", "10.0.0.0/29", () -> vpc(ec2, "10.0.0.0/29"));
    }
  }

  @Test
  void createVpc_whenFiveExistInRegion_returnsVpcLimitExceeded(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      for (int i = 0; i < 5; i++) {
        vpc(ec2, "10." + i + ".0.0/16");
      }
      fails(
          "VpcLimitExceeded",
          "The maximum number of VPCs has been reached.",
          () -> vpc(ec2, "10.9.0.0/16"));
    }
    try (Ec2Client west = Ec2Testing.client(cloud, Region.US_WEST_2)) {
      vpc(west, "10.0.0.0/16");
      assertEquals(1, west.describeVpcs().vpcs().size());
    }
  }

  @Test
  void describeVpcs_whenIdUnknownOrMalformed_returnsNotFoundOrMalformed(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails(
          "InvalidVpcID.NotFound",
          "The vpc ID 'vpc-0123456789abcdef0' does not exist",
          () -> ec2.describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")));
      fails(
          "InvalidVpcID.Malformed", "vpc-nope", () -> ec2.describeVpcs(r -> r.vpcIds("vpc-nope")));
    }
  }

  @Test
  void describeVpcs_inAnotherRegion_doesNotSeeTheVpc(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud);
        Ec2Client west = Ec2Testing.client(cloud, Region.US_WEST_1)) {
      String id = vpc(ec2, "10.0.0.0/16");
      fails("InvalidVpcID.NotFound", id, () -> west.describeVpcs(r -> r.vpcIds(id)));
      assertEquals(0, west.describeVpcs().vpcs().size());
    }
  }

  @Test
  void describeVpcs_withFilters_returnsMatchingVpcs(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String a =
          ec2.createVpc(
                  r ->
                      r.cidrBlock("10.0.0.0/16")
                          .tagSpecifications(Ec2Testing.tags(ResourceType.VPC, "berth:stack", "a")))
              .vpc()
              .vpcId();
      String b = vpc(ec2, "10.1.0.0/16");
      assertEquals(
          List.of(a),
          ec2.describeVpcs(r -> r.filters(filter("tag:berth:stack", "a"))).vpcs().stream()
              .map(Vpc::vpcId)
              .toList());
      assertEquals(
          List.of(a),
          ec2.describeVpcs(r -> r.filters(filter("tag-key", "berth:*"))).vpcs().stream()
              .map(Vpc::vpcId)
              .toList());
      assertEquals(
          List.of(b),
          ec2
              .describeVpcs(r -> r.filters(filter("vpc-id", b), filter("state", "available")))
              .vpcs()
              .stream()
              .map(Vpc::vpcId)
              .toList());
      assertEquals(
          List.of(a, b),
          ec2
              .describeVpcs(r -> r.filters(filter("cidr", "10.0.0.0/16", "10.1.0.0/16")))
              .vpcs()
              .stream()
              .map(Vpc::vpcId)
              .toList());
      assertEquals(
          0, ec2.describeVpcs(r -> r.filters(filter("tag:berth:stack", "zzz"))).vpcs().size());
    }
  }

  @Test
  void createVpc_whenTagSpecificationNamesAnotherType_returnsInvalidParameterValue(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails(
          "InvalidParameterValue",
          "'subnet' is not a valid taggable resource type",
          () ->
              ec2.createVpc(
                  r ->
                      r.cidrBlock("10.0.0.0/16")
                          .tagSpecifications(Ec2Testing.tags(ResourceType.SUBNET, "a", "b"))));
      assertEquals(0, ec2.describeVpcs().vpcs().size());
    }
  }

  @Test
  void deleteVpc_removesItsMainRouteTableAndDefaultGroup(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String id = vpc(ec2, "10.0.0.0/16");
      ec2.deleteVpc(r -> r.vpcId(id));
      assertEquals(0, cloud.world().all().count());
      fails("InvalidVpcID.NotFound", id, () -> ec2.deleteVpc(r -> r.vpcId(id)));
    }
  }

  @Test
  void deleteVpc_whenSubnetRemains_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String id = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, id, "10.0.1.0/24", "us-east-1a");
      fails(
          "DependencyViolation",
          "The vpc '" + id + "' has dependencies and cannot be deleted.",
          () -> ec2.deleteVpc(r -> r.vpcId(id)));
      ec2.deleteSubnet(r -> r.subnetId(subnet));
      ec2.deleteVpc(r -> r.vpcId(id));
    }
  }

  @Test
  void deleteVpc_whenGatewayAttached_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String id = vpc(ec2, "10.0.0.0/16");
      String igw = attachedGateway(ec2, id);
      fails("DependencyViolation", id, () -> ec2.deleteVpc(r -> r.vpcId(id)));
      ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(id));
      ec2.deleteVpc(r -> r.vpcId(id));
      ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
      assertEquals(0, cloud.world().all().count());
    }
  }

  @Test
  void deleteVpc_whenSecurityGroupRemains_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String id = vpc(ec2, "10.0.0.0/16");
      String sg = group(ec2, id, "lb");
      fails("DependencyViolation", id, () -> ec2.deleteVpc(r -> r.vpcId(id)));
      ec2.deleteSecurityGroup(r -> r.groupId(sg));
      ec2.deleteVpc(r -> r.vpcId(id));
    }
  }

  @Test
  void deleteVpc_whenNetworkInterfaceRemains_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String id = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, id, "10.0.1.0/24", "us-east-1a");
      var world = cloud.world();
      dev.berth.localcloud.core.Res eni;
      synchronized (world) {
        eni =
            NetworkInterfaces.create(
                world, subnet, List.of(), "ELB app/x/1", "amazon-elb", "interface");
      }
      fails("DependencyViolation", id, () -> ec2.deleteVpc(r -> r.vpcId(id)));
      synchronized (world) {
        NetworkInterfaces.delete(world, eni);
      }
      ec2.deleteSubnet(r -> r.subnetId(subnet));
      ec2.deleteVpc(r -> r.vpcId(id));
      assertEquals(0, world.all().count());
    }
  }
}
