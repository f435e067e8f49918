package dev.berth.core.engine;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.resource.Backoff;
import java.time.Duration;

/**
 * How long and how often the engine retries failed calls. Deadlines are fixed at the first failure
 * of a call and never re-armed.
 *
 * @param transientDeadline how long to retry TRANSIENT errors (and GONE on create/update)
 * @param dependencyDeadline how long to retry DEPENDENCY errors
 * @param retryBackoff delays between retries of TRANSIENT errors
 * @param dependencyBackoff delays between retries of DEPENDENCY errors
 * @param consistencyWindow how long after a resource is made its provider's reads may still miss
 *     it: the engine deletes (or looks for) a resource only once this has passed since its last
 *     recorded change
 * @param unreachableDeadline how long a call (or a wait's poll) may keep failing because the
 *     provider cannot be reached at all ({@link ErrorClassifier#unreachable}) before the step fails
 *     with that error; the rest of the run then fails such calls at once
 */
public record EngineOptions(
    Duration transientDeadline,
    Duration dependencyDeadline,
    Backoff retryBackoff,
    Backoff dependencyBackoff,
    Duration consistencyWindow,
    Duration unreachableDeadline) {

  /**
   * Short enough that, with the provider client's own retries, an unreachable endpoint is reported
   * within 30 s.
   */
  public static final Duration UNREACHABLE_DEADLINE = Duration.ofSeconds(20);

  public static final EngineOptions DEFAULT =
      new EngineOptions(
          Duration.ofMinutes(5),
          Duration.ofMinutes(20),
          Backoff.RETRY,
          new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 1.5, 0.5),
          Duration.ofSeconds(10),
          UNREACHABLE_DEADLINE);

  public EngineOptions(
      Duration transientDeadline,
      Duration dependencyDeadline,
      Backoff retryBackoff,
      Backoff dependencyBackoff,
      Duration consistencyWindow) {
    this(
        transientDeadline,
        dependencyDeadline,
        retryBackoff,
        dependencyBackoff,
        consistencyWindow,
        UNREACHABLE_DEADLINE);
  }

  public EngineOptions withTransientDeadline(Duration d) {
    return new EngineOptions(
        d,
        dependencyDeadline,
        retryBackoff,
        dependencyBackoff,
        consistencyWindow,
        unreachableDeadline);
  }

  public EngineOptions withDependencyDeadline(Duration d) {
    return new EngineOptions(
        transientDeadline,
        d,
        retryBackoff,
        dependencyBackoff,
        consistencyWindow,
        unreachableDeadline);
  }

  public EngineOptions withBackoffs(Backoff retry, Backoff dependency) {
    return new EngineOptions(
        transientDeadline,
        dependencyDeadline,
        retry,
        dependency,
        consistencyWindow,
        unreachableDeadline);
  }

  public EngineOptions withConsistencyWindow(Duration d) {
    return new EngineOptions(
        transientDeadline,
        dependencyDeadline,
        retryBackoff,
        dependencyBackoff,
        d,
        unreachableDeadline);
  }

  public EngineOptions withUnreachableDeadline(Duration d) {
    return new EngineOptions(
        transientDeadline,
        dependencyDeadline,
        retryBackoff,
        dependencyBackoff,
        consistencyWindow,
        d);
  }
}
