package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.CliEnvironment;
import dev.berth.cli.Main;
import dev.berth.core.time.BerthClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: {@code berth deploy} in its own JVM gets SIGINT mid-run; it must exit 130 with
 * what exists and the two ways forward, and the next deploy (in this process) must converge without
 * duplicating anything. The cloud runs in real time on AWS timings sped up 50 times.
 */
@Tag("process") // starts other JVMs: runs after the other ITs, alone
class CtrlCIT {
  @Test
  void deploy_onSigint_exits130SayingHowToGoOn_andTheNextDeployConverges(@TempDir Path dir)
      throws Exception {
    Files.copy(
        CliHarness.examples().resolve("hello").resolve("berth.yaml"), dir.resolve("berth.yaml"));
    try (LocalCloud cloud =
        LocalCloud.builder().clock(Clock.systemUTC()).profile(Profile.aws(0.02)).start()) {
      cloud.cloudflareZone(CliHarness.CLOUDFLARE_ZONE, CliHarness.CF_TOKEN);
      Map<String, String> env = env(cloud);
      Path log = dir.resolve("deploy.log");
      Process p = spawn(env, dir, log);
      assertTrue(awaitMutatingCalls(cloud.world(), 8, p), "the deploy made 8 calls in time");

      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      boolean exited = p.waitFor(60, TimeUnit.SECONDS);
      String output = Files.readString(log);

      assertTrue(exited, output);
      assertEquals(130, p.exitValue(), output);
      assertTrue(output.contains("Interrupted: starting nothing new"), output);
      assertTrue(output.contains("interrupted after"), output);
      assertTrue(output.contains("nothing was rolled back"), output);
      assertTrue(
          output.contains("To continue: berth deploy. To remove what exists: berth destroy"),
          output);

      Run again = run(env, dir, "deploy", "-f", dir.resolve("berth.yaml").toString());
      assertEquals(0, again.code, again.toString());
      Map<String, Integer> kinds = liveKinds(cloud.world());
      assertEquals(1, kinds.get("ec2/vpc"), kinds.toString());
      for (String kind :
          new String[] {
            "ecs/service",
            "ecs/cluster",
            "elasticloadbalancing/targetgroup",
            "acm/certificate",
            "logs/loggroup",
            "ec2/internet-gateway",
            "ecs/taskdefinition"
          }) {
        assertEquals(1, kinds.get(kind), "no duplicate " + kind + ": " + kinds);
      }

      Run destroy = run(env, dir, "destroy", "--yes", "-f", dir.resolve("berth.yaml").toString());
      assertEquals(0, destroy.code, destroy.toString());
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, Path dir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          Main.commandLine(new CliEnvironment(env, BerthClock.system(), o, e, false)).execute(args);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> env(LocalCloud cloud) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("AWS_ACCESS_KEY_ID", CliHarness.ACCESS_KEY);
    e.put("AWS_SECRET_ACCESS_KEY", CliHarness.SECRET_KEY);
    e.put("AWS_REGION", "us-east-1");
    e.put("AWS_ENDPOINT_URL", cloud.endpoint().toString());
    e.put("CLOUDFLARE_API_TOKEN", CliHarness.CF_TOKEN);
    e.put("CLOUDFLARE_API_BASE_URL", cloud.cloudflareBase().toString());
    return e;
  }

  private static Process spawn(Map<String, String> env, Path dir, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "deploy",
                "-f",
                dir.resolve("berth.yaml").toString())
            .redirectErrorStream(true)
            .redirectOutput(new File(log.toString()));
    pb.environment().putAll(env);
    return pb.start();
  }

  private static boolean awaitMutatingCalls(World world, int n, Process p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      synchronized (world) {
        if (world.calls().stream().filter(World.Call::mutating).count() >= n) {
          return true;
        }
      }
      p.waitFor(5, TimeUnit.MILLISECONDS);
    }
    return false;
  }

  /** Live resources tagged for the stack, by service/type. */
  private static Map<String, Integer> liveKinds(World world) {
    Map<String, Integer> out = new TreeMap<>();
    synchronized (world) {
      world
          .all()
          .forEach(
              r -> {
                String state = String.valueOf(r.state);
                if ("hello".equals(r.tags.get("berth:stack"))
                    && !state.equals("INACTIVE")
                    && !state.equals("deleted")
                    && !"STOPPED".equals(r.attrs.get("lastStatus"))) {
                  out.merge(r.service + "/" + r.type, 1, Integer::sum);
                }
              });
    }
    return out;
  }
}
