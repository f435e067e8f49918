package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The berth command line. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description = "Put a container image on the internet over HTTPS on AWS ECS Fargate.")
public final class Main implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
