package dev.berth.cli.commands;

import dev.berth.core.engine.Unrecorded;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.StateStore;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What deploy and destroy say when the state could not be written: the store's error, what the
 * cloud holds that the state does not, and how the next run heals it.
 */
final class Unsaved {
  private Unsaved() {}

  /** Where the state is, for messages. */
  static String where(StateStore store) {
    return store instanceof FileStateStore f ? f.stateFile().toString() : "the state store";
  }

  static String folder(StateStore store) {
    return store instanceof FileStateStore f
        ? f.stateFile().getParent().toString()
        : "the state store";
  }

  /** Prints the section; nothing when the state was written. */
  static void print(
      PrintStream err, String stateError, List<Unrecorded> unrecorded, StateStore store) {
    if (stateError == null && unrecorded.isEmpty()) {
      return;
    }
    if (stateError != null) {
      err.println("The state could not be written: " + stateError);
    }
    if (!unrecorded.isEmpty()) {
      err.println(
          "The state file "
              + where(store)
              + " does not show what this run did to "
              + unrecorded.size()
              + (unrecorded.size() == 1 ? " resource:" : " resources:"));
      for (Unrecorded u : unrecorded) {
        err.println(
            "  "
                + u.id()
                + " ("
                + u.type()
                + (u.physicalId() == null ? "" : ", " + u.physicalId())
                + "): "
                + describe(u));
      }
    }
  }

  /** The fix, naming the command to run once the state can be written. */
  static String fix(StateStore store, String command) {
    return "make "
        + folder(store)
        + " a folder you can write (or put it back), then run berth "
        + command
        + " again: it finds what the state records as being created by its tags and names,"
        + " instead of making it twice, and finishes what the state records as unfinished.";
  }

  static String describe(Unrecorded u) {
    return switch (u.kind()) {
      case CREATED ->
          u.recordedAs() == Status.CREATING
              ? "exists; the state records only the intent to create it"
              : u.recordedAs() == null
                  ? "exists and is not in the state; berth sweep lists it"
                  : "exists; the state still names its previous copy";
      case UPDATED -> "updated; the state records the update as unfinished";
      case DELETED -> "deleted; the state still lists it as being deleted";
    };
  }

  /** The JSON form: one object per resource. */
  static List<Map<String, Object>> json(List<Unrecorded> unrecorded) {
    return unrecorded.stream()
        .map(
            u -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", u.id());
              m.put("type", u.type());
              m.put("physicalId", u.physicalId());
              m.put("kind", u.kind().name());
              m.put("recordedAs", u.recordedAs() == null ? null : u.recordedAs().name());
              m.put("what", describe(u));
              return m;
            })
        .toList();
  }
}
