package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;

/**
 * The network, not the input: an endpoint that cannot be reached is named as such (the URL and the
 * error) within 30 s, before any change; and {@code status} of a stack whose cluster was deleted
 * behind berth's back reports it missing instead of failing.
 */
class NetworkFailureIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String CLOSED = "http://127.0.0.1:1";

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  /** Runs berth and checks the bound in both virtual and real time. */
  private CliHarness.Run timed(String... args) {
    Instant virtualStart = h.clock().instant();
    long realStart = System.nanoTime();
    CliHarness.Run r = h.berth(args);
    Duration virtual = Duration.between(virtualStart, h.clock().instant());
    Duration real = Duration.ofNanos(System.nanoTime() - realStart);
    assertTrue(virtual.compareTo(BOUND) <= 0, "virtual time " + virtual + "\n" + r);
    assertTrue(real.compareTo(BOUND) <= 0, "real time " + real + "\n" + r);
    return r;
  }

  private static void assertNamed(CliHarness.Run r, String endpoint, String error) {
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains(endpoint + " could not be reached: " + error), r.toString());
    assertTrue(r.err().contains("check the endpoint URL"), r.toString());
    assertFalse(r.all().contains("credentials"), r.toString());
    assertFalse(r.all().contains("bug in berth"), r.toString());
  }

  @Test
  void plan_whenAwsEndpointUrlRefusesConnections_namesTheEndpointNotTheCredentials() {
    h.env("AWS_ENDPOINT_URL", CLOSED);
    int mark = h.mark();

    CliHarness.Run r = timed("plan");

    assertNamed(r, "the AWS endpoint " + CLOSED, "connection refused");
    assertEquals(0, h.callsSince(mark).size(), "nothing reached localcloud");
  }

  @Test
  void deploy_whenEndpointUrlRefusesConnections_failsWithin30sWithoutAChange() {
    int mark = h.mark();

    CliHarness.Run r = timed("deploy", "--endpoint-url", CLOSED);

    assertNamed(r, "the AWS endpoint " + CLOSED, "connection refused");
    assertEquals(0, h.callsSince(mark).size());
    assertFalse(h.stateFile("hello").toFile().exists(), "no state: nothing was made");
  }

  @Test
  void deploy_whenTheEndpointHostDoesNotResolve_saysUnknownHost() {
    String nowhere = "http://berth-no-such-host.invalid:4566";
    int mark = h.mark();

    CliHarness.Run r = timed("deploy", "--endpoint-url", nowhere);

    assertNamed(r, "the AWS endpoint " + nowhere, "unknown host");
    assertEquals(0, h.callsSince(mark).size());
  }

  @Test
  void deploy_whenTheCloudflareApiRefusesConnections_namesItBeforeAnyChange() {
    String base = CLOSED + "/client/v4";
    h.env("CLOUDFLARE_API_BASE_URL", base);
    int mark = h.mark();

    CliHarness.Run r = timed("deploy");

    assertNamed(r, "the Cloudflare API at " + base, "connection refused");
    assertEquals(0, h.mutatingCallsSince(mark).size(), h.mutatingCallsSince(mark).toString());
  }

  @Test
  void status_whenTheClusterWasDeletedBehindBerthsBack_reportsItMissingAndExits0() {
    assertEquals(0, h.berth("deploy").exitCode());
    String cluster =
        h.state("hello").path("resources").path("cluster").path("outputs").path("name").asText();
    String service =
        h.state("hello").path("resources").path("service").path("outputs").path("name").asText();
    deleteCluster(cluster, service);

    CliHarness.Run r = h.berth("status");

    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.all().contains("bug in berth"), r.toString());
    assertFalse(r.all().contains("ClusterNotFoundException"), r.toString());
    assertTrue(
        r.out().lines().anyMatch(l -> l.contains("cluster") && l.contains("MISSING")), r.out());
    assertTrue(r.out().contains("Service: MISSING"), r.out());
    CliHarness.Run json = h.berth("status", "--output", "json");
    assertEquals(0, json.exitCode(), json.toString());
  }

  /** What a user does in the console: the service scaled down and deleted, then the cluster. */
  private void deleteCluster(String cluster, String service) {
    var ecs = h.aws().ecs();
    ecs.updateService(b -> b.cluster(cluster).service(service).desiredCount(0));
    ecs.deleteService(b -> b.cluster(cluster).service(service).force(true));
    for (int i = 0; ; i++) {
      try {
        ecs.deleteCluster(b -> b.cluster(cluster));
        return;
      } catch (ClusterContainsServicesException | ClusterContainsTasksException e) {
        if (i > 100) {
          throw e;
        }
        sleep(Duration.ofSeconds(15));
      }
    }
  }

  private void sleep(Duration d) {
    try {
      h.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
