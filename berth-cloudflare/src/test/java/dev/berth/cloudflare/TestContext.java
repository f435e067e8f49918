package dev.berth.cloudflare;

import dev.berth.core.engine.Backoff;
import dev.berth.core.engine.ResourceContext;
import dev.berth.core.engine.Waiter;
import dev.berth.core.time.BerthClock;
import dev.berth.core.time.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A {@link ResourceContext} for handler tests: single-threaded, on a stepping clock. */
public final class TestContext implements ResourceContext {
  private final String stack;
  private final String logicalId;
  private final BerthClock clock;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final List<String> progress = new ArrayList<>();

  public TestContext(String stack, String logicalId, BerthClock clock) {
    this.stack = stack;
    this.logicalId = logicalId;
    this.clock = clock;
  }

  public TestContext(String logicalId) {
    this("hello", logicalId, new SteppingClock());
  }

  /** The same stack and clock, another resource. */
  public TestContext forResource(String id) {
    TestContext c = new TestContext(stack, id, clock);
    c.secrets.putAll(secrets);
    return c;
  }

  public TestContext secret(String key, String value) {
    secrets.put(key, value);
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
    return Map.of("berth:stack", stack, "berth:id", logicalId);
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
    return new Waiter(clock, new CloudflareErrorClassifier(), new Random(1))
        .await(what, timeout, backoff, poll, this::progress);
  }
}
