package dev.berth.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.resource.Ownership;
import dev.berth.core.time.BerthClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private final StandaloneContext ctx =
      new StandaloneContext("web", "cluster", BerthClock.system(), e -> null).lineage("L1");

  @Test
  void ours_whenStackIdAndLineageMatch_isTrue() {
    assertTrue(
        Ownership.ours(
            ctx, Map.of(Ownership.STACK, "web", Ownership.ID, "cluster", Ownership.LINEAGE, "L1")));
  }

  @Test
  void ours_whenAnotherLineageOrNone_isFalse() {
    assertFalse(
        Ownership.ours(
            ctx, Map.of(Ownership.STACK, "web", Ownership.ID, "cluster", Ownership.LINEAGE, "L2")));
    assertFalse(Ownership.ours(ctx, Map.of(Ownership.STACK, "web", Ownership.ID, "cluster")));
  }

  @Test
  void describe_namesStackLineageAndOrigin() {
    String origin = Ownership.origin("alice@laptop", Instant.parse("2026-12-02T17:00:00.5Z"));

    assertEquals("alice@laptop 2026-12-02T17:00:00Z", origin);
    assertEquals(
        "berth stack web (state lineage L2, created 2026-12-02T17:00:00Z by alice@laptop)",
        Ownership.describe(
            Map.of(Ownership.STACK, "web", Ownership.LINEAGE, "L2", Ownership.ORIGIN, origin)));
    assertEquals("something berth did not create", Ownership.describe(Map.of()));
  }

  @Test
  void origin_whenTheUserHasCharactersTagsRefuse_replacesThem() {
    assertEquals(
        "a-b@host-1 2026-01-01T00:00:00Z",
        Ownership.origin("a'b@host#1", Instant.parse("2026-01-01T00:00:00Z")));
  }
}
