package dev.berth.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real time of {@code berth plan --local} on a deployed stack, measured as a whole process (JVM
 * start to exit) the way a user starts it: the berth jar with the launcher's JVM flags, against the
 * embedded localcloud with every delay at zero (the instant profile). One deploy first, one warm-up
 * plan, then {@code runs} timed plans; the figure is their median. Each timed plan is paired with a
 * bare start of the same java on the same jar ({@code java -cp berth.jar -version}), run right
 * before it, so that the ratio of the two medians says what berth adds to a JVM's start on a
 * machine whose load changes from one minute to the next.
 */
final class PlanTiming {
  /** The launcher's flags; {@code ./berth} passes its own in BERTH_JAVA_FLAGS. */
  static final String DEFAULT_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

  /**
   * @param runs the timed plans
   * @param jvm the bare JVM starts, one before each plan
   */
  record Result(List<Duration> runs, List<Duration> jvm, String command) {
    Duration median() {
      return median(runs);
    }

    Duration jvmMedian() {
      return median(jvm);
    }

    /** plan's median over the bare JVM's. */
    double perJvm() {
      return (double) median().toNanos() / Math.max(1, jvmMedian().toNanos());
    }

    private static Duration median(List<Duration> runs) {
      List<Duration> s = runs.stream().sorted().toList();
      int n = s.size();
      return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).plus(s.get(n / 2)).dividedBy(2);
    }
  }

  private PlanTiming() {}

  /** Empty when berth does not run from its jar (for example from a build's classes). */
  static Optional<Path> jar() {
    try {
      Path p =
          Path.of(PlanTiming.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") && Files.isRegularFile(p)
          ? Optional.of(p)
          : Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The launcher's java ({@code BERTH_JAVA_BIN}), else the one running the benchmark. */
  static String java(String launcherJava) {
    return launcherJava == null || launcherJava.isBlank()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
        : launcherJava.trim();
  }

  static Result measure(Path jar, String java, String flags, int runs) throws InterruptedException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("berth-bench-");
      Path spec = dir.resolve("berth.yaml");
      Files.writeString(spec, Bench.SPEC, StandardCharsets.UTF_8);
      List<String> base = new ArrayList<>();
      base.add(java);
      base.addAll(Arrays.asList(flags.trim().split("\\s+")));
      base.addAll(List.of("-jar", jar.toString()));
      run(base, dir, "deploy", "--local", "-f", spec.toString());
      List<String> plan = new ArrayList<>(base);
      plan.addAll(List.of("plan", "--local", "-f", spec.toString()));
      run(plan, dir);
      List<String> bare = List.of(java, "-Xshare:auto", "-cp", jar.toString(), "-version");
      List<Duration> times = new ArrayList<>();
      List<Duration> jvm = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long j0 = System.nanoTime();
        run(bare, dir);
        jvm.add(Duration.ofNanos(System.nanoTime() - j0));
        long t0 = System.nanoTime();
        String out = run(plan, dir);
        times.add(Duration.ofNanos(System.nanoTime() - t0));
        if (!out.contains("No changes")) {
          throw new IllegalStateException("plan on the deployed stack found changes:\n" + out);
        }
      }
      run(base, dir, "destroy", "--local", "--yes", "-f", spec.toString());
      return new Result(times, jvm, String.join(" ", plan).replace(dir.toString(), "<tmp>"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private static String run(List<String> base, Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(base);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("BERTH_LOCAL_TIME_SCALE", "0");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "`berth " + String.join(" ", args) + "` failed (exit " + p.exitValue() + "):\n" + out);
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
