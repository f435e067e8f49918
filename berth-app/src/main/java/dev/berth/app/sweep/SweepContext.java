package dev.berth.app.sweep;

import dev.berth.core.engine.Waiter;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link ResourceContext} a sweep gives a handler's {@code delete}: the stack and logical id
 * from the resource's own marks (the DNS handlers delete only a record marked with them), waits on
 * the sweep's clock through {@link Waiter}, and no secrets (deleting needs none).
 */
final class SweepContext implements ResourceContext {
  private final TaggedResource resource;
  private final BerthClock clock;
  private final Waiter waiter;
  private final SweepListener listener;

  SweepContext(TaggedResource resource, BerthClock clock, Waiter waiter, SweepListener listener) {
    this.resource = resource;
    this.clock = clock;
    this.waiter = waiter;
    this.listener = listener;
  }

  @Override
  public String stack() {
    return resource.stack();
  }

  @Override
  public String logicalId() {
    return resource.logicalId();
  }

  @Override
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Owner.STACK_TAG, resource.stack());
    if (resource.logicalId() != null) {
      tags.put(Owner.ID_TAG, resource.logicalId());
    }
    // The DNS handlers' delete compares the record's marker with the one these tags make.
    if (resource.lineage() != null) {
      tags.put(Owner.LINEAGE_TAG, resource.lineage());
    }
    if (resource.origin() != null) {
      tags.put(Owner.ORIGIN_TAG, resource.origin());
    }
    return tags;
  }

  @Override
  public BerthClock clock() {
    return clock;
  }

  @Override
  public String secret(String key) {
    throw new IllegalStateException(
        "a sweep has no secrets; " + resource.type() + " asked for " + key + " while deleting");
  }

  @Override
  public void progress(String message) {
    listener.progress(resource, message);
  }

  @Override
  public <T> T await(String what, Duration timeout, Backoff backoff, Poll<T> poll)
      throws Exception {
    return waiter.await(what, timeout, backoff, poll, this::progress);
  }
}
