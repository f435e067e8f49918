package dev.berth.cli.commands;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.spec.SpecTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth init}: writes a commented berth.yaml. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Write a commented berth.yaml to start from.")
public final class InitCommand implements Callable<Integer> {
  @Option(
      names = {"-f", "--file"},
      defaultValue = "berth.yaml",
      description = "Where to write it (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(file) && !force) {
      throw new BerthException(
          file + " already exists",
          "edit it, or pass --force to overwrite it",
          FailureKind.BAD_INPUT,
          null);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, SpecTemplate.render());
    spec.commandLine()
        .getOut()
        .println(
            "Wrote " + file + ". Edit name, image and domain, then run: berth plan -f " + file);
    return 0;
  }
}
