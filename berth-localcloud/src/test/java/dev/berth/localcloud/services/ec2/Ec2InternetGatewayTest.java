package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.attachedGateway;
import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

class Ec2InternetGatewayTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.instant());

  @Test
  void attachInternetGateway_showsAnAvailableAttachment(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      InternetGateway created =
          ec2.createInternetGateway(
                  r ->
                      r.tagSpecifications(Ec2Testing.tags(ResourceType.INTERNET_GATEWAY, "k", "v")))
              .internetGateway();
      assertEquals(0, created.attachments().size());
      assertEquals("v", created.tags().get(0).value());
      ec2.attachInternetGateway(r -> r.internetGatewayId(created.internetGatewayId()).vpcId(vpc));

      InternetGateway igw =
          ec2.describeInternetGateways(r -> r.internetGatewayIds(created.internetGatewayId()))
              .internetGateways()
              .get(0);
      assertEquals(vpc, igw.attachments().get(0).vpcId());
      assertEquals("available", igw.attachments().get(0).stateAsString());
      assertEquals(
          1,
          ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpc)))
              .internetGateways()
              .size());
    }
  }

  @Test
  void attachInternetGateway_whenAlreadyAttached_returnsResourceAlreadyAssociated(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String other = vpc(ec2, "10.1.0.0/16");
      String igw = attachedGateway(ec2, vpc);
      fails(
          "Resource.AlreadyAssociated",
          "resource " + igw + " is already attached to network " + vpc,
          () -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(other)));
      fails(
          "InvalidParameterValue",
          "Network " + vpc + " already has an internet gateway attached",
          () -> attachedGateway(ec2, vpc));
    }
  }

  @Test
  void attachInternetGateway_whenIdsUnknown_returnsNotFound(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      fails(
          "InvalidInternetGatewayID.NotFound",
          "The internetGateway ID 'igw-0123456789abcdef0' does not exist",
          () ->
              ec2.attachInternetGateway(
                  r -> r.internetGatewayId("igw-0123456789abcdef0").vpcId(vpc)));
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      fails(
          "InvalidVpcID.NotFound",
          "vpc-0123456789abcdef0",
          () ->
              ec2.attachInternetGateway(
                  r -> r.internetGatewayId(igw).vpcId("vpc-0123456789abcdef0")));
    }
  }

  @Test
  void detachInternetGateway_whenNotAttached_returnsGatewayNotAttached(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      fails(
          "Gateway.NotAttached",
          "resource " + igw + " is not attached to network " + vpc,
          () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc)));
    }
  }

  @Test
  void detachInternetGateway_whileNetworkInterfacesLinger_returnsDependencyViolationUntilTheyExpire(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String igw = attachedGateway(ec2, vpc);
      World world = cloud.world();
      synchronized (world) {
        var eni =
            NetworkInterfaces.create(
                world, subnet, List.of(), "ELB app/web/1", "amazon-elb", "interface");
        NetworkInterfaces.linger(world, eni, Duration.ofMinutes(5).toMillis());
      }
      fails(
          "DependencyViolation",
          "Network " + vpc + " has some mapped public address(es)",
          () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc)));
      clock.advance(Duration.ofMinutes(5));
      ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      assertEquals(0, ec2.describeNetworkInterfaces().networkInterfaces().size());
    }
  }

  @Test
  void deleteInternetGateway_whileAttached_returnsDependencyViolation(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String igw = attachedGateway(ec2, vpc);
      fails(
          "DependencyViolation",
          "The internetGateway '" + igw + "' has dependencies and cannot be deleted.",
          () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));
      ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
      fails(
          "InvalidInternetGatewayID.NotFound",
          igw,
          () -> ec2.describeInternetGateways(r -> r.internetGatewayIds(igw)));
    }
  }

  @Test
  void createInternetGateway_whenFiveExist_returnsInternetGatewayLimitExceeded(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      for (int i = 0; i < InternetGateways.LIMIT; i++) {
        ec2.createInternetGateway();
      }
      fails("InternetGatewayLimitExceeded", "maximum", ec2::createInternetGateway);
    }
  }
}
