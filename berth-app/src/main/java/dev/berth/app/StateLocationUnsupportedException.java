package dev.berth.app;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/** A state location this version cannot keep state in (an S3 URL). */
public final class StateLocationUnsupportedException extends BerthException {
  private final String location;

  public StateLocationUnsupportedException(String location) {
    super(
        "the S3 state store is not available in this version (" + location + ")",
        "keep state in .berth/ beside the spec, or give a folder",
        FailureKind.BAD_INPUT,
        null);
    this.location = location;
  }

  /** The location asked for, for example {@code s3://bucket/key}. */
  public String location() {
    return location;
  }
}
