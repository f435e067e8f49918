package dev.berth.cloudflare;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.NetworkFailures;

/**
 * The one place where Cloudflare errors are classified: rate limits, server errors and calls that
 * got no answer are transient; a missing record or zone is gone; everything else, authentication
 * and permission errors included, is fatal.
 */
public final class CloudflareErrorClassifier implements ErrorClassifier {

  @Override
  public ErrorKind classify(Throwable error) {
    if (!(error instanceof CloudflareException e)) {
      return null;
    }
    int s = e.status();
    if (s == 0 || s == 429 || s >= 500) {
      return ErrorKind.TRANSIENT;
    }
    if (s == 404) {
      return ErrorKind.GONE;
    }
    return ErrorKind.FATAL;
  }

  /** A call that got no answer because the API could not be connected to at all. */
  @Override
  public String unreachable(Throwable error) {
    if (error instanceof CloudflareException e && e.status() == 0) {
      String reason = NetworkFailures.reason(e);
      if (reason == null) {
        return null;
      }
      return e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
    }
    return null;
  }

  @Override
  public String describe(Throwable error) {
    if (error instanceof CloudflareException e) {
      if (e.errors().isEmpty()) {
        return "Cloudflare HTTP " + e.status();
      }
      CloudflareException.Error first = e.errors().get(0);
      return "Cloudflare " + first.code() + ": " + first.message();
    }
    return null;
  }
}
