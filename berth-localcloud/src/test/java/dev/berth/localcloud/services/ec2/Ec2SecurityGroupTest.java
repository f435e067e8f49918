package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.group;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.tcpFromCidr;
import static dev.berth.localcloud.services.ec2.Ec2Testing.tcpFromGroup;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

@ExtendWith(LocalCloudExtension.class)
class Ec2SecurityGroupTest {

  private static SecurityGroup describe(Ec2Client ec2, String id) {
    return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
  }

  @Test
  void createSecurityGroup_hasAllowAllEgressAndNoIngress(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      var resp =
          ec2.createSecurityGroup(
              r ->
                  r.vpcId(vpc)
                      .groupName("hello-lb")
                      .description("load balancer")
                      .tagSpecifications(
                          Ec2Testing.tags(ResourceType.SECURITY_GROUP, "berth:id", "lb-sg")));
      assertTrue(resp.groupId().startsWith("sg-"));
      SecurityGroup sg = describe(ec2, resp.groupId());
      assertEquals("hello-lb", sg.groupName());
      assertEquals("load balancer", sg.description());
      assertEquals(vpc, sg.vpcId());
      assertEquals("123456789012", sg.ownerId());
      assertEquals("lb-sg", sg.tags().get(0).value());
      assertEquals(0, sg.ipPermissions().size());
      IpPermission egress = sg.ipPermissionsEgress().get(0);
      assertEquals("-1", egress.ipProtocol());
      assertEquals(null, egress.fromPort());
      assertEquals("0.0.0.0/0", egress.ipRanges().get(0).cidrIp());
    }
  }

  @Test
  void createSecurityGroup_whenNameTakenInVpc_returnsInvalidGroupDuplicate(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      group(ec2, vpc, "web");
      fails(
          "InvalidGroup.Duplicate",
          "The security group 'web' already exists for VPC '" + vpc + "'",
          () -> group(ec2, vpc, "web"));
      group(ec2, vpc(ec2, "10.1.0.0/16"), "web");
      fails("InvalidGroup.Reserved", "default", () -> group(ec2, vpc, "default"));
      fails(
          "VPCIdNotSpecified",
          "No default VPC",
          () -> ec2.createSecurityGroup(r -> r.groupName("x").description("x")));
    }
  }

  @Test
  void authorizeSecurityGroupIngress_withCidrsAndGroups_isDescribedAsPermissions(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String lb = group(ec2, vpc, "lb");
      String task = group(ec2, vpc, "task");
      var resp =
          ec2.authorizeSecurityGroupIngress(
              r ->
                  r.groupId(lb)
                      .ipPermissions(tcpFromCidr(80, "0.0.0.0/0"), tcpFromCidr(443, "0.0.0.0/0")));
      assertEquals(true, resp.returnValue());
      assertEquals(2, resp.securityGroupRules().size());
      assertEquals(80, resp.securityGroupRules().get(0).fromPort());
      assertEquals("0.0.0.0/0", resp.securityGroupRules().get(0).cidrIpv4());
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(task).ipPermissions(tcpFromGroup(8080, lb)));

      List<IpPermission> lbRules = describe(ec2, lb).ipPermissions();
      assertEquals(2, lbRules.size());
      assertEquals("tcp", lbRules.get(0).ipProtocol());
      assertEquals(80, lbRules.get(0).fromPort());
      assertEquals(80, lbRules.get(0).toPort());
      assertEquals("0.0.0.0/0", lbRules.get(0).ipRanges().get(0).cidrIp());
      assertEquals(443, lbRules.get(1).fromPort());

      List<IpPermission> taskRules = describe(ec2, task).ipPermissions();
      assertEquals(1, taskRules.size());
      assertEquals(8080, taskRules.get(0).fromPort());
      assertEquals(0, taskRules.get(0).ipRanges().size());
      assertEquals(lb, taskRules.get(0).userIdGroupPairs().get(0).groupId());
      assertEquals("123456789012", taskRules.get(0).userIdGroupPairs().get(0).userId());

      assertEquals(
          List.of(task),
          ec2
              .describeSecurityGroups(r -> r.filters(filter("ip-permission.group-id", lb)))
              .securityGroups()
              .stream()
              .map(SecurityGroup::groupId)
              .toList());
    }
  }

  @Test
  void authorizeSecurityGroupIngress_sameRuleTwice_returnsInvalidPermissionDuplicate(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String lb = group(ec2, vpc, "lb");
      ec2.authorizeSecurityGroupIngress(
          r -> r.groupId(lb).ipPermissions(tcpFromCidr(80, "0.0.0.0/0")));
      fails(
          "InvalidPermission.Duplicate",
          "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW\" already exists",
          () ->
              ec2.authorizeSecurityGroupIngress(
                  r ->
                      r.groupId(lb)
                          .ipPermissions(
                              tcpFromCidr(443, "0.0.0.0/0"), tcpFromCidr(80, "0.0.0.0/0"))));
      // The call is all or nothing: 443 was not added.
      assertEquals(1, describe(ec2, lb).ipPermissions().size());
    }
  }

  @Test
  void authorizeSecurityGroupIngress_whenInputInvalid_returnsErrors(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String lb = group(ec2, vpc, "lb");
      fails(
          "InvalidGroup.NotFound",
          "The security group 'sg-0123456789abcdef0' does not exist",
          () ->
              ec2.authorizeSecurityGroupIngress(
                  r ->
                      r.groupId("sg-0123456789abcdef0")
                          .ipPermissions(tcpFromCidr(80, "0.0.0.0/0"))));
      fails(
          "InvalidGroup.NotFound",
          "sg-0123456789abcdef0",
          () ->
              ec2.authorizeSecurityGroupIngress(
                  r -> r.groupId(lb).ipPermissions(tcpFromGroup(80, "sg-0123456789abcdef0"))));
      fails(
          "InvalidParameterValue",
          "CIDR block 0.0.0.0/99 is malformed",
          () ->
              ec2.authorizeSecurityGroupIngress(
                  r -> r.groupId(lb).ipPermissions(tcpFromCidr(80, "0.0.0.0/99"))));
      fails(
          "InvalidParameterValue",
          "Must specify both from and to ports",
          () ->
              ec2.authorizeSecurityGroupIngress(
                  r ->
                      r.groupId(lb)
                          .ipPermissions(
                              IpPermission.builder()
                                  .ipProtocol("tcp")
                                  .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                                  .build())));
    }
  }

  @Test
  void revokeSecurityGroupIngress_removesRuleAndRefusesUnknownOnes(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String lb = group(ec2, vpc, "lb");
      String task = group(ec2, vpc, "task");
      ec2.authorizeSecurityGroupIngress(
          r ->
              r.groupId(task)
                  .ipPermissions(tcpFromGroup(8080, lb), tcpFromCidr(8080, "10.0.0.0/16")));
      ec2.revokeSecurityGroupIngress(
          r -> r.groupId(task).ipPermissions(tcpFromCidr(8080, "10.0.0.0/16")));
      List<IpPermission> left = describe(ec2, task).ipPermissions();
      assertEquals(1, left.size());
      assertEquals(0, left.get(0).ipRanges().size());
      assertEquals(lb, left.get(0).userIdGroupPairs().get(0).groupId());
      fails(
          "InvalidPermission.NotFound",
          "The specified rule does not exist in this security group.",
          () ->
              ec2.revokeSecurityGroupIngress(
                  r -> r.groupId(task).ipPermissions(tcpFromCidr(8080, "10.0.0.0/16"))));
      ec2.revokeSecurityGroupIngress(r -> r.groupId(task).ipPermissions(tcpFromGroup(8080, lb)));
      assertEquals(0, describe(ec2, task).ipPermissions().size());
      // No longer referenced: the load balancer group can go.
      ec2.deleteSecurityGroup(r -> r.groupId(lb));
    }
  }

  @Test
  void deleteSecurityGroup_whenReferencedByAnotherGroup_returnsDependencyViolation(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String lb = group(ec2, vpc, "lb");
      String task = group(ec2, vpc, "task");
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(task).ipPermissions(tcpFromGroup(8080, lb)));
      fails(
          "DependencyViolation",
          "resource " + lb + " has a dependent object",
          () -> ec2.deleteSecurityGroup(r -> r.groupId(lb)));
      ec2.deleteSecurityGroup(r -> r.groupId(task));
      ec2.deleteSecurityGroup(r -> r.groupId(lb));
      fails("InvalidGroup.NotFound", lb, () -> ec2.deleteSecurityGroup(r -> r.groupId(lb)));
    }
  }

  @Test
  void deleteSecurityGroup_whenUsedByNetworkInterface_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String lb = group(ec2, vpc, "lb");
      World world = cloud.world();
      Res eni;
      synchronized (world) {
        eni =
            NetworkInterfaces.create(
                world, subnet, List.of(lb), "ELB app/web/1", "amazon-elb", "interface");
      }
      fails("DependencyViolation", lb, () -> ec2.deleteSecurityGroup(r -> r.groupId(lb)));
      synchronized (world) {
        NetworkInterfaces.delete(world, eni);
      }
      ec2.deleteSecurityGroup(r -> r.groupId(lb));
    }
  }

  @Test
  void deleteSecurityGroup_whenDefault_returnsCannotDelete(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String dflt =
          ec2.describeSecurityGroups(
                  r -> r.filters(filter("vpc-id", vpc), filter("group-name", "default")))
              .securityGroups()
              .get(0)
              .groupId();
      fails(
          "CannotDelete",
          "the specified group: \"" + dflt + "\" name: \"default\" cannot be deleted by a user",
          () -> ec2.deleteSecurityGroup(r -> r.groupId(dflt)));
    }
  }
}
