package dev.berth.core.failure;

/**
 * A provider's endpoint could not be reached at all (connection refused, unknown host, connect
 * timeout) before anything was changed. The caller says how its endpoints are configured.
 */
public final class EndpointUnreachableException extends BerthException {
  private final String endpoint;
  private final String while_;

  /**
   * @param endpoint what could not be reached and why, as {@link ErrorClassifier#unreachable} says
   * @param what what berth was doing, for example {@code asking STS which account this is}
   */
  public EndpointUnreachableException(String endpoint, String what) {
    super(
        endpoint + " (while " + what + ")",
        "check the endpoint URL, the network and any proxy (HTTPS_PROXY); nothing was changed",
        FailureKind.CLOUD,
        null);
    this.endpoint = endpoint;
    this.while_ = what;
  }

  /** What could not be reached and why. */
  public String endpoint() {
    return endpoint;
  }

  /** What berth was doing. */
  public String during() {
    return while_;
  }
}
