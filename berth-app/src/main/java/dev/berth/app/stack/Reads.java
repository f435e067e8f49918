package dev.berth.app.stack;

import dev.berth.core.engine.EngineOptions;
import dev.berth.core.engine.Waiter;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.provider.Reader;
import dev.berth.core.provider.Unreachable;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.time.BerthClock;
import java.util.Random;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Read-only calls made outside the engine (preflight, the service's status after a deploy), retried
 * as the engine retries: throttling and server errors until the engine's transient deadline, on its
 * clock. An endpoint that cannot be reached is retried for the engine's unreachable deadline, then
 * reported as a {@link BerthException} naming it (exit 1). Other client-side errors (no
 * credentials) fail at once; the SDK has already retried what it could.
 */
final class Reads implements Reader {
  private final Waiter waiter;
  private final ErrorClassifier classifier;

  Reads(BerthClock clock, ErrorClassifier classifier) {
    this.classifier = classifier;
    ErrorClassifier serverSide =
        new ErrorClassifier() {
          @Override
          public ErrorKind classify(Throwable e) {
            if (e instanceof SdkClientException && classifier.unreachable(e) == null) {
              return ErrorKind.FATAL;
            }
            return classifier.classify(e);
          }

          @Override
          public String describe(Throwable e) {
            return classifier.describe(e);
          }

          @Override
          public String unreachable(Throwable e) {
            return classifier.unreachable(e);
          }
        };
    this.waiter = new Waiter(clock, serverSide, new Random());
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
