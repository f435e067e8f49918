package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** The run's region is not one the AWS SDK knows. */
public final class RegionInvalidException extends BerthException {
  private final String region;

  public RegionInvalidException(String region) {
    super(
        "region " + region + " is not an AWS region berth knows",
        "set the region in berth.yaml to one such as us-east-1 or eu-west-1",
        FailureKind.BAD_INPUT,
        null);
    this.region = region;
  }

  public String region() {
    return region;
  }
}
