package dev.berth.core.state;

import java.util.Optional;

/**
 * Where a stack's {@link State} lives between runs. A run takes the {@link #lock} first, keeps it
 * until it ends, and saves with compare-and-swap on the serial so that a write based on an old
 * state is refused rather than lost.
 */
public interface StateStore {

  /** The recorded state, or empty if the stack was never deployed. */
  Optional<State> load();

  /**
   * Saves {@code next} if the stored state is still {@code expectedPrevious} (same serial and
   * lineage; null or serial 0 means "nothing stored yet"). {@code next.serial()} must be the
   * expected serial plus one.
   *
   * @throws StateConflictException if the stored state is not the expected one
   */
  void save(State expectedPrevious, State next);

  /**
   * Takes the stack's lock for this run.
   *
   * @param holderDescription what is running, for example {@code berth deploy}, shown to whoever
   *     finds the state locked
   * @throws StateLockedException naming the holder, if another run holds it
   */
  Lock lock(String holderDescription);

  /** Removes a lock whose holder is gone. */
  void forceUnlock();

  /** Where the state is kept, for messages: a path or a URL. */
  default String describe() {
    return "the state store";
  }

  /** A held lock; closing releases it. */
  interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /** Checks the compare-and-swap arguments against the stored state; shared by the stores. */
  static void checkSwap(String stack, State stored, State expectedPrevious, State next) {
    long storedSerial = stored == null ? 0 : stored.serial();
    long expectedSerial = expectedPrevious == null ? 0 : expectedPrevious.serial();
    if (!next.stack().equals(stack)) {
      throw new IllegalArgumentException("state of " + next.stack() + " saved as " + stack);
    }
    if (next.serial() != expectedSerial + 1) {
      throw new IllegalArgumentException(
          "next serial " + next.serial() + " does not follow " + expectedSerial);
    }
    boolean lineageMoved =
        stored != null
            && expectedSerial != 0
            && !stored.lineage().equals(expectedPrevious.lineage());
    if (storedSerial != expectedSerial || lineageMoved) {
      throw new StateConflictException(stack, expectedSerial, storedSerial);
    }
  }
}
