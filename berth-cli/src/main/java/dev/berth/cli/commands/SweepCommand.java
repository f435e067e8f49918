package dev.berth.cli.commands;

import dev.berth.app.sweep.Health;
import dev.berth.app.sweep.SweepGroup;
import dev.berth.app.sweep.SweepReport;
import dev.berth.app.sweep.SweepSelection;
import dev.berth.app.sweep.Sweeper;
import dev.berth.cli.CtrlC;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.state.State;
import dev.berth.core.state.StateJson;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.TaggedResource;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth sweep}: resources tagged by berth that no state knows. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "List resources in the account and region that carry berth's tags but that no state file"
          + " in the state folder knows (left by a lost state file, a crash, or a state kept in"
          + " another folder), grouped by stack and lineage (the state that made them), with their"
          + " age and whether the stack looks complete and serving.",
      "--delete removes one group, dependents first; it must be named with --stack (and"
          + " --lineage when the stack has several). Cloudflare records are searched in the spec's"
          + " zone."
    })
public final class SweepCommand extends StackCommand {
  /** A lineage as --lineage takes it: none, or 8 or more characters of the UUID. */
  private static final Pattern LINEAGE_ARG =
      Pattern.compile("(?i)none|\\(none\\)|[0-9a-f-]{" + SweepGroup.MIN_LINEAGE_PREFIX + ",36}");

  @Option(names = "--stack", paramLabel = "NAME", description = "Only this stack's resources.")
  String stack;

  @Option(
      names = "--lineage",
      paramLabel = "ID",
      description =
          "Only resources made by the state of this lineage (as listed; 8 or more characters,"
              + " or none for what older berth versions made).")
  String lineage;

  @Option(
      names = "--delete",
      description = "Delete the group named by --stack and/or --lineage (one stack, one lineage).")
  boolean delete;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required without a terminal).")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    if (lineage != null && !LINEAGE_ARG.matcher(lineage.trim()).matches()) {
      throw new BerthException(
          "--lineage '" + lineage + "' names no lineage",
          "pass 'none' or at least "
              + SweepGroup.MIN_LINEAGE_PREFIX
              + " characters of a lineage as berth sweep lists it",
          FailureKind.BAD_INPUT,
          null);
    }
    try (var s = openQuiet()) {
      Set<String> known =
          knownPhysicalIds(
              global.state != null ? Path.of(global.state) : global.specDir().resolve(".berth"));
      // Cloudflare cannot be searched account-wide by comment: its provider sweeps the spec's zone.
      List<Discovery> discoveries = s.providers.discoveries(s.spec);
      List<ResourceHandler> handlers = List.copyOf(s.providers.handlers(true).values());
      Optional<String> onlyStack = Optional.ofNullable(stack);
      Optional<String> onlyLineage = Optional.ofNullable(lineage).map(String::trim);
      Sweeper.Options reads =
          Sweeper.Options.defaults(s.clock).withClassifier(s.providers.classifier());
      List<SweepGroup> groups = SweepGroup.of(Sweeper.find(discoveries, onlyStack, known, reads));
      Instant now = s.clock.instant();
      if (!delete) {
        print(SweepSelection.matching(groups, onlyStack, onlyLineage), now);
        return 0;
      }
      SweepSelection.Choice choice = SweepSelection.forDelete(groups, onlyStack, onlyLineage);
      if (choice instanceof SweepSelection.Refused r) {
        throw refusal(r, now);
      }
      if (!(choice instanceof SweepSelection.Delete chosen)) {
        print(List.of(), now);
        return 0;
      }
      SweepGroup g = chosen.group();
      confirm(g);
      // Ctrl-C: no new delete starts, deletes in flight finish; what was not tried is reported.
      Cancellation cancel = new Cancellation();
      SweepReport report;
      try (var ctrlC = CtrlC.install(err, cancel)) {
        report =
            Sweeper.delete(
                g.resources(),
                handlers,
                Sweeper.Options.defaults(s.clock)
                    .withClassifier(s.providers.classifier())
                    .withListener(
                        (r, m) ->
                            err.println(
                                "  "
                                    + r.type()
                                    + " "
                                    + Printable.of(r.physicalId())
                                    + ": "
                                    + Printable.of(m)))
                    .withCancellation(cancel));
      }
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", g.stack());
        j.put("lineage", g.lineage());
        j.put("health", g.health().verdict().label());
        j.put("deleted", report.deleted().size());
        j.put("alreadyGone", report.gone().size());
        j.put(
            "failed",
            report.failed().stream()
                .map(f -> Map.of("resource", f.resource().physicalId(), "reason", f.reason()))
                .toList());
        json(j);
      } else {
        out.println(
            "Deleted "
                + report.deleted().size()
                + " of "
                + g.resources().size()
                + " resources of stack "
                + printable(g.stack())
                + ", lineage "
                + printable(g.lineageLabel())
                + ".");
        report
            .gone()
            .forEach(
                r ->
                    out.println(
                        "  already gone: " + r.type() + " " + Printable.of(r.physicalId())));
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

  private void print(List<SweepGroup> groups, Instant now) {
    if (global.json()) {
      json(Map.of("groups", groups.stream().map(g -> groupJson(g, now)).toList()));
      return;
    }
    if (groups.isEmpty()) {
      out.println(
          "Nothing to sweep: every berth-tagged resource"
              + (stack == null ? "" : " of stack " + stack)
              + (lineage == null ? "" : " of lineage " + lineage)
              + " is known to a state file.");
      return;
    }
    for (SweepGroup g : groups) {
      out.println(heading(g, now));
      g.origins().stream().limit(3).forEach(o -> out.println("  made by " + printable(o)));
      for (TaggedResource r : g.resources()) {
        out.printf(
            "  %-30s %-6s %s%n",
            r.type(), r.age(now).map(SweepCommand::age).orElse("?"), printable(r.physicalId()));
      }
      out.println("  to delete: " + deleteCommand(g));
      out.println();
    }
    int count = groups.stream().mapToInt(g -> g.resources().size()).sum();
    out.println(
        count
            + " resources in "
            + groups.size()
            + " group(s) no state here knows. berth sweep --delete --stack NAME [--lineage ID]"
            + " removes one group.");
  }

  /** {@code Stack hello, lineage …: 23 resources, oldest 3h, newest 2h, serving}. */
  private static String heading(SweepGroup g, Instant now) {
    return "Stack "
        + printable(g.stack())
        + ", lineage "
        + printable(g.lineageLabel())
        + ": "
        + resources(g.resources().size())
        + ", "
        + ages(g, now)
        + ", "
        + g.health().describe();
  }

  private static String ages(SweepGroup g, Instant now) {
    if (g.oldest().isEmpty()) {
      return "age unknown";
    }
    String oldest = age(Duration.between(g.oldest().get(), now));
    String newest = age(Duration.between(g.newest().get(), now));
    return oldest.equals(newest)
        ? "created " + oldest + " ago"
        : "created " + oldest + " to " + newest + " ago";
  }

  private static String deleteCommand(SweepGroup g) {
    return "berth sweep --delete --stack "
        + printable(g.stack())
        + " --lineage "
        + (g.lineage() == null ? "none" : printable(g.lineage()));
  }

  private static Map<String, Object> groupJson(SweepGroup g, Instant now) {
    Health h = g.health();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("stack", g.stack());
    j.put("lineage", g.lineage());
    j.put("resourceCount", g.resources().size());
    j.put("oldest", g.oldest().map(Instant::toString).orElse(null));
    j.put("newest", g.newest().map(Instant::toString).orElse(null));
    j.put("origins", g.origins());
    j.put("health", h.verdict().label());
    j.put("missing", h.missing());
    j.put("details", h.details());
    j.put("delete", deleteCommand(g));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TaggedResource r : g.resources()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", r.logicalId());
      row.put("type", r.type());
      row.put("physicalId", r.physicalId());
      row.put("region", r.region());
      row.put("ageSeconds", r.age(now).map(Duration::toSeconds).orElse(null));
      rows.add(row);
    }
    j.put("resources", rows);
    return j;
  }

  private BerthException refusal(SweepSelection.Refused r, Instant now) {
    String listing =
        r.candidates().isEmpty()
            ? "\n  (no berth resource that no state knows was found)"
            : r.candidates().stream()
                .map(g -> "\n  " + deleteCommand(g) + "    # " + summary(g, now))
                .collect(Collectors.joining());
    return switch (r.reason()) {
      case NOTHING_NAMED ->
          new BerthException(
              "sweep --delete deletes only a stack it is named; pass --stack NAME or --lineage ID."
                  + " Found:"
                  + listing,
              "copy one of the commands above; berth sweep lists each group's resources",
              FailureKind.BAD_INPUT,
              null);
      case SEVERAL_LINEAGES ->
          new BerthException(
              "stack "
                  + stack
                  + " has resources of "
                  + r.candidates().size()
                  + " lineages (made by different state files); --lineage ID says which to delete:"
                  + listing,
              "copy one of the commands above; berth sweep --stack " + stack + " lists them",
              FailureKind.BAD_INPUT,
              null);
      case AMBIGUOUS_LINEAGE ->
          new BerthException(
              "--lineage " + lineage + " matches " + r.candidates().size() + " groups:" + listing,
              "give more of the lineage, or --stack as well",
              FailureKind.BAD_INPUT,
              null);
      case SERVING_NEEDS_STACK ->
          new BerthException(
              "lineage "
                  + lineage
                  + " is stack "
                  + r.candidates().get(0).stack()
                  + ", which looks complete and serving; a serving stack is deleted only when its"
                  + " name is given:"
                  + listing,
              "check that no state file elsewhere still runs it, then pass --stack "
                  + r.candidates().get(0).stack(),
              FailureKind.BAD_INPUT,
              null);
    };
  }

  private static String summary(SweepGroup g, Instant now) {
    return resources(g.resources().size()) + ", " + ages(g, now) + ", " + g.health().describe();
  }

  private static String resources(int n) {
    return n + (n == 1 ? " resource" : " resources");
  }

  /** Tag values are anyone's text: control characters are shown escaped, never printed raw. */
  static String printable(String s) {
    return Printable.of(s);
  }

  static String age(Duration d) {
    long m = d.toMinutes();
    return m < 60 ? m + "m" : m < 2880 ? (m / 60) + "h" : (m / 1440) + "d";
  }

  /** Says what is deleted (count, stack, lineage, serving or not); asks unless --yes. */
  private void confirm(SweepGroup g) {
    Health h = g.health();
    String what =
        resources(g.resources().size())
            + " of stack "
            + printable(g.stack())
            + ", lineage "
            + printable(g.lineageLabel())
            + (g.origins().isEmpty() ? "" : " (made by " + printable(g.origins().get(0)) + ")")
            + ", "
            + (h.verdict() == Health.Verdict.SERVING
                ? "which looks complete and serving (" + String.join(", ", h.details()) + ")"
                : "which looks " + h.describe());
    if (yes) {
      err.println("Deleting " + what + ".");
      return;
    }
    String answer = ask("sweep --delete", "pass --yes", "Delete %s? [y/N] ", what);
    if (!answer.equalsIgnoreCase("y")) {
      throw new BerthException("sweep cancelled", null, FailureKind.BAD_INPUT, null);
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
