package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SubnetState;

class Ec2ConsistencyTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext =
      new LocalCloudExtension(
          clock, Profile.instant().with("ec2.consistency", Duration.ofSeconds(2)));

  @Test
  void describeById_rightAfterCreate_returnsNotFoundUntilTheWindowPasses(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      fails("InvalidVpcID.NotFound", vpc, () -> ec2.describeVpcs(r -> r.vpcIds(vpc)));
      fails(
          "InvalidSubnetID.NotFound", subnet, () -> ec2.describeSubnets(r -> r.subnetIds(subnet)));
      // Filters already see it, still settling.
      assertEquals(
          SubnetState.PENDING,
          ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpc))).subnets().get(0).state());

      clock.advance(Duration.ofSeconds(2));
      assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().size());
      assertEquals(
          SubnetState.AVAILABLE,
          ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).state());
    }
  }
}
