package dev.berth.cloudflare;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.NetworkFailures;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place where Cloudflare errors are classified: rate limits, server errors and calls that
 * got no answer are transient; a missing record or zone is gone; everything else, authentication
 * and permission errors included, is fatal. The client makes one attempt per call; the engine
 * retries, waiting at least as long as a rate limit's {@code Retry-After} asks.
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

  /** The {@code Retry-After} of a rate limit or server error, as Cloudflare sent it. */
  @Override
  public Optional<Duration> retryAfter(Throwable error) {
    return error instanceof CloudflareException e ? e.retryAfter() : Optional.empty();
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
