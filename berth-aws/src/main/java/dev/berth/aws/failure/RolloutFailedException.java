package dev.berth.aws.failure;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/**
 * An ECS service's rollout failed: its tasks crashed or failed their health checks. The facts say
 * where the service stands now; the caller words how to look at the container's logs.
 */
public final class RolloutFailedException extends BerthException {
  /** Where the service stands after the failure. */
  public enum Outcome {
    /** The new version's tasks keep failing; nothing was returned. */
    FAILING,
    /** ECS's circuit breaker rolled the service back; the previous version serves. */
    ROLLED_BACK_BY_ECS,
    /** berth returned the service to the previous version, which serves again. */
    RETURNED_TO_PREVIOUS,
    /** Returning the service to the previous version failed too. */
    RETURN_FAILED
  }

  private final String service;
  private final Outcome outcome;
  private final String previous;

  /**
   * @param previous the task definition the service was returned to, or null
   */
  public RolloutFailedException(
      String message, String service, Outcome outcome, String previous, Throwable cause) {
    super(message, hint(outcome), FailureKind.CLOUD, cause);
    this.service = service;
    this.outcome = outcome;
    this.previous = previous;
  }

  /** The ECS service's name. */
  public String service() {
    return service;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The task definition the service was returned to, or null. */
  public String previous() {
    return previous;
  }

  /** This failure after the service's state changed, for example once it was returned. */
  public RolloutFailedException then(String message, Outcome now, String previous) {
    return new RolloutFailedException(message, service, now, previous, this);
  }

  private static String hint(Outcome o) {
    return switch (o) {
      case FAILING -> "Check the container's logs, fix the image or its settings and deploy again.";
      case ROLLED_BACK_BY_ECS ->
          "The previous version keeps serving. Fix the image and deploy again.";
      case RETURNED_TO_PREVIOUS ->
          "Check the container's logs, fix the image or its settings and deploy again; the"
              + " previous version keeps serving meanwhile.";
      case RETURN_FAILED -> "Check the service's status; deploy a working image to recover.";
    };
  }
}
