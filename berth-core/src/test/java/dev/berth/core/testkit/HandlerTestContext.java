package dev.berth.core.testkit;

import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.time.BerthClock;

/**
 * What every provider's handler-test context shares: single-threaded, on the given clock, with the
 * provider's classifier; {@code forResource}, {@code lineage} and {@code secret} return the
 * provider's own context type, so tests chain them. Each provider's tests keep a small {@code
 * TestContext} that fixes the classifier.
 *
 * @param <C> the provider's context type
 */
public abstract class HandlerTestContext<C extends HandlerTestContext<C>>
    extends StandaloneContext {

  protected HandlerTestContext(
      String stack, String logicalId, BerthClock clock, ErrorClassifier classifier) {
    super(stack, logicalId, clock, classifier);
  }

  /** A context of the provider's type for {@code logicalId} in {@code stack} on {@code clock}. */
  protected abstract C create(String stack, String logicalId, BerthClock clock);

  /** The same stack, clock, lineage and secrets, another resource. */
  public C forResource(String id) {
    C c = create(stack(), id, clock());
    c.copySecrets(this);
    c.lineage(lineage());
    return c;
  }

  /** The same stack and resource as another state (another lineage) sees it. */
  @Override
  public C lineage(String l) {
    super.lineage(l);
    return self();
  }

  @Override
  public C secret(String key, String value) {
    super.secret(key, value);
    return self();
  }

  @SuppressWarnings("unchecked")
  private C self() {
    return (C) this;
  }
}
