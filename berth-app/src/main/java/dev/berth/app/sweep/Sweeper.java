package dev.berth.app.sweep;

import dev.berth.app.stack.Reads;
import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.provider.AwsProvider;
import dev.berth.aws.sweep.AwsDiscoveries;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code berth sweep}: finds the resources in an account and region that carry berth's marks but
 * that no state knows, and deletes them in dependency order through the same handlers a destroy
 * uses. It needs no state file and no spec, so it also cleans up after a stack whose state is lost.
 */
public final class Sweeper {
  /** How long a deletion keeps retrying what is blocked (Terraform waits up to 20 min a subnet). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private Sweeper() {}

  /**
   * How a deletion runs: the engine's, which a sweep's deletion is.
   *
   * @param clock the clock that waits between attempts
   * @param classifier classifies the handlers' errors (combine AWS's with Cloudflare's when
   *     Cloudflare records are swept)
   * @param timeout how long resources blocked by a dependency or a transient error are retried
   * @param listener hears per-resource progress
   * @param random jitter for the backoff between attempts
   * @param cancellation stops the deletion early (Ctrl-C): nothing new starts, what runs finishes
   */
  public record Options(
      BerthClock clock,
      ErrorClassifier classifier,
      Duration timeout,
      SweepListener listener,
      RandomGenerator random,
      Cancellation cancellation) {

    public static Options defaults(BerthClock clock) {
      return new Options(
          clock,
          new AwsErrorClassifier(),
          DEFAULT_TIMEOUT,
          SweepListener.none(),
          new Random(),
          new Cancellation());
    }

    public Options withTimeout(Duration t) {
      return new Options(clock, classifier, t, listener, random, cancellation);
    }

    public Options withListener(SweepListener l) {
      return new Options(clock, classifier, timeout, l, random, cancellation);
    }

    public Options withClassifier(ErrorClassifier c) {
      return new Options(clock, c, timeout, listener, random, cancellation);
    }

    public Options withCancellation(Cancellation c) {
      return new Options(clock, classifier, timeout, listener, random, c);
    }
  }

  /** The discoveries of every AWS service berth uses, Route 53 included. */
  public static List<Discovery> awsDiscoveries(AwsClients aws) {
    return AwsDiscoveries.all(aws);
  }

  /** The AWS provider's handlers, which a sweep of AWS resources deletes with. */
  public static List<ResourceHandler> awsHandlers(AwsClients aws) {
    return new AwsProvider(aws).handlers();
  }

  /**
   * Every berth-marked resource in the account and region that {@code knownPhysicalIds} (the
   * physical ids of every state file) does not hold, sorted by stack, then type.
   *
   * @param stack only this stack's resources, or every stack's when empty
   */
  public static List<TaggedResource> find(
      AwsClients aws, Optional<String> stack, Set<String> knownPhysicalIds) throws Exception {
    return find(awsDiscoveries(aws), stack, knownPhysicalIds);
  }

  /**
   * As {@link #find(AwsClients, Optional, Set)}, with the caller's discoveries, each tried once (no
   * clock to wait on: {@link #find(List, Optional, Set, Options)} retries).
   */
  public static List<TaggedResource> find(
      List<Discovery> discoveries, Optional<String> stack, Set<String> knownPhysicalIds)
      throws Exception {
    return collect(discoveries, stack, knownPhysicalIds, Discovery::discover);
  }

  /** How one discovery is run. */
  @FunctionalInterface
  private interface Discover {
    List<TaggedResource> run(Discovery d, Optional<String> stack) throws Exception;
  }

  /**
   * As {@link #find(List, Optional, Set)}: each discovery (read-only, so safe to repeat) is retried
   * as the engine retries, on {@code options}' clock with its classifier, since the SDK makes one
   * attempt per call.
   */
  public static List<TaggedResource> find(
      List<Discovery> discoveries,
      Optional<String> stack,
      Set<String> knownPhysicalIds,
      Options options)
      throws Exception {
    Reads reads = new Reads(options.clock(), options.classifier());
    return collect(
        discoveries,
        stack,
        knownPhysicalIds,
        (d, s) -> reads.get("finding berth's resources", () -> d.discover(s)));
  }

  private static List<TaggedResource> collect(
      List<Discovery> discoveries,
      Optional<String> stack,
      Set<String> knownPhysicalIds,
      Discover discover)
      throws Exception {
    List<TaggedResource> out = new ArrayList<>();
    for (Discovery d : discoveries) {
      for (TaggedResource r : discover.run(d, stack)) {
        if (!knownPhysicalIds.contains(r.physicalId())) {
          out.add(r);
        }
      }
    }
    out.sort(
        Comparator.comparing(TaggedResource::stack)
            .thenComparing(TaggedResource::type)
            .thenComparing(TaggedResource::physicalId));
    return out;
  }

  /** The same resources, dependents first: the order {@link #delete} removes them in. */
  public static List<TaggedResource> deletionOrder(List<TaggedResource> resources) {
    return DeletionOrder.sort(resources);
  }

  /**
   * Deletes the resources with the berth-aws handlers, AWS's error classification and the default
   * timeout.
   */
  public static SweepReport delete(
      AwsClients aws, List<TaggedResource> resources, BerthClock clock, SweepListener listener)
      throws InterruptedException {
    return delete(resources, awsHandlers(aws), Options.defaults(clock).withListener(listener));
  }

  /**
   * Deletes the resources with the engine's destroy, each with its type's handler (the ones deploy
   * and destroy use), dependents first: {@link SweptState} makes them a state, the engine deletes
   * it, and the report is read from what the engine did. What is blocked (a dependency, throttling,
   * a consistency window) is retried until {@link Options#timeout()}; what fails otherwise, or has
   * no handler, is reported and the rest go on.
   */
  public static SweepReport delete(
      List<TaggedResource> resources, Collection<ResourceHandler> handlers, Options options)
      throws InterruptedException {
    return SweptState.delete(deletionOrder(resources), handlers, options);
  }
}
