package dev.berth.cli.commands;

import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.sweep.CloudflareDiscovery;
import dev.berth.aws.sweep.Discovery;
import dev.berth.aws.sweep.SweepReport;
import dev.berth.aws.sweep.Sweeper;
import dev.berth.aws.sweep.TaggedResource;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareErrorClassifier;
import dev.berth.cloudflare.CloudflareHandlers;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.ResourceHandler;
import dev.berth.core.state.State;
import dev.berth.core.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth sweep}: resources tagged by berth that no state knows. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "List resources in the account and region that carry berth's tags but that no state file"
          + " in the state folder knows (left by a lost state file or a crash), with their age.",
      "--delete removes them, dependents first. Cloudflare records are searched in the spec's zone."
    })
public final class SweepCommand extends StackCommand {
  @Option(names = "--stack", paramLabel = "NAME", description = "Only this stack's resources.")
  String stack;

  @Option(names = "--delete", description = "Delete what is found.")
  boolean delete;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required without a terminal).")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    try (var s = openQuiet()) {
      Set<String> known =
          knownPhysicalIds(
              global.state != null ? Path.of(global.state) : global.specDir().resolve(".berth"));
      List<Discovery> discoveries = new ArrayList<>(Sweeper.awsDiscoveries(s.aws));
      List<ResourceHandler> handlers = new ArrayList<>(Sweeper.awsHandlers(s.aws));
      if (s.cloudflare.isPresent()) {
        // Cloudflare cannot be searched account-wide by comment: sweep the spec's zone.
        CloudflareClient cf = s.cloudflare.get();
        Optional<CloudflareClient.Zone> zone =
            s.spec.domain().zoneName().isPresent()
                ? cf.zone(s.spec.domain().zoneName().get())
                : cf.findZone(s.spec.domain().hostname());
        zone.ifPresent(z -> discoveries.add(new CloudflareDiscovery(cf, List.of(z))));
        handlers.addAll(CloudflareHandlers.all(cf));
      }
      List<TaggedResource> found = Sweeper.find(discoveries, Optional.ofNullable(stack), known);
      Instant now = s.clock.instant();
      if (!delete || found.isEmpty()) {
        print(found, now);
        return 0;
      }
      confirm(found.size());
      SweepReport report =
          Sweeper.delete(
              found,
              handlers,
              Sweeper.Options.defaults(s.clock)
                  .withClassifier(new AwsErrorClassifier().or(new CloudflareErrorClassifier()))
                  .withListener(
                      (r, m) ->
                          err.println(
                              "  "
                                  + r.type()
                                  + " "
                                  + Printable.of(r.physicalId())
                                  + ": "
                                  + Printable.of(m))));
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("deleted", report.deleted().size());
        j.put(
            "failed",
            report.failed().stream()
                .map(f -> Map.of("resource", f.resource().physicalId(), "reason", f.reason()))
                .toList());
        json(j);
      } else {
        out.println("Deleted " + report.deleted().size() + " of " + found.size() + " resources.");
        report
            .failed()
            .forEach(
                f ->
                    out.println(
                        "  not deleted: "
                            + f.resource().type()
                            + " "
                            + Printable.of(f.resource().physicalId())
                            + ": "
                            + Printable.of(f.reason())));
      }
      return report.complete() ? 0 : 1;
    }
  }

  private void print(List<TaggedResource> found, Instant now) {
    if (global.json()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (TaggedResource r : found) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", r.stack());
        j.put("id", r.logicalId());
        j.put("type", r.type());
        j.put("physicalId", r.physicalId());
        j.put("region", r.region());
        j.put("ageSeconds", r.age(now).map(Duration::toSeconds).orElse(null));
        rows.add(j);
      }
      json(rows);
      return;
    }
    if (found.isEmpty()) {
      out.println("Nothing to sweep: every berth-tagged resource is known to a state file.");
      return;
    }
    for (TaggedResource r : found) {
      out.printf(
          "  %-20s %-30s %-12s %s%n",
          Printable.of(r.stack()),
          r.type(),
          r.age(now).map(SweepCommand::age).orElse("?"),
          Printable.of(r.physicalId()));
    }
    out.println(
        found.size() + " resources no state knows. Run berth sweep --delete to remove them.");
  }

  static String age(Duration d) {
    long m = d.toMinutes();
    return m < 60 ? m + "m" : m < 2880 ? (m / 60) + "h" : (m / 1440) + "d";
  }

  private void confirm(int count) {
    if (yes) {
      return;
    }
    String answer = ask("sweep --delete", "pass --yes", "Delete these %d resources? [y/N] ", count);
    if (!answer.equalsIgnoreCase("y")) {
      throw new BerthException("sweep cancelled", null, 2, null);
    }
  }

  /** Physical ids of every resource recorded by a state file in the folder. */
  static Set<String> knownPhysicalIds(Path dir) throws IOException {
    Set<String> ids = new HashSet<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return ids;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".state.json")).toList()) {
        State st = StateJson.read(Files.readString(f));
        st.resources()
            .values()
            .forEach(
                r -> {
                  if (r.physicalId() != null) {
                    ids.add(r.physicalId());
                  }
                });
      }
    }
    return ids;
  }
}
