package dev.berth.cli.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints what the benchmark measured; its last line is machine-readable. */
final class Report {
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void scenarios(List<Bench.Scenario> all) {
    out.println(
        "Simulated on localcloud's aws profile (time scale 1.0) in virtual time; critical path ="
            + " longest path through the resource graph with each resource's duration taken from"
            + " the profile (a lower bound for any scheduler).");
    out.println();
    out.printf(
        Locale.ROOT,
        "%-14s %9s %9s %9s %11s %14s %14s %14s%n",
        "scenario",
        "berth",
        "baseline",
        "critical",
        "berth/crit",
        "baseline/berth",
        "berth mut/poll",
        "base mut/poll");
    for (Bench.Scenario s : all) {
      Measured b = s.berth();
      Measured base = s.baseline();
      out.printf(
          Locale.ROOT,
          "%-14s %9s %9s %9s %11s %14s %14s %14s%n",
          s.name(),
          secs(b.wall()) + (b.succeeded() ? "" : "!"),
          base == null ? "-" : secs(base.wall()) + (base.succeeded() ? "" : "!"),
          secs(s.cp().length()),
          ratio(b.wall(), s.cp().length()),
          base == null ? "-" : ratio(base.wall(), b.wall()),
          b.mutating() + "/" + b.polling(),
          base == null ? "-" : base.mutating() + "/" + base.polling());
    }
    out.println();
    for (Bench.Scenario s : all) {
      if (!s.cp().length().isZero()) {
        out.println("critical path, " + s.name() + ": " + path(s));
      }
    }
  }

  /** Per resource: the profile's duration, its best finish, and when berth's step ran. */
  void resources(Bench.Scenario s) {
    out.println();
    out.println(s.name() + ": resource, profile duration, best finish, berth started, berth done");
    Map<String, Measured.Step> measured = s.berth().steps();
    for (Map.Entry<String, Duration> e : s.cp().finish().entrySet()) {
      Measured.Step step = measured.get(e.getKey());
      if (step == null && s.model().duration(e.getKey()).isZero()) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-26s %8s %8s %8s %8s%n",
          e.getKey(),
          secs(s.model().duration(e.getKey())),
          secs(e.getValue()),
          step == null ? "-" : secs(step.started()),
          step == null ? "-" : secs(step.done()));
    }
  }

  /** The reads (polls and lookups) of berth's run, by service and action. */
  void reads(Bench.Scenario s) {
    out.println();
    out.println(s.name() + ": berth's reads by service and action");
    s.berth().reads().forEach((k, n) -> out.printf(Locale.ROOT, "  %-44s %4d%n", k, n));
  }

  void plan(PlanTiming.Result r) {
    out.println();
    out.println("plan on a deployed stack, whole process, instant profile: " + r.command());
    out.println(
        "  runs: "
            + String.join(", ", r.runs().stream().map(Report::secs).toList())
            + "; median "
            + secs(r.median()));
    out.println(
        "  bare JVM start, same java and jar (java -Xshare:auto -cp berth.jar -version), one before"
            + " each plan: "
            + String.join(", ", r.jvm().stream().map(Report::secs2).toList())
            + "; median "
            + secs2(r.jvmMedian())
            + "; plan/jvm "
            + String.format(Locale.ROOT, "%.1f", r.perJvm()));
  }

  /** The last line: {@code bench: deploy/critical=… … plan_s=… plan/jvm=…}. */
  void summary(List<Bench.Scenario> all, PlanTiming.Result plan) {
    Bench.Scenario deploy = all.get(0);
    Bench.Scenario noop = all.get(1);
    Bench.Scenario update = all.get(2);
    Bench.Scenario destroy = all.get(3);
    out.println();
    out.printf(
        Locale.ROOT,
        "bench: deploy/critical=%s destroy/critical=%s baseline/berth=%s noop_mutations=%d"
            + " deploy_polls=%d update/critical=%s update_polls=%d plan_s=%s plan/jvm=%s%n",
        ratio(deploy.berth().wall(), deploy.cp().length()),
        ratio(destroy.berth().wall(), destroy.cp().length()),
        deploy.baseline() == null ? "NA" : ratio(deploy.baseline().wall(), deploy.berth().wall()),
        noop.berth().mutating(),
        deploy.berth().polling(),
        ratio(update.berth().wall(), update.cp().length()),
        update.berth().polling(),
        plan == null ? "NA" : String.format(Locale.ROOT, "%.2f", plan.median().toMillis() / 1000.0),
        plan == null ? "NA" : String.format(Locale.ROOT, "%.1f", plan.perJvm()));
  }

  private static String path(Bench.Scenario s) {
    StringBuilder sb = new StringBuilder();
    String prev = null;
    for (String id : s.cp().path()) {
      if (prev != null) {
        Duration lag = s.model().lag(prev, id);
        sb.append(lag.isZero() ? " -> " : " -(+" + secs(lag) + ")-> ");
      }
      prev = id;
      sb.append(id).append(" (").append(secs(s.model().duration(id))).append(')');
    }
    return sb.append(" = ").append(secs(s.cp().length())).toString();
  }

  static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static String secs2(Duration d) {
    return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
  }

  static String ratio(Duration a, Duration b) {
    return b.isZero()
        ? "-"
        : String.format(Locale.ROOT, "%.2f", (double) a.toMillis() / b.toMillis());
  }
}
