package dev.berth.cli;

import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;

/**
 * The one place a library failure becomes the CLI's answer: its exit code and its "What to do"
 * text, in terms of this command line's flags and commands. The library raises failures carrying
 * facts; only here are they worded with {@code --adopt-dns}, {@code --profile}, {@code berth logs}.
 */
public final class Advice {
  private Advice() {}

  /** 1 the cloud refused or failed, 2 bad input or usage, 3 state locked by another run. */
  public static int exitCode(BerthException e) {
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
  public static String whatToDo(BerthException e) {
    if (e instanceof ForeignRecordException f) {
      return foreignRecord(f);
    }
    return e.hint();
  }

  /** As {@link #whatToDo(BerthException)} for a failed step of a run. */
  public static String whatToDo(Failure f) {
    return f.cause() != null ? whatToDo(f.cause()) : f.hint();
  }

  private static String foreignRecord(ForeignRecordException f) {
    return switch (f.situation()) {
      case NOT_MADE_BY_BERTH ->
          "delete it, choose another hostname, or run with --adopt-dns to let berth take it over"
              + " (it is then the stack's, and destroy removes it)";
      case OTHER_STATE ->
          "destroy that stack, or deploy from its state (its folder, or --state FILE), or choose"
              + " another hostname; --adopt-dns takes over only records berth did not make, since"
              + " the other stack's destroy would delete this one";
      case REMARKED_BY_OTHER_STATE ->
          "deploy from the state that owns it (its folder, or --state FILE), or choose another"
              + " hostname";
      case MARKER_LOST ->
          "someone changed its marker ("
              + (f.provider().equals("Route 53") ? "the TXT record beside it" : "its comment")
              + "); delete it, choose another hostname, or run with --adopt-dns to take the"
              + " record back";
    };
  }
}
