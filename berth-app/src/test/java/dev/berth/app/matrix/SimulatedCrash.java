package dev.berth.app.matrix;

/**
 * Stands for {@code kill -9}: an Error, so no handler or retrier catches it, and the engine stops
 * where it is without rolling back or saving anything more.
 */
final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  SimulatedCrash(String message) {
    super(message, null, false, false);
  }
}
