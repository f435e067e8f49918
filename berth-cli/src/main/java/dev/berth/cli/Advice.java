package dev.berth.cli;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;

/**
 * The one place a library failure becomes the CLI's answer: its exit code and its "What to do"
 * text, in terms of this command line's flags and commands. The library raises failures carrying
 * facts; only here are they worded with {@code --adopt-dns}, {@code --profile}, {@code berth logs}.
 */
final class Advice {
  private Advice() {}

  /** 1 the cloud refused or failed, 2 bad input or usage, 3 state locked by another run. */
  static int exitCode(BerthException e) {
    return exitCode(e.kind());
  }

  static int exitCode(FailureKind kind) {
    return switch (kind) {
      case CLOUD -> 1;
      case BAD_INPUT -> 2;
      case LOCKED -> 3;
    };
  }

  /** What the user should do, in this CLI's terms, or null. */
  static String whatToDo(BerthException e) {
    return e.hint();
  }
}
