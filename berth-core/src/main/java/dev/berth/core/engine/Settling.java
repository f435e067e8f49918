package dev.berth.core.engine;

import dev.berth.core.state.ResourceState;
import dev.berth.core.time.BerthClock;
import java.time.Duration;

/**
 * Cloud reads are eventually consistent: for a few seconds after a resource is made, a read or a
 * delete by id may answer NotFound and a list may miss it, so a handler can take a resource made a
 * moment ago for gone. The engine deletes (or looks for) a resource only once the consistency
 * window after its last recorded change has passed.
 */
final class Settling {
  private final BerthClock clock;
  private final Duration window;

  Settling(BerthClock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /** Sleeps until the window after {@code rs}'s last recorded change has passed. */
  void await(StepScope sc, ResourceState rs) throws StepFailedException {
    if (rs.updatedAt() == null) {
      return;
    }
    Duration left = Duration.between(clock.instant(), rs.updatedAt().plus(window));
    if (left.isNegative() || left.isZero()) {
      return;
    }
    sc.ctx.progress("made moments ago: waiting " + left.toSeconds() + " s for reads to show it");
    try {
      clock.sleep(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted", null, e);
    }
  }
}
