package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.util.List;

/** The region has too few available availability zones for a load balancer. */
public final class ZonesUnavailableException extends BerthException {
  private final String region;
  private final List<String> available;
  private final int needed;

  public ZonesUnavailableException(String region, List<String> available, int needed) {
    super(
        "Region "
            + region
            + " has "
            + available.size()
            + " available availability zone(s) "
            + available
            + "; a load balancer needs subnets in at least "
            + needed,
        "Deploy to another region, or try again when the region's zones are available.",
        FailureKind.BAD_INPUT,
        null);
    this.region = region;
    this.available = List.copyOf(available);
    this.needed = needed;
  }

  public String region() {
    return region;
  }

  public List<String> available() {
    return available;
  }

  public int needed() {
    return needed;
  }
}
