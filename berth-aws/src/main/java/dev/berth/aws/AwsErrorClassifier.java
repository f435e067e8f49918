package dev.berth.aws;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.NetworkFailures;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place where AWS errors are classified. NotFound codes are {@link ErrorKind#GONE}: the
 * engine treats GONE as success on delete, as absence on read, and as a consistency window (retry
 * until the propagation deadline) on create and update, where it means a dependency created a
 * moment ago is not visible yet.
 *
 * <p>{@link AwsClients} turns the SDK's own retries off by default, so every error the SDK would
 * have retried (throttling, clock skew, 5xx, request timeouts, connection resets) is {@link
 * ErrorKind#TRANSIENT} here and retried by the engine, on its clock. Credentials that cannot be
 * loaded are {@link ErrorKind#FATAL}.
 */
public final class AwsErrorClassifier implements ErrorClassifier {

  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          // Throttling: the SDK's own throttling codes (SdkDefaultRetrySetting), retried here
          // since the SDK's retries are off and the engine is the one retry loop.
          "RequestLimitExceeded",
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "EC2ThrottledException",
          "TooManyRequestsException",
          "ProvisionedThroughputExceededException",
          "TransactionInProgressException",
          "PriorRequestNotComplete",
          "RequestThrottled",
          "RequestThrottledException",
          "SlowDown",
          "BandwidthLimitExceeded",
          // The SDK's other retryable codes: timeouts and server-side failures.
          "RequestTimeout",
          "RequestTimeoutException",
          "IDPCommunicationError",
          "InternalFailure",
          "InternalError",
          "ServiceUnavailable",
          "Unavailable",
          // Consistency windows.
          "IncorrectState",
          "InvalidParameterValue.RoleNotReady");

  private static final Set<String> DEPENDENCY_CODES =
      Set.of(
          "DependencyViolation",
          "ResourceInUse",
          "ResourceInUseException",
          "DeleteConflict",
          "InvalidGroup.InUse",
          "ClusterContainsServicesException",
          "ClusterContainsTasksException",
          "ClusterContainsContainerInstancesException",
          "ConcurrentModification",
          "ConcurrentModificationException",
          "OperationAbortedException",
          "InvalidChangeBatch.PriorRequestNotComplete");

  private static final Set<String> GONE_CODES =
      Set.of(
          "NoSuchEntity",
          "LoadBalancerNotFound",
          "TargetGroupNotFound",
          "ListenerNotFound",
          "RuleNotFound",
          "CertificateNotFound",
          "ResourceNotFoundException",
          "ServiceNotFoundException",
          "ClusterNotFoundException",
          "NoSuchHostedZone",
          "NoSuchKey",
          "NotFound");

  /** ECS and IAM answer consistency windows with generic codes; the message tells them apart. */
  private static final Set<String> TRANSIENT_MESSAGES =
      Set.of(
          "Unable to assume role",
          "Unable to assume the service linked role",
          "does not have an associated load balancer",
          "Please verify that the ECS service role being passed has the proper permissions",
          "cannot be assumed by",
          "Invalid principal in policy");

  private static final Set<String> DEPENDENCY_MESSAGES =
      Set.of(
          "Creation of service was not idempotent",
          "The service cannot be stopped while deployments are active",
          "scheduled for deletion",
          "is currently in use by a listener or a rule");

  @Override
  public ErrorKind classify(Throwable error) {
    if (error instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message =
          e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
      if (code != null && DEPENDENCY_CODES.contains(code)
          || DEPENDENCY_MESSAGES.stream().anyMatch(message::contains)) {
        return ErrorKind.DEPENDENCY;
      }
      if (e.isThrottlingException()
          || e.isClockSkewException()
          || e.statusCode() >= 500
          || code != null && TRANSIENT_CODES.contains(code)
          || TRANSIENT_MESSAGES.stream().anyMatch(message::contains)) {
        return ErrorKind.TRANSIENT;
      }
      if (code != null
          && (GONE_CODES.contains(code)
              || code.endsWith(".NotFound")
              || code.endsWith("NotFoundException"))) {
        return ErrorKind.GONE;
      }
      return ErrorKind.FATAL;
    }
    if (error instanceof SdkClientException e) {
      // Credentials that cannot be loaded stay missing however often the call is retried.
      // Connection resets, timeouts, unparseable responses: the call may be retried.
      return credentialFailure(e) ? ErrorKind.FATAL : ErrorKind.TRANSIENT;
    }
    return null;
  }

  /**
   * A client-side error of a call that never reached AWS (refused, unknown host, connect timeout),
   * named with its endpoint when {@link AwsClients} made the call.
   */
  @Override
  public String unreachable(Throwable error) {
    if (!(error instanceof SdkClientException e)) {
      return null;
    }
    String reason = connectFailure(e);
    if (reason == null) {
      return null;
    }
    String named = EndpointNaming.named(e);
    return named != null ? named : "AWS could not be reached: " + reason;
  }

  /**
   * Why a call could not connect, or null. Credential providers' own failures (an instance metadata
   * service that does not answer) are about credentials, not the endpoint.
   */
  static String connectFailure(Throwable e) {
    if (credentialFailure(e)) {
      return null;
    }
    return NetworkFailures.reason(e);
  }

  /** Whether {@code e} is the credential provider chain's failure to load credentials. */
  static boolean credentialFailure(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Unable to load credentials") || m.contains("credentials provider");
  }

  @Override
  public String describe(Throwable error) {
    if (error instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      var d = e.awsErrorDetails();
      return d.serviceName() + " " + d.errorCode() + ": " + d.errorMessage();
    }
    if (error instanceof SdkClientException e) {
      String unreachable = unreachable(e);
      return unreachable != null ? unreachable : "AWS client error: " + e.getMessage();
    }
    return null;
  }
}
