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
 */
public final class AwsErrorClassifier implements ErrorClassifier {

  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "ThrottlingException",
          "TooManyRequestsException",
          "PriorRequestNotComplete",
          "RequestThrottled",
          "SlowDown",
          "InternalFailure",
          "InternalError",
          "ServiceUnavailable",
          "Unavailable",
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
    if (error instanceof SdkClientException) {
      // Connection resets, timeouts, unparseable responses: the call may be retried.
      return ErrorKind.TRANSIENT;
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
    String m = String.valueOf(e.getMessage());
    if (m.contains("Unable to load credentials") || m.contains("credentials provider")) {
      return null;
    }
    return NetworkFailures.reason(e);
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
