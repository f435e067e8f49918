package dev.berth.cli.commands;

import dev.berth.cli.CliEnvironment;
import dev.berth.cli.GlobalOptions;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.State;
import dev.berth.core.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth state list|show|unlock}: inspect the recorded state. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = "Inspect the recorded state.",
    subcommands = {
      StateCommand.ListCommand.class,
      StateCommand.ShowCommand.class,
      StateCommand.UnlockCommand.class
    })
public final class StateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path berthDir(GlobalOptions g) {
    return g.state != null ? Path.of(g.state) : g.specDir().resolve(".berth");
  }

  /**
   * The given stack, else the spec's name (read with the CLI's environment, as deploy reads it).
   */
  static String stackName(GlobalOptions g, String given, CliEnvironment env) {
    if (given != null) {
      return given;
    }
    return new SpecLoader(env::get).load(g.file).name();
  }

  /** Lists the stacks whose state lives in the state folder. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the stacks recorded in the state folder.")
  static final class ListCommand extends StackCommand {
    @Override
    public Integer call() throws IOException {
      Path dir = berthDir(global);
      if (!Files.isDirectory(dir)) {
        out.println(global.json() ? "[]" : "No state in " + dir + ".");
        return 0;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".state.json")).sorted().toList();
      }
      List<Map<String, Object>> stacks = new ArrayList<>();
      for (Path f : files) {
        State st = StateJson.read(Files.readString(f));
        if (global.json()) {
          Map<String, Object> j = new LinkedHashMap<>();
          j.put("stack", st.stack());
          j.put("serial", st.serial());
          j.put("resources", st.resources().size());
          j.put("updatedAt", st.updatedAt());
          stacks.add(j);
        } else {
          out.printf(
              "%-28s serial %-5d %3d resources  updated %s%n",
              Printable.of(st.stack()), st.serial(), st.resources().size(), st.updatedAt());
        }
      }
      if (global.json()) {
        json(stacks);
      }
      return 0;
    }
  }

  /** Prints one stack's state. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the recorded state of a stack (default: the spec's).")
  static final class ShowCommand extends StackCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "STACK",
        description = "Stack name (default: the spec's name).")
    String stack;

    @Override
    public Integer call() {
      String name = stackName(global, stack, environment);
      State st =
          new FileStateStore(berthDir(global), name)
              .load()
              .orElseThrow(
                  () ->
                      new BerthException(
                          "no state for stack " + name,
                          "run berth state list to see the recorded stacks",
                          FailureKind.BAD_INPUT,
                          null));
      if (global.json()) {
        out.println(StateJson.write(st));
        return 0;
      }
      out.println(
          "Stack " + st.stack() + ", serial " + st.serial() + ", updated " + st.updatedAt());
      st.resources()
          .values()
          .forEach(
              r ->
                  out.printf(
                      "  %-24s %-30s %-14s %s%n",
                      r.id(), r.type(), r.status(), Printable.of(r.physicalId())));
      return 0;
    }
  }

  /** Removes a stale lock left by a killed run. */
  @Command(
      name = "unlock",
      mixinStandardHelpOptions = true,
      description = "Remove the lock left by a run that was killed.")
  static final class UnlockCommand extends StackCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "STACK",
        description = "Stack name (default: the spec's name).")
    String stack;

    @Override
    public Integer call() {
      String name = stackName(global, stack, environment);
      new FileStateStore(berthDir(global), name).forceUnlock();
      out.println("Unlocked " + name + ".");
      return 0;
    }
  }
}
