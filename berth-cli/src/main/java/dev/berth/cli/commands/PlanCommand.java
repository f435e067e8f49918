package dev.berth.cli.commands;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PropertyChange;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth plan}: what deploy would change, and why. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what deploy would change, and why. Changes nothing.")
public final class PlanCommand extends StackCommand {
  @Option(
      names = "--adopt-dns",
      description = "Plan to take over DNS records that exist but were not created by berth.")
  boolean adoptDns;

  @Option(
      names = "--refresh",
      arity = "1",
      paramLabel = "true|false",
      defaultValue = "true",
      description =
          "Read every recorded resource first, so what was deleted or changed outside berth is put back (default true).")
  boolean refresh = true;

  @Override
  public Integer call() {
    try (var s = open()) {
      WebServiceStack.PlanReport report =
          s.stack.plan(new WebServiceStack.Options(adoptDns, false, false, refresh));
      Plan plan = report.plan();
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", s.spec.name());
        j.put("account", report.preflight().account());
        j.put("region", report.preflight().region());
        j.put("summary", plan.summary());
        j.put("refreshed", report.refresh().done() ? report.refresh().reads() : null);
        j.put("unreadable", report.refresh().unreadable());
        j.put("untagged", report.untagged());
        j.put("changes", plan.changes());
        json(j);
        return 0;
      }
      out.println(
          "Stack "
              + s.spec.name()
              + " in account "
              + report.preflight().account()
              + ", "
              + report.preflight().region());
      for (Change c : plan.changes()) {
        if (c.action() == Action.KEEP) {
          continue;
        }
        out.printf(
            "  %s %-24s %-30s %s%n",
            symbol(c.action()), c.id(), c.type(), Printable.of(c.reason()));
        c.changes().forEach(pc -> out.println("        " + describe(pc)));
      }
      report
          .refresh()
          .unreadable()
          .forEach((id, why) -> out.println("  ? " + id + " could not be read: " + why));
      if (!report.untagged().isEmpty()) {
        out.println(
            "  "
                + report.untagged().size()
                + " recorded resources made by an older berth get this state's lineage tag: "
                + String.join(", ", report.untagged()));
      }
      out.println(plan.hasChanges() ? plan.summary() : "No changes: the stack matches the spec.");
      if (report.refresh().done()) {
        out.println(
            "Refreshed "
                + report.refresh().reads()
                + " recorded resources from the cloud"
                + (report.refresh().unreadable().isEmpty()
                    ? "."
                    : " (" + report.refresh().unreadable().size() + " could not be read)."));
      }
      return 0;
    }
  }

  /** One property's change on one line, whatever its values hold (they come from the spec). */
  static String describe(PropertyChange pc) {
    String after = pc.knownAfterApply() ? "(known after deploy)" : Printable.of(pc.after());
    return pc.key()
        + ": "
        + Printable.of(pc.before())
        + " -> "
        + after
        + (pc.forcesReplacement() ? "  (forces replacement)" : "")
        + (pc.drift() ? "  (changed outside berth)" : "");
  }

  static String symbol(Action a) {
    return switch (a) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "±";
      case DELETE -> "-";
      case KEEP -> " ";
    };
  }
}
