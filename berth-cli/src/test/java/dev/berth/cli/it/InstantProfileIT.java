package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.core.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same lifecycle on localcloud's instant profile, where every asynchronous state is reached at
 * the next read: berth must not depend on AWS's durations, only on the states it waits for.
 */
class InstantProfileIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello", Profile.instant());

  @Test
  void deployRedeployDestroy_onTheInstantProfile() {
    CliHarness.Run r = h.berth("deploy");
    assertEquals(0, r.exitCode(), r::toString);
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);

    int mark = h.mark();
    CliHarness.Run again = h.berth("deploy");
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));

    h.replaceInSpec("instances: 2", "instances: 1");
    CliHarness.Run smaller = h.berth("deploy");
    assertEquals(0, smaller.exitCode(), smaller::toString);
    assertTrue(smaller.out().contains("1 running of 1 desired"), smaller::toString);

    CliHarness.Run destroy = h.berth("destroy", "--yes");
    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertEquals(List.of(), h.berthResources("hello"));
    assertEquals(List.of(), h.cloudflareRecords(null));
  }
}
