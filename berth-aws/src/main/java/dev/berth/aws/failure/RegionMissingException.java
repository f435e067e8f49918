package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** No AWS region anywhere: not in the spec, not given to the run, not configured for the SDK. */
public final class RegionMissingException extends BerthException {
  public RegionMissingException() {
    super(
        "no AWS region: none in berth.yaml, none given to the run, and none configured",
        "add region: us-east-1 (or yours) to berth.yaml, or set AWS_REGION",
        FailureKind.BAD_INPUT,
        null);
  }
}
