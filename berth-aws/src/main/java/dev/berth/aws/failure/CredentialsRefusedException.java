package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** AWS refused the credentials the run found (expired, revoked, wrong): nothing was changed. */
public final class CredentialsRefusedException extends BerthException {
  private final String errorCode;

  public CredentialsRefusedException(String errorCode) {
    super(
        "AWS refused the credentials (" + errorCode + ")",
        "refresh them (aws sso login, or new access keys) or choose another AWS profile",
        FailureKind.BAD_INPUT,
        null);
    this.errorCode = errorCode;
  }

  /** AWS's error code, for example {@code ExpiredToken}. */
  public String errorCode() {
    return errorCode;
  }
}
