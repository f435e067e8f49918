package dev.berth.cli.commands;

import dev.berth.aws.stack.WebServiceStack;
import dev.berth.cli.CtrlC;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.engine.Failure;
import java.time.Duration;
import java.util.LinkedHashMap;
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
        j.put("failures", r.result().failures());
        j.put("rolledBack", r.result().rolledBack());
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
        if (f.hint() != null) {
          err.println("    what to do: " + Printable.block(f.hint(), "      "));
        }
      }
      if (r.result().rolledBack()) {
        err.println(
            "What this run created was removed again; the state file records what remains.");
      } else if (noRollback) {
        err.println(
            "--no-rollback: what this run created is kept. Run berth destroy to remove it.");
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
