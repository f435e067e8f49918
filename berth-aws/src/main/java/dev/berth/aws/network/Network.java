package dev.berth.aws.network;

import dev.berth.aws.failure.ZonesUnavailableException;
import dev.berth.core.failure.BerthException;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/** Facts about the region that shape the network blueprint. */
public final class Network {
  /** An application load balancer needs subnets in at least this many zones. */
  public static final int MIN_ZONES = 2;

  private Network() {}

  /**
   * The first {@code max} available availability zones of the client's region, sorted by name
   * (local and wavelength zones excluded). The blueprint asks for 3: us-west-1 gives 2, us-east-1
   * gives a, b, c of its six.
   *
   * @throws BerthException when the region has fewer than {@value #MIN_ZONES} available zones
   */
  public static List<String> availabilityZones(Ec2Client ec2, int max) {
    if (max < MIN_ZONES) {
      throw new IllegalArgumentException("max must be at least " + MIN_ZONES + ": " + max);
    }
    List<String> zones =
        ec2
            .describeAvailabilityZones(
                r ->
                    r.filters(
                        Ec2Calls.filter("state", "available"),
                        Ec2Calls.filter("zone-type", "availability-zone")))
            .availabilityZones()
            .stream()
            .filter(z -> z.state() == AvailabilityZoneState.AVAILABLE)
            .map(AvailabilityZone::zoneName)
            .sorted()
            .toList();
    if (zones.size() < MIN_ZONES) {
      String region = ec2.serviceClientConfiguration().region().id();
      throw new ZonesUnavailableException(region, zones, MIN_ZONES);
    }
    return zones.subList(0, Math.min(max, zones.size()));
  }
}
