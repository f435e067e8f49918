package dev.berth.app.stack;

import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.Waiter;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.provider.Reader;
import dev.berth.core.provider.Unreachable;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.time.BerthClock;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Read-only calls made outside the engine (preflight, the service's status after a deploy, logs,
 * sweep's discovery), retried as the engine retries, through its {@link Waiter}: what the
 * classifier calls transient (throttling, server errors, connection resets and timeouts: the SDK
 * makes one attempt per call) until the engine's transient deadline, on its clock, waiting at least
 * a provider's {@code Retry-After}. An endpoint that cannot be reached is retried for the engine's
 * unreachable deadline, then reported as a {@link BerthException} naming it (exit 1). What the
 * classifier calls fatal (credentials that cannot be loaded, access denied) fails at once.
 */
public final class Reads implements Reader {
  private final Waiter waiter;
  private final ErrorClassifier classifier;

  public Reads(BerthClock clock, ErrorClassifier classifier) {
    this.classifier = classifier;
    this.waiter = new Waiter(clock, classifier, new Random());
  }

  /** Runs {@code call}, retrying transient errors; other errors are thrown as they are. */
  @Override
  public <T> T get(String what, Callable<T> call) {
    try {
      return waiter.await(
          what,
          EngineOptions.DEFAULT.transientDeadline(),
          Backoff.RETRY,
          () -> WaitStep.done(call.call()),
          reason -> {});
    } catch (RuntimeException e) {
      BerthException u = Unreachable.failure(classifier, what, e);
      throw u != null ? u : e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException("interrupted while " + what, null, FailureKind.CLOUD, e);
    } catch (Exception e) {
      throw new BerthException(what + " failed: " + e.getMessage(), null, FailureKind.CLOUD, e);
    }
  }
}
