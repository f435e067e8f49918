package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stack whose state file was lost: sweep finds what berth made and removes it all. */
class SweepIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void sweep_afterTheStateFileIsLost_listsAndDeletesEverythingTheStackMade() throws IOException {
    CliHarness.Run deploy = h.berth("deploy");
    assertEquals(0, deploy.exitCode(), deploy::toString);
    int live = h.berthResources("hello").size();

    CliHarness.Run known = h.berth("sweep");
    assertEquals(0, known.exitCode(), known::toString);
    assertTrue(known.out().contains("Nothing to sweep"), known::toString);

    Files.delete(h.stateFile("hello"));
    int mark = h.mark();
    CliHarness.Run list = h.berth("sweep", "--stack", "hello");
    assertEquals(0, list.exitCode(), list::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark), "listing changes nothing");
    assertTrue(list.out().contains("cloudflare.dns-record"), list::toString);
    assertTrue(list.out().contains("aws.elbv2.load-balancer"), list::toString);

    CliHarness.Run refused = h.berth("sweep", "--delete");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertEquals(live, h.berthResources("hello").size(), "nothing deleted without --yes");

    CliHarness.Run delete = h.berth("sweep", "--delete", "--yes");
    assertEquals(0, delete.exitCode(), delete::toString);
    assertEquals(List.of(), h.berthResources("hello"));
    assertEquals(List.of(), h.cloudflareRecords(null));
  }
}
