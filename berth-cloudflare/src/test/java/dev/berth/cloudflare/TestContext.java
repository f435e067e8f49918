package dev.berth.cloudflare;

import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.time.BerthClock;
import dev.berth.core.time.SteppingClock;

/**
 * A context for handler tests: single-threaded, on a stepping clock, with
 * CloudflareErrorClassifier.
 */
public final class TestContext extends StandaloneContext {

  public TestContext(String stack, String logicalId, BerthClock clock) {
    super(stack, logicalId, clock, new CloudflareErrorClassifier());
  }

  public TestContext(String logicalId) {
    this("hello", logicalId, new SteppingClock());
  }

  /** The same stack, clock, lineage and secrets, another resource. */
  public TestContext forResource(String id) {
    TestContext c = new TestContext(stack(), id, clock());
    c.copySecrets(this);
    c.lineage(lineage());
    return c;
  }

  /** The same stack and resource as another state (another lineage) sees it. */
  @Override
  public TestContext lineage(String l) {
    super.lineage(l);
    return this;
  }

  @Override
  public TestContext secret(String key, String value) {
    super.secret(key, value);
    return this;
  }
}
