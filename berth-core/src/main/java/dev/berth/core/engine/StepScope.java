package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.plan.Action;
import dev.berth.core.state.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One step's handler context and retrier, and its reporting: events and failures. */
final class StepScope {
  final EngineContext ctx;
  final Retrier retrier;
  private final Engine engine;
  private final String key;
  private final String type;
  private final Action action;
  private final StepExecutor.Phase phase;
  private final List<Failure> failures;
  private final Instant start;

  StepScope(
      Engine engine,
      String stack,
      String lineage,
      String key,
      String type,
      Action action,
      StepExecutor.Phase phase,
      List<Failure> failures,
      Reachability reachability) {
    this(
        engine,
        stack,
        lineage,
        key.endsWith(ResourceState.OLD_SUFFIX)
            ? key.substring(0, key.length() - ResourceState.OLD_SUFFIX.length())
            : key,
        key,
        type,
        action,
        phase,
        failures,
        reachability);
  }

  /** A step whose context names {@code logicalId}, which its state key need not be. */
  StepScope(
      Engine engine,
      String stack,
      String lineage,
      String logicalId,
      String key,
      String type,
      Action action,
      StepExecutor.Phase phase,
      List<Failure> failures,
      Reachability reachability) {
    this.engine = engine;
    this.key = key;
    this.type = type;
    this.action = action;
    this.phase = phase;
    this.failures = failures;
    this.start = now();
    this.ctx =
        engine.context(
            stack,
            lineage,
            logicalId,
            reason -> engine.emit(new EngineEvent.Waiting(key, type, action, now(), reason)),
            reachability);
    this.retrier =
        engine.retrier(
            (reason, attempt, delay) ->
                engine.emit(
                    new EngineEvent.Retrying(key, type, action, now(), reason, attempt, delay)),
            reachability);
    engine.emit(new EngineEvent.Started(key, type, action, start));
  }

  boolean done() {
    engine.emit(new EngineEvent.Done(key, type, action, now(), elapsed()));
    return true;
  }

  /** A delete succeeded: in a rollback, the resource was rolled back. */
  boolean deleted() {
    engine.emit(
        phase == StepExecutor.Phase.ROLLBACK
            ? new EngineEvent.RolledBack(key, type, action, now())
            : new EngineEvent.Done(key, type, action, now(), elapsed()));
    return true;
  }

  boolean failed(RuntimeException e, boolean delete) {
    return failed(
        Describe.message(engine.classifier, e),
        e instanceof BerthException b ? b.hint() : null,
        e,
        delete);
  }

  boolean failed(StepFailedException e, boolean delete) {
    return failed(e.getMessage(), e.hint(), e.getCause(), delete);
  }

  boolean failed(String message, String hint, boolean delete) {
    return failed(message, hint, null, delete);
  }

  /** {@code cause}: the error behind it; kept in the failure when it is a typed one. */
  boolean failed(String message, String hint, Throwable cause, boolean delete) {
    failures.add(
        new Failure(
            key, type, action, message, hint, cause instanceof BerthException b ? b : null));
    engine.emit(
        delete
            ? new EngineEvent.DeleteFailed(key, type, action, now(), message, hint)
            : new EngineEvent.Failed(key, type, action, now(), message, hint));
    return false;
  }

  private Instant now() {
    return engine.clock.instant();
  }

  private Duration elapsed() {
    return Duration.between(start, now());
  }
}
