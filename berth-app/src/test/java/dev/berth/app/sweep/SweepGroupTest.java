package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.TaggedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grouping found resources by stack and lineage, and judging whether a group serves. */
class SweepGroupTest {
  static final String L1 = "3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c4d";
  static final String L2 = "9b8c7d6e-1111-4222-8333-444455556666";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  static TaggedResource res(String stack, String lineage, String type, Instant created) {
    return new TaggedResource(
        stack,
        type,
        lineage,
        lineage == null || created == null ? null : "alice@laptop " + created,
        type,
        stack + "/" + lineage + "/" + type + "/" + created,
        "us-east-1",
        created,
        Map.of(),
        Map.of(),
        Set.of(),
        type,
        null);
  }

  /** The three parts a live stack has, each up. */
  static List<TaggedResource> live(String stack, String lineage, Instant created) {
    List<TaggedResource> out = new ArrayList<>();
    out.add(res(stack, lineage, Types.VPC, null));
    out.add(res(stack, lineage, Types.LOAD_BALANCER, created).withServing(true, "active"));
    out.add(
        res(stack, lineage, Types.SERVICE, created.plusSeconds(600))
            .withServing(true, "2/2 tasks running"));
    out.add(
        res(stack, lineage, dev.berth.cloudflare.CloudflareRecordHandler.TYPE.name(), null)
            .withServing(true, "present"));
    return out;
  }

  @Test
  void of_groupsByStackAndLineage_withOlderBerthsResourcesUnderNone() {
    List<TaggedResource> found = new ArrayList<>(live("hello", L1, T0));
    found.add(res("hello", L2, Types.VPC, null));
    found.add(res("hello", null, Types.ROLE, T0.minusSeconds(86400)));
    found.add(res("other", L2, Types.ROLE, T0));

    List<SweepGroup> groups = SweepGroup.of(found);

    assertEquals(
        List.of("hello (none)", "hello " + L1, "hello " + L2, "other " + L2),
        groups.stream().map(g -> g.stack() + " " + g.lineageLabel()).toList());
    assertEquals(4, groups.get(1).resources().size());
  }

  @Test
  void of_whenACloudflareMarkerHoldsTheLineagesFirst8Characters_joinsThatLineagesGroup() {
    List<TaggedResource> found = new ArrayList<>();
    found.add(res("hello", L1, Types.VPC, null));
    found.add(
        res(
            "hello",
            L1.substring(0, 8),
            dev.berth.cloudflare.CloudflareRecordHandler.TYPE.name(),
            null));
    found.add(
        res(
            "other",
            L2.substring(0, 8),
            dev.berth.cloudflare.CloudflareRecordHandler.TYPE.name(),
            null));

    List<SweepGroup> groups = SweepGroup.of(found);

    assertEquals(2, groups.size());
    assertEquals(L1, groups.get(0).lineage());
    assertEquals(2, groups.get(0).resources().size());
    assertEquals(L2.substring(0, 8), groups.get(1).lineage(), "nothing longer to join");
  }

  @Test
  void oldestNewestAndOrigins_comeFromWhatReportsACreationTime() {
    SweepGroup g = SweepGroup.of(live("hello", L1, T0)).get(0);

    assertEquals(Optional.of(T0), g.oldest());
    assertEquals(Optional.of(T0.plusSeconds(600)), g.newest());
    assertEquals(List.of("alice@laptop " + T0, "alice@laptop " + T0.plusSeconds(600)), g.origins());
  }

  @Test
  void health_withAnActiveLoadBalancerRunningTasksAndARecord_isServing() {
    Health h = SweepGroup.of(live("hello", L1, T0)).get(0).health();

    assertEquals(Health.Verdict.SERVING, h.verdict());
    assertEquals("serving", h.describe());
    assertEquals(
        List.of("load balancer active", "ECS service 2/2 tasks running", "DNS record present"),
        h.details());
  }

  @Test
  void health_withoutServiceAndRecord_isIncompleteNamingWhatIsMissing() {
    List<TaggedResource> found =
        List.of(
            res("hello", L1, Types.LOAD_BALANCER, T0).withServing(true, "active"),
            // A certificate's validation record is no serving record.
            res("hello", L1, Types.ROUTE53_RECORD, null));

    Health h = SweepGroup.of(found).get(0).health();

    assertEquals(Health.Verdict.INCOMPLETE, h.verdict());
    assertEquals("incomplete (missing: ECS service, DNS record)", h.describe());
  }

  @Test
  void health_whenTheServiceRunsFewerTasksThanItWants_isNotServing() {
    List<TaggedResource> found = new ArrayList<>(live("hello", L1, T0));
    found.set(2, found.get(2).withServing(false, "0/2 tasks running"));

    Health h = SweepGroup.of(found).get(0).health();

    assertEquals(Health.Verdict.NOT_SERVING, h.verdict());
    assertTrue(h.describe().contains("ECS service 0/2 tasks running"), h.describe());
  }

  @Test
  void matchesLineage_takesTheWholeLineageAPrefixOf8OrMoreOrNone() {
    SweepGroup full = new SweepGroup("hello", L1, List.of());
    SweepGroup shortOnly = new SweepGroup("hello", L1.substring(0, 8), List.of());
    SweepGroup none = new SweepGroup("hello", null, List.of());

    assertTrue(full.matchesLineage(L1));
    assertTrue(full.matchesLineage(L1.substring(0, 8).toUpperCase()));
    assertFalse(full.matchesLineage(L1.substring(0, 7)), "too short to name a lineage");
    assertFalse(full.matchesLineage(L2));
    assertFalse(full.matchesLineage("none"));
    assertTrue(shortOnly.matchesLineage(L1), "a Cloudflare marker's 8 characters");
    assertTrue(none.matchesLineage("none"));
    assertTrue(none.matchesLineage("(none)"));
    assertFalse(none.matchesLineage(L1));
  }
}
