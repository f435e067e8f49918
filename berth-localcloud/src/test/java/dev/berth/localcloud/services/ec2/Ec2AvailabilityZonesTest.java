package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

@ExtendWith(LocalCloudExtension.class)
class Ec2AvailabilityZonesTest {

  private static List<String> names(List<AvailabilityZone> zones) {
    return zones.stream().map(AvailabilityZone::zoneName).toList();
  }

  @Test
  void describeAvailabilityZones_inUsEast1_returnsSixAvailableZones(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      List<AvailabilityZone> zones = ec2.describeAvailabilityZones().availabilityZones();
      assertEquals(
          List.of(
              "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"),
          names(zones));
      AvailabilityZone a = zones.get(0);
      assertEquals(AvailabilityZoneState.AVAILABLE, a.state());
      assertEquals("us-east-1", a.regionName());
      assertEquals("use1-az1", a.zoneId());
      assertEquals("availability-zone", a.zoneType());
    }
  }

  @Test
  void describeAvailabilityZones_inUsWest1_returnsTwoZonesFromTheCallersRegion(LocalCloud cloud) {
    try (Ec2Client ec2 = Ec2Testing.client(cloud, Region.US_WEST_1)) {
      assertEquals(
          List.of("us-west-1b", "us-west-1c"),
          names(ec2.describeAvailabilityZones().availabilityZones()));
    }
    try (Ec2Client ec2 = Ec2Testing.client(cloud, Region.EU_WEST_1)) {
      assertEquals(3, ec2.describeAvailabilityZones().availabilityZones().size());
    }
  }

  @Test
  void describeAvailabilityZones_withFilters_returnsMatchingZones(LocalCloud cloud) {
    AvailabilityZones.setState(cloud.world(), "us-east-1b", "impaired");
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      assertEquals(
          List.of("us-east-1b"),
          names(
              ec2.describeAvailabilityZones(r -> r.filters(filter("state", "impaired")))
                  .availabilityZones()));
      assertEquals(
          5,
          ec2.describeAvailabilityZones(r -> r.filters(filter("state", "available")))
              .availabilityZones()
              .size());
      assertEquals(
          List.of("us-east-1a", "us-east-1c"),
          names(
              ec2.describeAvailabilityZones(
                      r -> r.filters(filter("zone-name", "us-east-1a", "us-east-1c")))
                  .availabilityZones()));
      assertEquals(
          0,
          ec2.describeAvailabilityZones(r -> r.filters(filter("region-name", "eu-west-1")))
              .availabilityZones()
              .size());
      assertEquals(
          6,
          ec2.describeAvailabilityZones(r -> r.filters(filter("region-name", "us-east-*")))
              .availabilityZones()
              .size());
    }
  }

  @Test
  void describeAvailabilityZones_whenZoneNameUnknown_returnsInvalidParameterValue(
      LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      fails(
          "InvalidParameterValue",
          "us-east-1z",
          () -> ec2.describeAvailabilityZones(r -> r.zoneNames("us-east-1z")));
      fails(
          "InvalidParameterValue",
          "The filter 'colour' is invalid",
          () -> ec2.describeAvailabilityZones(r -> r.filters(filter("colour", "red"))));
    }
  }
}
