package dev.berth.cli;

import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.EventSink;
import java.io.Console;
import java.io.PrintStream;
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
    return Session.open(global, environment, sink, err);
  }

  /** A session for read-only commands: no progress display. */
  protected Session openQuiet() {
    return Session.open(global, environment, e -> {}, err);
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
          2,
          null);
    }
    String answer = console.readLine(prompt, args);
    return answer == null ? "" : answer.trim();
  }

  protected void json(Object value) {
    out.println(Json.write(value));
  }
}
