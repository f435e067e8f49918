package dev.berth.cli;

import dev.berth.cli.bench.BenchCommand;
import dev.berth.cli.commands.DeployCommand;
import dev.berth.cli.commands.DestroyCommand;
import dev.berth.cli.commands.InitCommand;
import dev.berth.cli.commands.LocalcloudCommand;
import dev.berth.cli.commands.LogsCommand;
import dev.berth.cli.commands.PlanCommand;
import dev.berth.cli.commands.StateCommand;
import dev.berth.cli.commands.StatusCommand;
import dev.berth.cli.commands.SweepCommand;
import dev.berth.core.failure.BerthException;
import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.SpecProblem;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The berth command line. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description = "Put a container image on the internet over HTTPS on AWS ECS Fargate.",
    subcommands = {
      InitCommand.class,
      PlanCommand.class,
      DeployCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      DestroyCommand.class,
      SweepCommand.class,
      StateCommand.class,
      LocalcloudCommand.class,
      BenchCommand.class,
      AutoComplete.GenerateCompletion.class,
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the cloud refused or failed, 2 bad input or usage, 3 state locked by another run."
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with berth's error handling: the one place errors become messages. */
  public static CommandLine commandLine() {
    return commandLine(CliEnvironment.system());
  }

  /** The command line with its environment given (tests pass an in-process cloud's). */
  public static CommandLine commandLine(CliEnvironment env) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cl =
        new CommandLine(
            new Main(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof StackCommand sc) {
                  sc.environment(env);
                }
                return k;
              }
            });
    cl.setOut(new java.io.PrintWriter(env.out(), true));
    cl.setErr(new java.io.PrintWriter(env.err(), true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          boolean verbose =
              parseResult.originalArgs().contains("--verbose")
                  || parseResult.originalArgs().contains("-v");
          if (ex instanceof BerthException be) {
            err.println("Error: " + message(be));
            String whatToDo = Advice.whatToDo(be);
            if (whatToDo != null) {
              err.println("What to do: " + Printable.block(whatToDo, "  "));
            }
            if (verbose) {
              ex.printStackTrace(err);
            }
            err.flush();
            return Advice.exitCode(be);
          }
          err.println("Error: " + Printable.of(ex));
          err.println("This is a bug in berth; run again with --verbose for the stack trace.");
          if (verbose) {
            ex.printStackTrace(err);
          }
          err.flush();
          return 1;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("Error: " + Printable.of(ex.getMessage()));
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          err.println(
              "Run '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for usage.");
          return 2;
        });
    return cl;
  }

  /**
   * The failure's message with every value escaped: a spec's problems one per line, each on its own
   * line whatever its values hold; any other message with its own lines indented.
   */
  static String message(BerthException be) {
    if (be instanceof SpecException se) {
      StringBuilder sb = new StringBuilder(Printable.of(se.source())).append(" has ");
      sb.append(se.problems().size())
          .append(se.problems().size() == 1 ? " problem:" : " problems:");
      se.problems()
          .forEach(
              p ->
                  sb.append("\n  ")
                      .append(
                          Printable.of(new SpecProblem(p.field(), p.message(), Advice.fix(p)))));
      return sb.toString();
    }
    return Printable.block(Advice.message(be), "  ");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
