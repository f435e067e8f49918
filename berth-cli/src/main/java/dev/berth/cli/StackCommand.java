package dev.berth.cli;

import dev.berth.core.engine.EventSink;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that works on the stack of a spec: global options, session, output. */
public abstract class StackCommand implements Callable<Integer> {
  @Mixin public GlobalOptions global;

  protected final PrintStream out = System.out;
  protected final PrintStream err = System.err;

  /** A session whose engine events are drawn on stderr (stdout stays for results). */
  protected Session open() {
    boolean live =
        System.console() != null && !global.json() && !"dumb".equals(System.getenv("TERM"));
    EventSink sink = new ProgressRenderer(err, live, Instant.now());
    return Session.open(global, sink, err);
  }

  /** A session for read-only commands: no progress display. */
  protected Session openQuiet() {
    return Session.open(global, e -> {}, err);
  }

  protected void json(Object value) {
    out.println(Json.write(value));
  }
}
