package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.failure.ZonesUnavailableException;
import dev.berth.core.failure.BerthException;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.localcloud.services.ec2.AvailabilityZones;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class NetworkTest extends NetworkTestBase {

  @Test
  void availabilityZones_inUsEast1_returnsTheFirstThreeSorted() {
    assertEquals(
        List.of("us-east-1a", "us-east-1b", "us-east-1c"), Network.availabilityZones(ec2, 3));
    assertEquals(List.of("us-east-1a", "us-east-1b"), Network.availabilityZones(ec2, 2));
  }

  @Test
  void availabilityZones_inARegionWithTwoZones_returnsBoth() {
    try (AwsClients west = clients(Region.US_WEST_1)) {
      assertEquals(List.of("us-west-1b", "us-west-1c"), Network.availabilityZones(west.ec2(), 3));
    }
  }

  @Test
  void availabilityZones_skipsImpairedZones() {
    AvailabilityZones.setState(cloud.world(), "us-east-1b", "impaired");
    assertEquals(
        List.of("us-east-1a", "us-east-1c", "us-east-1d"), Network.availabilityZones(ec2, 3));
  }

  @Test
  void availabilityZones_withFewerThanTwoAvailable_failsNamingTheRegion() {
    AvailabilityZones.setState(cloud.world(), "us-west-1c", "unavailable");
    try (AwsClients west = clients(Region.US_WEST_1)) {
      BerthException e =
          assertThrows(BerthException.class, () -> Network.availabilityZones(west.ec2(), 3));
      assertTrue(e.getMessage().contains("us-west-1"), e.getMessage());
      assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
      assertEquals("us-west-1", ((ZonesUnavailableException) e).region()); // the CLI adds --region
    }
  }

  @Test
  void networkHandlers_coverEveryNetworkType() {
    assertEquals(
        List.of(
            "aws.ec2.vpc",
            "aws.ec2.internet-gateway",
            "aws.ec2.route",
            "aws.ec2.subnet",
            "aws.ec2.security-group"),
        NetworkHandlers.all(aws).stream().map(ResourceHandler::type).map(t -> t.name()).toList());
  }
}
