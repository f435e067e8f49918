package dev.berth.aws;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Names the endpoint in a call's final error when the SDK could not reach it at all: the SDK says
 * only "Unable to execute HTTP request: Connection refused", without the URL, which is what the
 * user must check. Runs once per call, after the SDK's own retries.
 */
final class EndpointNaming implements ExecutionInterceptor {
  /** The start of every message this makes, for {@link AwsErrorClassifier#unreachable}. */
  static final String PREFIX = "the AWS endpoint ";

  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes executionAttributes) {
    Throwable e = context.exception();
    String reason = AwsErrorClassifier.connectFailure(e);
    if (reason == null || context.httpRequest().isEmpty()) {
      return e;
    }
    URI uri = context.httpRequest().get().getUri();
    String endpoint =
        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    return SdkClientException.builder()
        .message(PREFIX + endpoint + " could not be reached: " + reason)
        .cause(e)
        .build();
  }

  /**
   * The message this made, anywhere in {@code e}'s causes (the SDK wraps some errors again after
   * the interceptors, such as an unknown host), or null.
   */
  static String named(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(PREFIX)) {
        return t.getMessage();
      }
    }
    return null;
  }
}
