package dev.berth.cli.commands;

import dev.berth.aws.ecs.LogsReader;
import dev.berth.cli.StackCommand;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth logs}: the containers' log lines. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print the containers' log lines from CloudWatch Logs.")
public final class LogsCommand extends StackCommand {
  @Option(names = "--follow", description = "Keep printing new lines until interrupted.")
  boolean follow;

  @Option(
      names = "--since",
      defaultValue = "10m",
      description = "How far back: 30s, 10m, 2h, 1d (default: ${DEFAULT-VALUE}).")
  String since;

  @Override
  public Integer call() throws InterruptedException {
    Duration back = parse(since);
    try (var s = openQuiet()) {
      LogsReader reader = s.stack.logs();
      String group = s.stack.logGroup();
      reader.tail(
          group,
          environment.clock().instant().minus(back),
          line -> {
            if (global.json()) {
              Map<String, Object> j = new LinkedHashMap<>();
              j.put("timestamp", line.timestamp().toString());
              j.put("stream", line.stream());
              j.put("message", line.message());
              out.println(dev.berth.cli.Json.MAPPER.valueToTree(j).toString());
            } else {
              out.println(
                  line.timestamp() + "  " + shortStream(line.stream()) + "  " + line.message());
            }
          },
          () -> follow);
      return 0;
    }
  }

  private static String shortStream(String stream) {
    int slash = stream.lastIndexOf('/');
    String id = slash < 0 ? stream : stream.substring(slash + 1);
    return id.length() > 8 ? id.substring(0, 8) : id;
  }

  static Duration parse(String s) {
    try {
      String v = s.trim().toLowerCase();
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new BerthException(
          "--since: \"" + s + "\" is not a duration",
          "use a number and a unit: 30s, 10m, 2h or 1d",
          FailureKind.BAD_INPUT,
          null);
    }
  }
}
