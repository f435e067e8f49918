package dev.berth.aws.stack;

import dev.berth.core.engine.Backoff;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.ErrorClassifier;
import dev.berth.core.engine.ErrorKind;
import dev.berth.core.engine.WaitStep;
import dev.berth.core.engine.Waiter;
import dev.berth.core.time.BerthClock;
import java.util.Random;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Read-only calls made outside the engine (preflight, the service's status after a deploy), retried
 * as the engine retries: throttling and server errors until the engine's transient deadline, on its
 * clock. Client-side errors (no credentials, no network) fail at once; the SDK has already retried
 * what it could.
 */
final class Reads {
  private final Waiter waiter;

  Reads(BerthClock clock, ErrorClassifier classifier) {
    ErrorClassifier serverSide =
        e -> e instanceof SdkClientException ? ErrorKind.FATAL : classifier.classify(e);
    this.waiter = new Waiter(clock, serverSide, new Random());
  }

  /** Runs {@code call}, retrying transient errors; other errors are thrown as they are. */
  <T> T get(String what, Callable<T> call) {
    try {
      return waiter.await(
          what,
          EngineOptions.DEFAULT.transientDeadline(),
          Backoff.RETRY,
          () -> WaitStep.done(call.call()),
          reason -> {});
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException("interrupted while " + what, null, 1, e);
    } catch (Exception e) {
      throw new BerthException(what + " failed: " + e.getMessage(), null, 1, e);
    }
  }
}
