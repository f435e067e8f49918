package dev.berth.core.engine;

import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.BerthClock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The run's state: the in-memory copy is the truth, and every change is saved at once, one save at
 * a time, compare-and-swap against the last state saved. A failed save fails the step that made the
 * change; the next change saves the accumulated state.
 */
final class StateLedger {
  private final StateStore store;
  private final BerthClock clock;
  private State current;
  private State persisted;

  StateLedger(StateStore store, State start, BerthClock clock) {
    this.store = store;
    this.clock = clock;
    this.current = start;
    this.persisted = start;
  }

  synchronized State current() {
    return current;
  }

  synchronized Optional<ResourceState> get(String key) {
    return current.resource(key);
  }

  void put(ResourceState r) {
    change(s -> s.with(r));
  }

  void remove(String key) {
    change(s -> s.without(key));
  }

  synchronized void change(UnaryOperator<State> f) {
    State changed = f.apply(current);
    State next =
        new State(
            changed.stack(),
            persisted.serial() + 1,
            changed.lineage(),
            clock.instant(),
            changed.resources(),
            changed.fingerprintSalt());
    current = next;
    store.save(persisted, next);
    persisted = next;
  }
}
