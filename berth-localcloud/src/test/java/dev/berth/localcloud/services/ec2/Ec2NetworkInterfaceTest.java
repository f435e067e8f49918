package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.group;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

@ExtendWith(LocalCloudExtension.class)
class Ec2NetworkInterfaceTest {

  private static List<String> ids(Ec2Client ec2, Filter... filters) {
    return ec2.describeNetworkInterfaces(r -> r.filters(filters)).networkInterfaces().stream()
        .map(NetworkInterface::networkInterfaceId)
        .toList();
  }

  @Test
  void describeNetworkInterfaces_showsInterfacesOtherServicesMade(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String lb = group(ec2, vpc, "lb");
      World world = cloud.world();
      Res eni;
      synchronized (world) {
        eni =
            NetworkInterfaces.create(
                world,
                subnet,
                List.of(lb),
                "ELB app/web/50dc6c495c0c9188",
                "amazon-elb",
                "interface");
      }
      NetworkInterface n =
          ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.id))
              .networkInterfaces()
              .get(0);
      assertEquals(subnet, n.subnetId());
      assertEquals(vpc, n.vpcId());
      assertEquals("us-east-1a", n.availabilityZone());
      assertEquals("ELB app/web/50dc6c495c0c9188", n.description());
      assertEquals("amazon-elb", n.requesterId());
      assertEquals(true, n.requesterManaged());
      assertEquals("in-use", n.statusAsString());
      assertEquals("interface", n.interfaceTypeAsString());
      assertEquals("10.0.1.4", n.privateIpAddress());
      assertEquals(lb, n.groups().get(0).groupId());
      assertEquals("lb", n.groups().get(0).groupName());
    }
  }

  @Test
  void describeNetworkInterfaces_withFilters_returnsMatchingInterfaces(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String a = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String b = subnet(ec2, vpc, "10.0.2.0/24", "us-east-1b");
      String lb = group(ec2, vpc, "lb");
      String task = group(ec2, vpc, "task");
      String other = vpc(ec2, "10.1.0.0/16");
      String otherSubnet = subnet(ec2, other, "10.1.1.0/24", "us-east-1a");
      World world = cloud.world();
      Res elbA;
      Res elbB;
      Res ecs;
      synchronized (world) {
        elbA =
            NetworkInterfaces.create(
                world, a, List.of(lb), "ELB app/web/1", "amazon-elb", "interface");
        elbB =
            NetworkInterfaces.create(
                world, b, List.of(lb), "ELB app/web/1", "amazon-elb", "interface");
        ecs =
            NetworkInterfaces.create(
                world,
                a,
                List.of(task),
                "arn:aws:ecs:us-east-1:123456789012:attachment/x",
                "578734482556",
                "interface");
        NetworkInterfaces.create(world, otherSubnet, List.of(), "other", null, "interface");
      }
      assertEquals(List.of(elbA.id, elbB.id, ecs.id), ids(ec2, filter("vpc-id", vpc)));
      assertEquals(List.of(elbA.id, ecs.id), ids(ec2, filter("subnet-id", a)));
      assertEquals(List.of(ecs.id), ids(ec2, filter("group-id", task)));
      assertEquals(List.of(elbA.id, elbB.id), ids(ec2, filter("description", "ELB app/web/*")));
      assertEquals(List.of(elbA.id, elbB.id), ids(ec2, filter("requester-id", "amazon-elb")));
      assertEquals(
          List.of(elbB.id), ids(ec2, filter("requester-id", "amazon-elb"), filter("subnet-id", b)));
      assertEquals(4, ids(ec2, filter("status", "in-use")).size());
      assertEquals(0, ids(ec2, filter("status", "available")).size());
      fails(
          "InvalidNetworkInterfaceID.NotFound",
          "The networkInterface ID 'eni-0123456789abcdef0' does not exist",
          () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0123456789abcdef0")));
    }
  }
}
