package dev.berth.cloudflare;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A failed Cloudflare API call: the HTTP status (0 when no answer arrived) and Cloudflare's error
 * codes and messages. Never carries the API token.
 */
public class CloudflareException extends BerthException {
  /** One entry of Cloudflare's {@code errors} list. */
  public record Error(int code, String message) {
    @Override
    public String toString() {
      return message + " (" + code + ")";
    }
  }

  private final int status;
  private final List<Error> errors;
  private final Duration retryAfter;

  public CloudflareException(
      String call, int status, List<Error> errors, String hint, Throwable cause) {
    this(call, status, errors, hint, null, cause);
  }

  /**
   * @param retryAfter how long Cloudflare asked to wait before the next attempt ({@code
   *     Retry-After}), or null
   */
  public CloudflareException(
      String call,
      int status,
      List<Error> errors,
      String hint,
      Duration retryAfter,
      Throwable cause) {
    super(message(call, status, errors), hint, FailureKind.CLOUD, cause);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  /** The wait Cloudflare asked for before the next attempt ({@code Retry-After}), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static String message(String call, int status, List<Error> errors) {
    String what = "Cloudflare API " + call + " failed";
    if (status == 0) {
      return what + ": no answer" + (errors.isEmpty() ? "" : ": " + errors.get(0).message());
    }
    return what
        + ": HTTP "
        + status
        + (errors.isEmpty()
            ? ""
            : ": " + errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
  }

  /** The HTTP status, or 0 if the call got no answer (connection refused, timeout). */
  public int status() {
    return status;
  }

  public List<Error> errors() {
    return errors;
  }

  /** Whether Cloudflare answered with this error code. */
  public boolean hasCode(int code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }
}
