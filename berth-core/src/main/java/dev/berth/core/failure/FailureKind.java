package dev.berth.core.failure;

/**
 * What kind of failure a {@link BerthException} is, for whoever presents it (the CLI maps each to
 * an exit code): the library says what happened, not how a program should exit.
 */
public enum FailureKind {
  /** The cloud refused or failed, or could not be reached. */
  CLOUD,
  /** The input (spec, flags, files, settings) cannot be used as it is; nothing was changed. */
  BAD_INPUT,
  /** Another run holds the stack's state. */
  LOCKED
}
