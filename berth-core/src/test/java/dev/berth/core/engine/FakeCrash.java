package dev.berth.core.engine;

/** Stands for the process dying: an Error the engine does not catch. */
final class FakeCrash extends Error {
  FakeCrash(String where) {
    super("simulated crash in " + where);
  }
}
