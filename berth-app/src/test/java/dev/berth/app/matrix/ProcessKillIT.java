package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.AwsClients;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.state.StateLockedException;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, a few times: a deploy in its own JVM, killed with SIGKILL after some mutating
 * calls; then this process deploys (it must converge) and destroys (it must leave nothing). The
 * cloud runs in real time on AWS timings sped up 200 times, so the kill lands mid-run.
 */
@Tag("process") // starts other JVMs: runs after the other ITs, alone
class ProcessKillIT {
  private static final Profile FAST_AWS = Profile.aws(0.005);

  @Test
  void deploy_killedWithSigkill_nextDeployConvergesAndDestroyEmpties(@TempDir Path tmp)
      throws Exception {
    Map<String, Long> expected;
    try (StackHarness h = StackHarness.start(Example.HELLO)) {
      assertTrue(h.deploy().succeeded());
      expected = Inventory.countByKind(h.live());
    }
    List<String> failures = new ArrayList<>();
    int[] killAfter = {4, 14, 26};
    for (int k : killAfter) {
      Path dir = Files.createDirectories(tmp.resolve("kill-" + k));
      try (LocalCloud cloud =
              LocalCloud.builder().clock(Clock.systemUTC()).profile(FAST_AWS).start();
          AwsClients aws = DeployProcess.aws(cloud.endpoint())) {
        cloud.cloudflareZone(Example.HELLO.zone, StackHarness.CLOUDFLARE_TOKEN);
        Set<String> baseline = Inventory.keys(cloud.world());
        Process p = spawn(cloud, dir);
        boolean reached = awaitMutatingCalls(cloud.world(), k, p);
        // While it runs, its OS file lock keeps this process out.
        boolean lockChecked = p.isAlive();
        if (lockChecked && !lockedOut(cloud, dir, aws, p)) {
          failures.add("kill after " + k + ": a second deploy was not locked out");
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int made = mutating(cloud.world());
        WebServiceStack stack = DeployProcess.stack(Example.HELLO, cloud.endpoint(), dir, aws);
        WebServiceStack.DeployReport r = stack.deploy(WebServiceStack.Options.DEFAULT);
        Map<String, Long> live = Inventory.countByKind(Inventory.live(cloud.world(), baseline));
        String problem =
            !r.succeeded()
                ? "the next deploy failed: " + r.result().failures()
                : !live.equals(expected) ? "the next deploy left " + live : "";
        DestroyResult d = stack.destroy();
        List<Inventory.Item> left = Inventory.live(cloud.world(), baseline);
        if (problem.isEmpty() && (!d.succeeded() || !left.isEmpty())) {
          problem = "destroy: " + d.failures() + ", live " + left;
        }
        System.out.println(
            "  killed (SIGKILL) after "
                + made
                + " mutating calls"
                + (reached ? "" : " (it finished first)")
                + (lockChecked ? ", a deploy meanwhile was locked out" : "")
                + (problem.isEmpty() ? ": converged, then destroyed" : ": " + problem));
        if (!problem.isEmpty()) {
          failures.add("kill after " + made + ": " + problem);
        }
      }
    }
    System.out.println(
        "process kills: " + killAfter.length + " kills, " + failures.size() + " failures");
    assertEquals(List.of(), failures);
  }

  private static Process spawn(LocalCloud cloud, Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            DeployProcess.class.getName(),
            Example.HELLO.name(),
            cloud.endpoint().toString(),
            dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(new File(dir.toFile(), "process.log"))
        .start();
  }

  /** Waits (in real time, bounded) until the world has seen {@code n} mutating calls. */
  private static boolean awaitMutatingCalls(World world, int n, Process p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (mutating(world) >= n) {
        return true;
      }
      p.waitFor(5, TimeUnit.MILLISECONDS);
    }
    return false;
  }

  private static int mutating(World world) {
    synchronized (world) {
      return (int) world.calls().stream().filter(World.Call::mutating).count();
    }
  }

  private static boolean lockedOut(LocalCloud cloud, Path dir, AwsClients aws, Process p) {
    try {
      DeployProcess.stack(Example.HELLO, cloud.endpoint(), dir, aws)
          .deploy(WebServiceStack.Options.DEFAULT);
      return false;
    } catch (StateLockedException e) {
      return e.kind() == FailureKind.LOCKED && e.getMessage().contains("pid " + p.pid());
    }
  }
}
