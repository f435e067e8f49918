package dev.berth.core.resource;

import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.util.Map;

/** What the engine gives a handler for one call on one resource. */
public interface ResourceContext {

  /** The stack's name, from the spec. */
  String stack();

  /** The resource's logical id in the graph. */
  String logicalId();

  /**
   * The tags every taggable resource of this stack carries: {@code berth:stack}, {@code berth:id}
   * and the user's tags from the spec.
   */
  Map<String, String> tags();

  /**
   * The lineage of the state that owns this stack (its {@link Ownership#LINEAGE} tag): only what
   * carries it is this stack's to adopt, change or delete.
   */
  default String lineage() {
    return tags().get(Ownership.LINEAGE);
  }

  BerthClock clock();

  /**
   * The run's options (adopt DNS, no rollback, refresh): {@link RunOptions#DEFAULT} unless told.
   */
  default RunOptions options() {
    return RunOptions.DEFAULT;
  }

  /** This context with the run's options replaced; every other call goes to this one. */
  default ResourceContext withOptions(RunOptions options) {
    ResourceContext self = this;
    return new ResourceContext() {
      @Override
      public String stack() {
        return self.stack();
      }

      @Override
      public String logicalId() {
        return self.logicalId();
      }

      @Override
      public Map<String, String> tags() {
        return self.tags();
      }

      @Override
      public String lineage() {
        return self.lineage();
      }

      @Override
      public BerthClock clock() {
        return self.clock();
      }

      @Override
      public RunOptions options() {
        return options;
      }

      @Override
      public String secret(String key) {
        return self.secret(key);
      }

      @Override
      public void progress(String message) {
        self.progress(message);
      }

      @Override
      public <T> T await(String what, Duration timeout, Backoff backoff, Poll<T> poll)
          throws Exception {
        return self.await(what, timeout, backoff, poll);
      }
    };
  }

  /** The value of a secret named by a {@code SecretRef} key. Never log or store it. */
  String secret(String key);

  /** Reports what the resource is waiting for; shown in the progress display. */
  void progress(String message);

  /**
   * Polls until {@code poll} answers done or failed, sleeping on the engine's clock with the given
   * backoff between polls, and fails with {@link WaitTimeoutException} once {@code timeout} has
   * passed since the first poll (the deadline is fixed when the wait starts, never re-armed).
   * Exceptions the poll throws are classified: transient ones count as "pending", others end the
   * wait.
   */
  <T> T await(String what, Duration timeout, Backoff backoff, Poll<T> poll) throws Exception;

  /** A poll of some condition: {@link WaitStep#done}, {@link WaitStep#pending} or fail. */
  @FunctionalInterface
  interface Poll<T> {
    WaitStep<T> poll() throws Exception;
  }
}
