package dev.berth.cli.bench;

import dev.berth.localcloud.core.Profile;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth bench} (hidden): how close deploy and destroy come to the speed of AWS's own
 * provisioning, against a baseline that does one thing at a time, and how fast {@code plan} starts.
 */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: first deploy, no-op deploy, image update and destroy of examples/hello on",
      "localcloud's aws profile in virtual time, for berth and for a one-at-a-time baseline,",
      "against the critical path; then the real time of `plan --local` as a whole process."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--no-baseline", description = "Skip the one-at-a-time baseline.")
  boolean noBaseline;

  @Option(names = "--no-plan-timing", description = "Skip timing `plan` as a process.")
  boolean noPlanTiming;

  @Option(
      names = "--plan-runs",
      paramLabel = "N",
      description = "Timed runs of `plan` (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int planRuns;

  @Option(
      names = "--resources",
      description =
          "Also print, per resource, the profile's duration and berth's step times, and berth's"
              + " reads by action.")
  boolean resources;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Report report = new Report(out);
    List<Bench.Scenario> scenarios = new Bench(Profile.aws(1.0)).run(!noBaseline);
    report.scenarios(scenarios);
    if (resources) {
      scenarios.forEach(report::resources);
      scenarios.forEach(report::reads);
    }
    PlanTiming.Result plan = null;
    if (!noPlanTiming) {
      Optional<java.nio.file.Path> jar = PlanTiming.jar();
      if (jar.isEmpty()) {
        out.println();
        out.println("plan timing skipped: berth is not running from its jar");
      } else {
        String flags = System.getenv("BERTH_JAVA_FLAGS");
        plan =
            PlanTiming.measure(
                jar.get(),
                PlanTiming.java(System.getenv("BERTH_JAVA_BIN")),
                flags == null || flags.isBlank() ? PlanTiming.DEFAULT_FLAGS : flags,
                planRuns);
        report.plan(plan);
      }
    }
    report.summary(scenarios, plan);
    boolean ok = scenarios.stream().allMatch(s -> s.berth().succeeded());
    return ok ? 0 : 1;
  }
}
