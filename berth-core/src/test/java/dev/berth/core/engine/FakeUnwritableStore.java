package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import java.util.Optional;

/**
 * A store that stops taking saves after a number of them, as a state folder made read-only (or
 * replaced by a file) in the middle of a run would; {@link #heal()} makes it writable again.
 */
final class FakeUnwritableStore implements StateStore {
  static final String MESSAGE =
      "The state folder /work/.berth cannot be written (permission denied)";

  private final StateStore inner;
  private int savesLeft = Integer.MAX_VALUE;
  private int refused;

  FakeUnwritableStore(StateStore inner) {
    this.inner = inner;
  }

  /** Takes {@code n} more saves, then refuses every one. */
  synchronized FakeUnwritableStore failAfter(int n) {
    savesLeft = n;
    return this;
  }

  synchronized void heal() {
    savesLeft = Integer.MAX_VALUE;
  }

  synchronized int refused() {
    return refused;
  }

  @Override
  public Optional<State> load() {
    return inner.load();
  }

  @Override
  public void save(State expectedPrevious, State next) {
    synchronized (this) {
      if (savesLeft <= 0) {
        refused++;
        throw new BerthException(MESSAGE, "make it writable", FailureKind.BAD_INPUT, null);
      }
      savesLeft--;
    }
    inner.save(expectedPrevious, next);
  }

  @Override
  public Lock lock(String holderDescription) {
    return inner.lock(holderDescription);
  }

  @Override
  public void forceUnlock() {
    inner.forceUnlock();
  }
}
