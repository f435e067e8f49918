package dev.berth.localcloud.core;

/**
 * An error answered to the caller, rendered in the protocol of the service that raised it (EC2 XML,
 * query XML, JSON 1.1, REST-XML, Cloudflare's envelope).
 */
public class AwsException extends RuntimeException {
  private final int status;
  private final String code;
  private final String retryAfter;

  public AwsException(int status, String code, String message) {
    this(status, code, message, null);
  }

  /**
   * @param retryAfter the {@code Retry-After} header to answer with (seconds), or null
   */
  public AwsException(int status, String code, String message, String retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** The {@code Retry-After} header to answer with, or null. */
  public String retryAfter() {
    return retryAfter;
  }

  /** A 400 client error. */
  public static AwsException client(String code, String message) {
    return new AwsException(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
