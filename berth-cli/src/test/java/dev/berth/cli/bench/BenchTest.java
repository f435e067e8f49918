package dev.berth.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.core.Profile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** berth's runs of the benchmark (no baseline), in virtual time on the aws profile. */
@Timeout(120)
class BenchTest {
  private static List<Bench.Scenario> scenarios;

  @BeforeAll
  static void run() {
    scenarios = new Bench(Profile.aws(1.0)).run(false);
  }

  private static Bench.Scenario scenario(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static double ratio(Bench.Scenario s) {
    return (double) s.berth().wall().toMillis() / s.cp().length().toMillis();
  }

  @Test
  void everyScenario_succeeds() {
    assertEquals(
        List.of("first deploy", "no-op deploy", "image update", "destroy"),
        scenarios.stream().map(Bench.Scenario::name).toList());
    scenarios.forEach(s -> assertTrue(s.berth().succeeded(), s.name()));
  }

  @Test
  void noopDeploy_makesNoMutatingCall() {
    Bench.Scenario noop = scenario("no-op deploy");

    assertEquals(0, noop.berth().mutating());
    assertEquals(Duration.ZERO, noop.cp().length());
  }

  @Test
  void firstDeploy_endsWithinFivePercentOfTheCriticalPath() {
    Bench.Scenario deploy = scenario("first deploy");

    assertEquals(Duration.ofSeconds(150), deploy.cp().length());
    assertEquals("load-balancer-ready", deploy.cp().path().get(deploy.cp().path().size() - 1));
    assertTrue(ratio(deploy) <= 1.05, "deploy/critical = " + ratio(deploy));
  }

  @Test
  void firstDeploy_pollsABoundedNumberOfTimes() {
    int polls = scenario("first deploy").berth().polling();

    // About one read per 5 s per wait in progress, plus the preflight.
    assertTrue(polls <= 180, "reads during the first deploy: " + polls);
  }

  @Test
  void destroy_endsWithinFivePercentOfTheCriticalPath() {
    Bench.Scenario destroy = scenario("destroy");

    assertEquals(Duration.ofSeconds(300), destroy.cp().length());
    assertEquals("load-balancer", destroy.cp().path().get(0));
    assertTrue(ratio(destroy) <= 1.05, "destroy/critical = " + ratio(destroy));
  }

  @Test
  void destroy_deletesTheLoadBalancerFirst() {
    var started =
        scenario("destroy").berth().events().stream()
            .filter(e -> e instanceof dev.berth.core.engine.EngineEvent.Started)
            .toList();

    assertEquals(
        started.get(0).at(),
        started.stream()
            .filter(e -> e.id().equals("load-balancer"))
            .findFirst()
            .orElseThrow()
            .at());
  }
}
