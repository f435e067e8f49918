package dev.berth.cli;

import dev.berth.app.Session;
import dev.berth.core.engine.EventSink;
import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that works on the stack of a spec: global options, session, output. */
public abstract class StackCommand implements Callable<Integer> {
  @Mixin public GlobalOptions global;

  protected CliEnvironment environment = CliEnvironment.system();
  protected PrintStream out = System.out;
  protected PrintStream err = System.err;

  /**
   * Set by {@link Main}'s factory before the command runs. What commands print goes through {@link
   * Printable#stream}, so no control character from the spec or the cloud reaches the terminal.
   */
  void environment(CliEnvironment env) {
    this.environment = env;
    this.out = Printable.stream(env.out());
    this.err = Printable.stream(env.err());
  }

  /** A session whose engine events are drawn on stderr (stdout stays for results). */
  protected Session open() {
    boolean live = environment.terminal() && !global.json();
    // The renderer's own cursor movements need the raw stream; it escapes what it is told.
    EventSink sink = new ProgressRenderer(environment.err(), live, environment.clock().instant());
    return Session.open(global.settings(environment), sink, err);
  }

  /** A session for read-only commands: no progress display. */
  protected Session openQuiet() {
    return Session.open(global.settings(environment), e -> {}, err);
  }

  /**
   * The user's answer to a confirmation {@code prompt}, trimmed; where there is no terminal to ask
   * on, refuses with exit 2 and {@code noTerminalHint} (usually: pass --yes).
   */
  protected String ask(String action, String noTerminalHint, String prompt, Object... args) {
    Console console = environment.terminal() ? System.console() : null;
    if (console == null) {
      throw new BerthException(
          action + " needs confirmation and there is no terminal to ask on",
          noTerminalHint,
          FailureKind.BAD_INPUT,
          null);
    }
    String answer = console.readLine(prompt, args);
    return answer == null ? "" : answer.trim();
  }

  /**
   * The report of a run stopped by Ctrl-C: what the state records now (nothing was rolled back),
   * the two ways forward, exit 130.
   */
  protected int interrupted(
      String run, String stack, State state, List<Failure> failures, Duration elapsed) {
    if (global.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("stack", stack);
      j.put("succeeded", false);
      j.put("interrupted", true);
      j.put("resources", state.resources().size());
      j.put("failures", Advice.forJson(failures));
      json(j);
      return CtrlC.EXIT_CODE;
    }
    err.println();
    err.println(
        run
            + " of "
            + stack
            + " interrupted after "
            + String.format("%.1fs", elapsed.toMillis() / 1000.0)
            + "; nothing was rolled back. The state records "
            + state.resources().size()
            + " resources:");
    for (ResourceState rs : state.resources().values()) {
      String what =
          switch (rs.status()) {
            case CREATING -> "being created when interrupted (the next run finds it)";
            case UPDATING -> "being updated when interrupted (the next deploy applies it again)";
            case DELETING, DELETE_FAILED -> "being deleted when interrupted";
            default -> rs.physicalId() == null ? "" : rs.physicalId();
          };
      err.println("  " + rs.id() + " (" + rs.type() + ") " + what);
    }
    err.println(
        "To continue: berth deploy. To remove what exists: berth destroy. Either picks up from"
            + " the state.");
    return CtrlC.EXIT_CODE;
  }

  protected void json(Object value) {
    out.println(Json.write(value));
  }
}
