package dev.berth.core.engine;

import dev.berth.core.plan.Action;
import java.time.Duration;
import java.time.Instant;

/**
 * What the engine reports as it works, for progress displays and logs. Each event names the
 * resource (its state key), its type, the action and the clock time; {@link Finished} is about the
 * whole run and has no resource.
 */
public sealed interface EngineEvent {
  String id();

  String type();

  Action action();

  Instant at();

  /** Work on a resource started. */
  record Started(String id, String type, Action action, Instant at) implements EngineEvent {}

  /** The handler is waiting for something, for example "load balancer provisioning". */
  record Waiting(String id, String type, Action action, Instant at, String reason)
      implements EngineEvent {}

  /** A call failed and will be tried again after {@code delay}. */
  record Retrying(
      String id, String type, Action action, Instant at, String reason, int attempt, Duration delay)
      implements EngineEvent {}

  /** Work on a resource finished. */
  record Done(String id, String type, Action action, Instant at, Duration elapsed)
      implements EngineEvent {}

  /** Work on a resource failed. */
  record Failed(String id, String type, Action action, Instant at, String message, String hint)
      implements EngineEvent {}

  /** A resource this run created was deleted again because the run failed. */
  record RolledBack(String id, String type, Action action, Instant at) implements EngineEvent {}

  /** A resource could not be deleted; it stays in the state as DELETE_FAILED. */
  record DeleteFailed(
      String id, String type, Action action, Instant at, String message, String hint)
      implements EngineEvent {}

  /** The run ended. */
  record Finished(Instant at, Duration elapsed, int failures, boolean rolledBack)
      implements EngineEvent {
    @Override
    public String id() {
      return null;
    }

    @Override
    public String type() {
      return null;
    }

    @Override
    public Action action() {
      return null;
    }
  }
}
