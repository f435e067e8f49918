package dev.berth.core.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A state store in memory, for tests and library users that keep state elsewhere. */
public final class InMemoryStateStore implements StateStore {
  private final String stack;
  private final List<State> history = new ArrayList<>();
  private State current;
  private LockHolder holder;

  public InMemoryStateStore(String stack) {
    this.stack = stack;
  }

  public InMemoryStateStore(State initial) {
    this(initial.stack());
    this.current = initial.serial() == 0 ? null : initial;
  }

  @Override
  public synchronized Optional<State> load() {
    return Optional.ofNullable(current);
  }

  @Override
  public synchronized void save(State expectedPrevious, State next) {
    StateStore.checkSwap(stack, current, expectedPrevious, next);
    current = next;
    history.add(next);
  }

  /** Every state saved, oldest first. */
  public synchronized List<State> history() {
    return List.copyOf(history);
  }

  @Override
  public synchronized Lock lock(String holderDescription) {
    if (holder != null) {
      throw new StateLockedException(stack, holder);
    }
    LockHolder me = LockHolder.current(holderDescription, Instant.now());
    holder = me;
    boolean[] released = {false};
    return () -> {
      synchronized (this) {
        if (!released[0] && holder == me) {
          holder = null;
        }
        released[0] = true;
      }
    };
  }

  @Override
  public synchronized void forceUnlock() {
    holder = null;
  }
}
