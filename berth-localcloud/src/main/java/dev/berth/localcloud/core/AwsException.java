package dev.berth.localcloud.core;

/**
 * An error answered to the caller, rendered in the protocol of the service that raised it (EC2 XML,
 * query XML, JSON 1.1, REST-XML, Cloudflare's envelope).
 */
public class AwsException extends RuntimeException {
  private final int status;
  private final String code;

  public AwsException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
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
