package dev.berth.localcloud.services.cloudflare;

import java.util.List;

/**
 * An error in Cloudflare's envelope: HTTP status plus {@code errors: [{code, message,
 * error_chain?}]}.
 */
final class CloudflareError extends RuntimeException {
  /** One entry of {@code errors}; {@code chain} is the optional {@code error_chain}. */
  record Entry(int code, String message, List<Entry> chain) {
    Entry(int code, String message) {
      this(code, message, List.of());
    }
  }

  private final int status;
  private final List<Entry> errors;

  CloudflareError(int status, List<Entry> errors) {
    super(errors.get(0).message());
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  static CloudflareError of(int status, int code, String message) {
    return new CloudflareError(status, List.of(new Entry(code, message)));
  }

  /** A record that fails validation: 400, code 1004 with the specific problem chained. */
  static CloudflareError validation(int code, String message) {
    return new CloudflareError(
        400, List.of(new Entry(1004, "DNS Validation Error", List.of(new Entry(code, message)))));
  }

  int status() {
    return status;
  }

  List<Entry> errors() {
    return errors;
  }
}
