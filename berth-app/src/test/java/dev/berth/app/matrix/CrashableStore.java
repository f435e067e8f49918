package dev.berth.app.matrix;

import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import java.util.Optional;

/** A state store that writes nothing once the simulated process is dead, as after a kill. */
final class CrashableStore implements StateStore {
  private final StateStore delegate;
  private final CrashSwitch crash;

  CrashableStore(StateStore delegate, CrashSwitch crash) {
    this.delegate = delegate;
    this.crash = crash;
  }

  @Override
  public Optional<State> load() {
    return delegate.load();
  }

  @Override
  public void save(State expectedPrevious, State next) {
    crash.checkAlive();
    delegate.save(expectedPrevious, next);
  }

  @Override
  public Lock lock(String holderDescription) {
    return delegate.lock(holderDescription);
  }

  @Override
  public void forceUnlock() {
    delegate.forceUnlock();
  }
}
