package dev.berth.cli.commands;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.cli.Advice;
import dev.berth.cli.CtrlC;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.engine.ApplyResult;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.engine.Failure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth deploy}: create or update the stack. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update the stack, then wait until the service is stable.",
      "If a first deploy fails, everything it created is removed again."
    })
public final class DeployCommand extends StackCommand {
  @Option(
      names = "--no-rollback",
      description = "Keep what this run created when it fails, for inspection.")
  boolean noRollback;

  @Option(
      names = "--no-wait",
      description =
          "Return once every resource exists and ECS has accepted the deployment; see berth status for the rollout.")
  boolean noWait;

  @Option(
      names = "--adopt-dns",
      description =
          "Take over a DNS record for the hostname that exists but was not created by berth.")
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
    Cancellation cancel = new Cancellation();
    try (var s = open();
        var ctrlC = CtrlC.install(err, cancel)) {
      s.stack.cancellation(cancel);
      WebServiceStack.DeployReport r =
          s.stack.deploy(new WebServiceStack.Options(adoptDns, noRollback, noWait, refresh));
      if (cancel.isCancelled()) {
        return interrupted(
            "Deploy", s.spec.name(), r.result().finalState(), r.result().failures(), r.elapsed());
      }
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", s.spec.name());
        j.put("succeeded", r.succeeded());
        j.put("url", r.url());
        j.put("loadBalancer", r.loadBalancerDnsName());
        j.put("running", r.running());
        j.put("desired", r.desired());
        j.put("draining", r.draining());
        j.put("elapsedSeconds", r.elapsed().toMillis() / 1000.0);
        j.put("summary", r.plan().summary());
        j.put("failures", Advice.forJson(r.result().failures()));
        j.put("rolledBack", r.result().rolledBack());
        j.put("createdRemaining", r.result().created());
        j.put("stateError", r.result().stateError());
        j.put("unrecorded", Unsaved.json(r.result().unrecorded()));
        json(j);
        return r.succeeded() ? 0 : 1;
      }
      if (r.succeeded()) {
        out.println();
        if (!r.plan().hasChanges()) {
          out.println("No changes: " + s.spec.name() + " already matches the spec.");
        }
        out.println("Deployed " + s.spec.name() + " in " + seconds(r.elapsed()) + ".");
        out.println("  URL            " + r.url());
        out.println("  load balancer  " + r.loadBalancerDnsName());
        if (r.desired() != null) {
          out.println(
              "  tasks          "
                  + r.running()
                  + " running of "
                  + r.desired()
                  + " desired"
                  + (r.draining() != null && r.draining() > 0
                      ? ", " + r.draining() + " of the previous version draining"
                      : "")
                  + (noWait ? " (rollout continues; see berth status)" : ""));
        }
        return 0;
      }
      err.println();
      err.println("Deploy of " + s.spec.name() + " failed after " + seconds(r.elapsed()) + ":");
      for (Failure f : r.result().failures()) {
        err.println("  " + f.id() + " (" + f.type() + "): " + Printable.block(f.message(), "    "));
        if (Advice.whatToDo(f) != null) {
          err.println("    what to do: " + Printable.block(Advice.whatToDo(f), "      "));
        }
      }
      ApplyResult a = r.result();
      List<String> left = a.created();
      if (a.rolledBack() && left.isEmpty()) {
        err.println(
            "What this run created was removed again; the state file records what remains.");
      } else if (a.rolledBack()) {
        err.println(
            "The rollback could not remove "
                + left.size()
                + " of what this run created ("
                + String.join(", ", left)
                + "). Run berth destroy to remove them, or berth deploy to carry on.");
      } else if (noRollback) {
        err.println(
            "--no-rollback: what this run created is kept. Run berth destroy to remove it.");
      } else if (a.stateError() != null) {
        err.println(
            "Nothing was rolled back: berth records each delete before it makes it, and the state"
                + " cannot be written. "
                + (left.isEmpty()
                    ? "This run created nothing that remains."
                    : left.size()
                        + (left.size() == 1 ? " resource" : " resources")
                        + " this run created still exist: "
                        + String.join(", ", left)
                        + "."));
      }
      Unsaved.print(err, a.stateError(), a.unrecorded(), s.store);
      if (a.stateError() != null || !a.unrecorded().isEmpty()) {
        err.println("What to do: " + Unsaved.fix(s.store, "deploy") + " (Or berth destroy.)");
      }
      return 1;
    }
  }

  static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 60
        ? (s / 60) + "m" + (s % 60) + "s"
        : String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
