package dev.berth.core.engine;

import java.util.random.RandomGenerator;

/** Makes a random generator safe to share between workers. */
final class LockedRandom implements RandomGenerator {
  private final RandomGenerator delegate;

  LockedRandom(RandomGenerator delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized long nextLong() {
    return delegate.nextLong();
  }
}
