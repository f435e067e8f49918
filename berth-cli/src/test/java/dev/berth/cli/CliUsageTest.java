package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.it.CliHarness;
import dev.berth.core.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's own behaviour: help, usage errors and refusals, without any cloud. */
class CliUsageTest {
  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      // No credentials and an endpoint nothing listens on: these commands must not need a cloud.
      Map<String, String> env =
          Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9");
      code =
          Main.commandLine(new CliEnvironment(env, new VirtualClock(), o, e, false)).execute(args);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every command and subcommand, as the words that name it. */
  static List<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, out);
            });
  }

  @Test
  void help_ofEveryCommandAndSubcommand_exitsZeroAndPrintsUsage() {
    List<List<String>> commands = commands();
    assertTrue(commands.size() >= 13, commands::toString);
    for (List<String> words : commands) {
      List<String> args = new ArrayList<>(words);
      args.add("--help");
      Result r = run(args.toArray(String[]::new));
      String name = String.join(" ", words);
      assertEquals(0, r.exitCode(), () -> name + ": " + r);
      assertTrue(
          r.out().startsWith("Usage: berth" + (words.isEmpty() ? "" : " " + name)),
          () -> name + ": " + r.out());
      assertEquals("", r.err(), name);
    }
  }

  @Test
  void noArguments_printsUsageToTheGivenOutput() {
    Result r = run();
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Usage: berth"), r::toString);
    Result state = run("state");
    assertEquals(0, state.exitCode(), state::toString);
    assertTrue(state.out().startsWith("Usage: berth state"), state::toString);
  }

  @Test
  void unknownOption_exitsTwoAndNamesIt() {
    Result r = run("deploy", "--frobnicate");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r::toString);
    assertTrue(r.err().contains("Run 'berth deploy --help' for usage."), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void unknownCommand_exitsTwoAndSuggestsTheNearest() {
    Result r = run("deplyo");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("deploy"), r::toString);
  }

  @Test
  void missingSpecFile_exitsTwoWithTheFix() {
    for (String command : List.of("plan", "deploy", "status", "destroy", "state show")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.addAll(List.of("-f", dir.resolve("nope/berth.yaml").toString(), "--yes"));
      if (!command.equals("destroy")) {
        args.remove("--yes");
      }
      Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), () -> command + ": " + r);
      assertTrue(r.err().contains("the file does not exist"), () -> command + ": " + r);
      assertTrue(r.err().contains("berth init"), () -> command + ": " + r);
    }
  }

  @Test
  void invalidSpec_exitsTwoListingTheProblem() throws IOException {
    Path spec = dir.resolve("berth.yaml");
    Files.writeString(spec, "name: Bad_Name\nimage: nginx\nport: 80\n");
    Result r = run("plan", "-f", spec.toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("berth.yaml has"), r::toString);
  }

  @Test
  void destroy_withoutYesAndWithoutATerminal_exitsTwoBeforeTouchingAnything() throws IOException {
    Path spec = dir.resolve("berth.yaml");
    Files.copy(CliHarness.examples().resolve("hello").resolve("berth.yaml"), spec);
    Result r = run("destroy", "-f", spec.toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--yes"), r::toString);
    assertTrue(Files.notExists(dir.resolve(".berth")), "nothing written");
  }

  @Test
  void init_writesASpecThatPlanAccepts_andRefusesToOverwrite() {
    Path spec = dir.resolve("berth.yaml");
    Result r = run("init", "-f", spec.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(Files.exists(spec));
    assertTrue(r.out().contains("Wrote " + spec), r::toString);
    Result again = run("init", "-f", spec.toString());
    assertEquals(2, again.exitCode(), again::toString);
    assertTrue(again.err().contains("--force"), again::toString);
  }

  @Test
  void version_exitsZero() {
    Result r = run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("berth "), r::toString);
  }
}
