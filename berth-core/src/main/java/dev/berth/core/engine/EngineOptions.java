package dev.berth.core.engine;

import java.time.Duration;

/**
 * How long and how often the engine retries failed calls. Deadlines are fixed at the first failure
 * of a call and never re-armed.
 *
 * @param transientDeadline how long to retry TRANSIENT errors (and GONE on create/update)
 * @param dependencyDeadline how long to retry DEPENDENCY errors
 * @param retryBackoff delays between retries of TRANSIENT errors
 * @param dependencyBackoff delays between retries of DEPENDENCY errors
 */
public record EngineOptions(
    Duration transientDeadline,
    Duration dependencyDeadline,
    Backoff retryBackoff,
    Backoff dependencyBackoff) {

  public static final EngineOptions DEFAULT =
      new EngineOptions(
          Duration.ofMinutes(5),
          Duration.ofMinutes(20),
          Backoff.RETRY,
          new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 1.5, 0.5));

  public EngineOptions withTransientDeadline(Duration d) {
    return new EngineOptions(d, dependencyDeadline, retryBackoff, dependencyBackoff);
  }

  public EngineOptions withDependencyDeadline(Duration d) {
    return new EngineOptions(transientDeadline, d, retryBackoff, dependencyBackoff);
  }

  public EngineOptions withBackoffs(Backoff retry, Backoff dependency) {
    return new EngineOptions(transientDeadline, dependencyDeadline, retry, dependency);
  }
}
