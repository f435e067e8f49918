package dev.berth.core.engine;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A {@link ResourceContext} for calling one handler outside an engine run (handler tests, tools):
 * single-threaded, waits through {@link Waiter} on the given clock, keeps the progress messages.
 * Subclasses fix the provider's classifier.
 */
public class StandaloneContext implements ResourceContext {
  private final String stack;
  private final String logicalId;
  private final BerthClock clock;
  private final ErrorClassifier classifier;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final List<String> progress = new ArrayList<>();
  private String lineage = "standalone-lineage";
  private RunOptions options = RunOptions.DEFAULT;

  public StandaloneContext(
      String stack, String logicalId, BerthClock clock, ErrorClassifier classifier) {
    this.stack = stack;
    this.logicalId = logicalId;
    this.clock = clock;
    this.classifier = classifier;
  }

  /** Copies the secrets of {@code other} into this context. */
  protected void copySecrets(StandaloneContext other) {
    secrets.putAll(other.secrets);
  }

  /** Sets a secret a {@code SecretRef} may name. */
  public StandaloneContext secret(String key, String value) {
    secrets.put(key, value);
    return this;
  }

  /** The run's options this context reports (adopt DNS and the like). */
  public StandaloneContext options(RunOptions o) {
    this.options = o;
    return this;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** The lineage this context's tags carry: another value acts as another state. */
  public StandaloneContext lineage(String l) {
    this.lineage = l;
    return this;
  }

  public List<String> progressMessages() {
    return progress;
  }

  @Override
  public String stack() {
    return stack;
  }

  @Override
  public String logicalId() {
    return logicalId;
  }

  @Override
  public Map<String, String> tags() {
    return Map.of(Ownership.STACK, stack, Ownership.ID, logicalId, Ownership.LINEAGE, lineage);
  }

  @Override
  public BerthClock clock() {
    return clock;
  }

  @Override
  public String secret(String key) {
    String v = secrets.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no secret " + key);
    }
    return v;
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }

  @Override
  public <T> T await(String what, Duration timeout, Backoff backoff, Poll<T> poll)
      throws Exception {
    return new Waiter(clock, classifier, new Random(1))
        .await(what, timeout, backoff, poll, this::progress);
  }
}
