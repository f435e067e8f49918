package dev.berth.cli.commands;

import dev.berth.cli.GlobalOptions;
import dev.berth.core.engine.BerthException;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.State;
import dev.berth.core.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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
  @Override
  public void run() {
    picocli.CommandLine.usage(this, System.out);
  }

  static Path berthDir(GlobalOptions g) {
    return g.state != null ? Path.of(g.state) : g.specDir().resolve(".berth");
  }

  static String stackName(GlobalOptions g, String given) {
    if (given != null) {
      return given;
    }
    return SpecLoader.withSystemEnvironment().load(g.file).name();
  }

  /** Lists the stacks whose state lives in the state folder. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the stacks recorded in the state folder.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Override
    public Integer call() throws IOException {
      Path dir = berthDir(global);
      if (!Files.isDirectory(dir)) {
        System.out.println(global.json() ? "[]" : "No state in " + dir + ".");
        return 0;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".state.json")).sorted().toList();
      }
      StringBuilder json = new StringBuilder("[");
      for (Path f : files) {
        State st = StateJson.read(Files.readString(f));
        if (global.json()) {
          json.append(json.length() > 1 ? "," : "")
              .append(
                  String.format(
                      "{\"stack\":\"%s\",\"serial\":%d,\"resources\":%d,\"updatedAt\":\"%s\"}",
                      st.stack(), st.serial(), st.resources().size(), st.updatedAt()));
        } else {
          System.out.printf(
              "%-28s serial %-5d %3d resources  updated %s%n",
              st.stack(), st.serial(), st.resources().size(), st.updatedAt());
        }
      }
      if (global.json()) {
        System.out.println(json.append("]"));
      }
      return 0;
    }
  }

  /** Prints one stack's state. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the recorded state of a stack (default: the spec's).")
  static final class ShowCommand implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(
        arity = "0..1",
        paramLabel = "STACK",
        description = "Stack name (default: the spec's name).")
    String stack;

    @Override
    public Integer call() {
      String name = stackName(global, stack);
      State st =
          new FileStateStore(berthDir(global), name)
              .load()
              .orElseThrow(
                  () ->
                      new BerthException(
                          "no state for stack " + name,
                          "run berth state list to see the recorded stacks",
                          2,
                          null));
      if (global.json()) {
        System.out.println(StateJson.write(st));
        return 0;
      }
      System.out.println(
          "Stack " + st.stack() + ", serial " + st.serial() + ", updated " + st.updatedAt());
      st.resources()
          .values()
          .forEach(
              r ->
                  System.out.printf(
                      "  %-24s %-30s %-14s %s%n", r.id(), r.type(), r.status(), r.physicalId()));
      return 0;
    }
  }

  /** Removes a stale lock left by a killed run. */
  @Command(
      name = "unlock",
      mixinStandardHelpOptions = true,
      description = "Remove the lock left by a run that was killed.")
  static final class UnlockCommand implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(
        arity = "0..1",
        paramLabel = "STACK",
        description = "Stack name (default: the spec's name).")
    String stack;

    @Override
    public Integer call() {
      String name = stackName(global, stack);
      new FileStateStore(berthDir(global), name).forceUnlock();
      System.out.println("Unlocked " + name + ".");
      return 0;
    }
  }
}
