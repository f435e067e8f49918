package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The engine's {@link ResourceContext}: one per resource step. */
final class EngineContext implements ResourceContext {
  private final String stack;
  private final String logicalId;
  private final Map<String, String> tags;
  private final BerthClock clock;
  private final SecretSource secrets;
  private final Waiter waiter;
  private final Consumer<String> progress;
  private final RunOptions options;

  EngineContext(
      String stack,
      String logicalId,
      Map<String, String> userTags,
      BerthClock clock,
      SecretSource secrets,
      Waiter waiter,
      Consumer<String> progress,
      RunOptions options) {
    this.stack = stack;
    this.logicalId = logicalId;
    Map<String, String> t = new LinkedHashMap<>(userTags);
    t.put("berth:stack", stack);
    t.put("berth:id", logicalId);
    this.tags = Collections.unmodifiableMap(t);
    this.clock = clock;
    this.secrets = secrets;
    this.waiter = waiter;
    this.progress = progress;
    this.options = options;
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
    return tags;
  }

  @Override
  public BerthClock clock() {
    return clock;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public String secret(String key) {
    String v = secrets.secret(key);
    if (v == null) {
      throw new BerthException(
          "No value for secret '" + key + "' needed by " + logicalId,
          "Provide it as the spec describes (for example an environment variable).",
          FailureKind.BAD_INPUT,
          null);
    }
    return v;
  }

  @Override
  public void progress(String message) {
    progress.accept(message);
  }

  @Override
  public <T> T await(String what, Duration timeout, Backoff backoff, Poll<T> poll)
      throws Exception {
    return waiter.await(what, timeout, backoff, poll, progress);
  }
}
