package dev.berth.core.resource;

import dev.berth.core.failure.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A declarative wait on what a read returns, for "create, then poll until visible and in state X"
 * and "delete, then poll until gone": the read is polled through {@link ResourceContext#await}, on
 * the engine's clock with the given backoff, with its deadline, progress and classification of
 * errors. For example:
 *
 * <pre>{@code
 * Vpc vpc =
 *     Wait.until(ctx, "VPC " + id + " to be available", timeout, backoff, () -> describe(id))
 *         .notVisible("VPC " + id + " not visible yet")
 *         .inState(v -> v.state() == AVAILABLE, v -> "VPC " + id + " is " + v.stateAsString());
 * }</pre>
 *
 * @param <T> what the read returns when the resource is visible
 */
public final class Wait<T> {

  /** One read: empty while the resource is not (or no longer) visible. */
  @FunctionalInterface
  public interface Read<T> {
    Optional<T> read() throws Exception;
  }

  private record Failure<T>(Predicate<T> when, Function<T, String> message, String hint) {}

  private final ResourceContext ctx;
  private final String what;
  private final Duration timeout;
  private final Backoff backoff;
  private final Read<T> read;
  private final List<Failure<T>> failures = new ArrayList<>();
  private String notVisible = "not visible yet";
  private Supplier<String> timeoutHint;

  private Wait(ResourceContext ctx, String what, Duration timeout, Backoff backoff, Read<T> read) {
    this.ctx = ctx;
    this.what = what;
    this.timeout = timeout;
    this.backoff = backoff;
    this.read = read;
  }

  /**
   * A wait for {@code what} (as in "Timed out after 60 s waiting for {@code what}"), polling {@code
   * read} with {@code backoff} for at most {@code timeout}.
   */
  public static <T> Wait<T> until(
      ResourceContext ctx, String what, Duration timeout, Backoff backoff, Read<T> read) {
    return new Wait<>(ctx, what, timeout, backoff, read);
  }

  /** The progress text while the read is empty (by default {@code not visible yet}). */
  public Wait<T> notVisible(String reason) {
    this.notVisible = reason;
    return this;
  }

  /**
   * Ends the wait at once as failed when what the read returns matches {@code when}: a state the
   * resource never leaves by itself.
   */
  public Wait<T> failIf(Predicate<T> when, Function<T, String> message, String hint) {
    failures.add(new Failure<>(when, message, hint));
    return this;
  }

  /** The hint of the {@link WaitTimeoutException} at the deadline, instead of the generic one. */
  public Wait<T> onTimeout(Supplier<String> hint) {
    this.timeoutHint = hint;
    return this;
  }

  /** Waits until the read returns something, and returns it. */
  public T visible() throws Exception {
    return inState(v -> true, v -> null);
  }

  /**
   * Waits until the read returns something {@code ready} accepts, and returns it; {@code pending}
   * says what it is meanwhile (the progress text).
   */
  public T inState(Predicate<T> ready, Function<T, String> pending) throws Exception {
    return run(
        () -> {
          Optional<T> v = read.read();
          if (v.isEmpty()) {
            return WaitStep.pending(notVisible);
          }
          WaitStep<T> failed = failed(v.get());
          if (failed != null) {
            return failed;
          }
          return ready.test(v.get())
              ? WaitStep.done(v.get())
              : WaitStep.pending(pending.apply(v.get()));
        });
  }

  /**
   * Waits until the read is empty; {@code pending} says what the resource is meanwhile (the
   * progress text).
   */
  public void gone(Function<T, String> pending) throws Exception {
    run(
        () -> {
          Optional<T> v = read.read();
          if (v.isEmpty()) {
            return WaitStep.done(Boolean.TRUE);
          }
          WaitStep<Boolean> failed = failed(v.get());
          return failed != null ? failed : WaitStep.pending(pending.apply(v.get()));
        });
  }

  private <R> WaitStep<R> failed(T value) {
    for (Failure<T> f : failures) {
      if (f.when().test(value)) {
        return WaitStep.failed(f.message().apply(value), f.hint());
      }
    }
    return null;
  }

  private <R> R run(ResourceContext.Poll<R> poll) throws Exception {
    try {
      return ctx.await(what, timeout, backoff, poll);
    } catch (WaitTimeoutException e) {
      if (timeoutHint == null) {
        throw e;
      }
      throw new WaitTimeoutException(e.getMessage(), timeoutHint.get());
    }
  }
}
