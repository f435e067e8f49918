package dev.berth.core.engine;

import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.BerthClock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The run's state: the in-memory copy is the truth, and every change is saved at once, one save at
 * a time, compare-and-swap against the last state saved. A failed save fails the step that made the
 * change (with {@link StateSaveException}); the next change saves the accumulated state. While the
 * last save has failed the ledger is {@link #failing()}: the engine then starts no new step, since
 * it could not record the intent that must precede each mutating call.
 */
final class StateLedger {
  private final StateStore store;
  private final BerthClock clock;
  private State current;
  private State persisted;
  private RuntimeException failure;

  StateLedger(StateStore store, State start, BerthClock clock) {
    this.store = store;
    this.clock = clock;
    this.current = start;
    this.persisted = start;
  }

  synchronized State current() {
    return current;
  }

  /** The state as last saved: what the store holds, as far as this run knows. */
  synchronized State persisted() {
    return persisted;
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
    current = f.apply(current);
    save();
  }

  /** True while the last save failed. */
  synchronized boolean failing() {
    return failure != null;
  }

  /** The last save's failure, or null if it succeeded. */
  synchronized RuntimeException failure() {
    return failure;
  }

  /** Saves what the failed saves missed; true if the store now holds the run's state. */
  synchronized boolean flush() {
    if (failure == null) {
      return true;
    }
    try {
      save();
      return true;
    } catch (StateSaveException e) {
      return false;
    }
  }

  /** What the store misses of the run's state. */
  synchronized List<Unrecorded> unrecorded() {
    return Unrecorded.between(current, persisted);
  }

  private void save() {
    State next =
        new State(
            current.stack(),
            persisted.serial() + 1,
            current.lineage(),
            clock.instant(),
            current.resources(),
            current.fingerprintSalt());
    current = next;
    try {
      store.save(persisted, next);
    } catch (RuntimeException e) {
      failure = e;
      throw new StateSaveException(e);
    }
    persisted = next;
    failure = null;
  }
}
