package dev.berth.cloudflare;

import dev.berth.core.testkit.HandlerTestContext;
import dev.berth.core.time.BerthClock;
import dev.berth.core.time.SteppingClock;

/**
 * A context for handler tests: single-threaded, on a stepping clock, with
 * CloudflareErrorClassifier.
 */
public final class TestContext extends HandlerTestContext<TestContext> {

  public TestContext(String stack, String logicalId, BerthClock clock) {
    super(stack, logicalId, clock, new CloudflareErrorClassifier());
  }

  public TestContext(String logicalId) {
    this("hello", logicalId, new SteppingClock());
  }

  @Override
  protected TestContext create(String stack, String logicalId, BerthClock clock) {
    return new TestContext(stack, logicalId, clock);
  }
}
