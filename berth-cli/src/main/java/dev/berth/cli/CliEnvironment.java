package dev.berth.cli;

import dev.berth.core.time.BerthClock;
import java.io.PrintStream;
import java.util.Map;

/**
 * What the command line takes from the process: environment variables, the clock, and where to
 * print. Tests pass their own, so the CLI runs against an in-process localcloud in virtual time.
 */
public record CliEnvironment(
    Map<String, String> env, BerthClock clock, PrintStream out, PrintStream err, boolean terminal) {

  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(),
        BerthClock.system(),
        System.out,
        System.err,
        System.console() != null && !"dumb".equals(System.getenv("TERM")));
  }

  public String get(String name) {
    return env.get(name);
  }
}
