package dev.berth.app.sweep;

import dev.berth.core.engine.Waiter;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.sweep.TaggedResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a sweep's deletion in rounds: each round tries every resource still there, in deletion
 * order; a round ends with what is still blocked, and the next starts after a backoff on the clock.
 * What comes after a blocked resource is still tried: AWS refuses to delete what has dependents
 * (DependencyViolation, ResourceInUse), so trying out of turn is harmless, and what does not depend
 * on the blocked one (a stack's IAM roles while its VPC waits for interfaces to go) need not wait.
 * One deadline for the whole deletion, so a resource blocked for good (its VPC after a security
 * group that could not go) costs the timeout once, not once per resource.
 */
final class SweepDeleter {
  /** Between rounds: quick while things fall, every 20 s while interfaces linger. */
  static final Backoff ROUNDS =
      new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 1.5, 0.2);

  private final Map<String, ResourceHandler> handlers = new HashMap<>();
  private final Sweeper.Options options;
  private final Waiter waiter;

  private final List<TaggedResource> deleted = new ArrayList<>();
  private final List<SweepReport.Failure> failed = new ArrayList<>();
  private final Map<TaggedResource, String> blocked = new LinkedHashMap<>();

  SweepDeleter(Collection<ResourceHandler> handlers, Sweeper.Options options) {
    handlers.forEach(h -> this.handlers.put(h.type().name(), h));
    this.options = options;
    this.waiter = new Waiter(options.clock(), options.classifier(), options.random());
  }

  SweepReport run(List<TaggedResource> ordered) throws InterruptedException {
    List<TaggedResource> pending = new ArrayList<>(ordered);
    try {
      waiter.await(
          "the sweep to delete " + ordered.size() + " resource(s)",
          options.timeout(),
          ROUNDS,
          () -> {
            round(pending);
            return pending.isEmpty()
                ? WaitStep.done(null)
                : WaitStep.pending(pending.size() + " resource(s) blocked");
          },
          m -> {});
    } catch (WaitTimeoutException e) {
      for (TaggedResource r : pending) {
        fail(
            r,
            "still blocked after "
                + options.timeout().toMinutes()
                + " min: "
                + blocked.getOrDefault(r, "not attempted"));
      }
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // round() lets nothing else out.
      throw new IllegalStateException(e);
    }
    return new SweepReport(deleted, failed);
  }

  private void round(List<TaggedResource> pending) throws InterruptedException {
    for (TaggedResource r : List.copyOf(pending)) {
      if (attempt(r)) {
        pending.remove(r);
      }
    }
  }

  /** Tries once to delete {@code r}; true when it is settled (deleted or failed). */
  private boolean attempt(TaggedResource r) throws InterruptedException {
    ResourceHandler handler = handlers.get(r.type());
    if (handler == null) {
      fail(r, "no handler for " + r.type() + " was given to the sweep");
      return true;
    }
    if (!blocked.containsKey(r)) {
      options.listener().progress(r, "deleting");
    }
    try {
      handler.delete(
          new SweepContext(r, options.clock(), waiter, options.listener()),
          r.physicalId(),
          r.props(),
          r.outputs());
      deleted(r, "deleted");
      return true;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      ErrorKind kind = options.classifier().classify(e);
      String why = describe(e);
      if (kind == ErrorKind.GONE) {
        deleted(r, "already gone");
        return true;
      }
      if (kind == ErrorKind.DEPENDENCY
          || kind == ErrorKind.TRANSIENT
          || e instanceof WaitTimeoutException) {
        String before = blocked.put(r, why);
        if (!why.equals(before)) {
          options.listener().progress(r, "waiting: " + why);
        }
        return false;
      }
      fail(r, why);
      return true;
    }
  }

  private void deleted(TaggedResource r, String message) {
    blocked.remove(r);
    deleted.add(r);
    options.listener().progress(r, message);
  }

  private void fail(TaggedResource r, String reason) {
    failed.add(new SweepReport.Failure(r, reason));
    options.listener().progress(r, "failed: " + reason);
  }

  private String describe(Exception e) {
    String d = options.classifier().describe(e);
    if (d != null) {
      return d;
    }
    if (e instanceof BerthException b && b.hint() != null) {
      return b.getMessage() + " (" + b.hint() + ")";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
