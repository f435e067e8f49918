package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** The SDK's credential chain found no usable credentials: nothing was asked of AWS. */
public final class CredentialsMissingException extends BerthException {
  private final String reason;

  public CredentialsMissingException(String reason) {
    super(
        "no usable AWS credentials: " + reason,
        "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run aws configure or aws sso login, or"
            + " choose an AWS profile",
        FailureKind.BAD_INPUT,
        null);
    this.reason = reason;
  }

  /** Why the chain found none, as the SDK says (first line). */
  public String reason() {
    return reason;
  }
}
