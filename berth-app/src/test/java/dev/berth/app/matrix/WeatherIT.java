package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.engine.DestroyResult;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad weather: every call throttled with probability 0.2, and the consistency windows of real AWS
 * (roles not assumable at once, EC2 reads that miss what was just made, secret names held after
 * deletion). Deploy and destroy each example ten times over in the same account: all must succeed
 * and leave nothing behind.
 */
class WeatherIT {
  private static final int CYCLES = 10;
  private static final double THROTTLING = 0.2;

  static Profile weather() {
    return Profile.instant()
        .with("iam.propagation", Duration.ofSeconds(10))
        .with("ec2.consistency", Duration.ofSeconds(1))
        .with("secrets.deletion", Duration.ofSeconds(30))
        .with("acm.record", Duration.ofSeconds(5))
        .with("route53.insync", Duration.ofSeconds(40));
  }

  @Test
  void deployAndDestroy_twentyTimesIn20PercentThrottling_allSucceedAndLeaveNothing() {
    List<String> failures = new ArrayList<>();
    long calls = 0;
    long refused = 0;
    long retries = 0;
    long sdkRetries = 0;
    int runs = 0;
    for (Example example : Example.values()) {
      try (StackHarness h = StackHarness.start(example, weather())) {
        h.cloud.faults().throttle(THROTTLING, 1000L + example.ordinal());
        for (int i = 0; i < CYCLES; i++) {
          runs++;
          WebServiceStack.DeployReport r = h.deploy();
          if (!r.succeeded()) {
            failures.add(example + " deploy " + i + ": " + r.result().failures());
          }
          DestroyResult d = h.destroy();
          if (!d.succeeded() || !h.live().isEmpty()) {
            failures.add(example + " destroy " + i + ": " + d.failures() + ", live " + h.live());
          }
        }
        List<World.Call> log = h.calls();
        calls += log.size();
        refused += log.stream().filter(c -> c.status() >= 400).count();
        retries += h.retries();
        sdkRetries += h.sdkRetries();
        h.assertNoSecrets();
      }
    }
    System.out.printf(
        "weather: %d deploys and destroys, %d calls, %d refused (throttled or not yet consistent),"
            + " %d SDK retries, %d engine retries, %d failures%n",
        runs, calls, refused, sdkRetries, retries, failures.size());
    failures.forEach(f -> System.out.println("  " + f));
    assertEquals(List.of(), failures);
    assertTrue(refused > 0, "no call was throttled: the weather did not happen");
  }
}
