package dev.berth.app.sweep;

import static dev.berth.app.sweep.SweepGroupTest.L1;
import static dev.berth.app.sweep.SweepGroupTest.L2;
import static dev.berth.app.sweep.SweepGroupTest.T0;
import static dev.berth.app.sweep.SweepGroupTest.live;
import static dev.berth.app.sweep.SweepGroupTest.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sweep deletes only a group it is named. */
class SweepSelectionTest {
  /** prod: serving, lineage L1; hello: two lineages (L1-less old resources and L2); lost: L2. */
  private final List<SweepGroup> groups = groups();

  private static List<SweepGroup> groups() {
    List<TaggedResource> found = new ArrayList<>(live("prod", L1, T0));
    found.add(res("hello", L2, Types.VPC, null));
    found.add(res("hello", null, Types.ROLE, T0));
    found.add(res("lost", "0000aaaa-0000-4000-8000-000000000000", Types.VPC, null));
    return SweepGroup.of(found);
  }

  private SweepSelection.Choice choose(String stack, String lineage) {
    return SweepSelection.forDelete(
        groups, Optional.ofNullable(stack), Optional.ofNullable(lineage));
  }

  @Test
  void forDelete_withNeitherStackNorLineage_refusesListingEveryGroup() {
    SweepSelection.Refused r = assertInstanceOf(SweepSelection.Refused.class, choose(null, null));

    assertEquals(SweepSelection.Reason.NOTHING_NAMED, r.reason());
    assertEquals(groups, r.candidates());
  }

  @Test
  void forDelete_withAStackOfOneLineage_deletesThatGroupEvenIfItServes() {
    SweepSelection.Delete d = assertInstanceOf(SweepSelection.Delete.class, choose("prod", null));

    assertEquals("prod", d.group().stack());
    assertEquals(Health.Verdict.SERVING, d.group().health().verdict());
  }

  @Test
  void forDelete_withAStackOfTwoLineages_refusesUnlessALineageNarrowsIt() {
    SweepSelection.Refused r =
        assertInstanceOf(SweepSelection.Refused.class, choose("hello", null));
    assertEquals(SweepSelection.Reason.SEVERAL_LINEAGES, r.reason());
    assertEquals(2, r.candidates().size());

    SweepSelection.Delete old =
        assertInstanceOf(SweepSelection.Delete.class, choose("hello", "none"));
    assertEquals(null, old.group().lineage());
    SweepSelection.Delete newer =
        assertInstanceOf(SweepSelection.Delete.class, choose("hello", L2.substring(0, 8)));
    assertEquals(L2, newer.group().lineage());
  }

  @Test
  void forDelete_withALineageAlone_deletesItsGroupUnlessItServes() {
    SweepSelection.Delete d =
        assertInstanceOf(SweepSelection.Delete.class, choose(null, "0000aaaa"));
    assertEquals("lost", d.group().stack());

    SweepSelection.Refused r = assertInstanceOf(SweepSelection.Refused.class, choose(null, L1));
    assertEquals(SweepSelection.Reason.SERVING_NEEDS_STACK, r.reason());
  }

  @Test
  void forDelete_withALineageOfTwoStacks_refusesAsAmbiguous() {
    List<SweepGroup> twice =
        SweepGroup.of(List.of(res("a", L2, Types.VPC, null), res("b", L2, Types.VPC, null)));

    SweepSelection.Refused r =
        assertInstanceOf(
            SweepSelection.Refused.class,
            SweepSelection.forDelete(twice, Optional.empty(), Optional.of(L2)));

    assertEquals(SweepSelection.Reason.AMBIGUOUS_LINEAGE, r.reason());
  }

  @Test
  void forDelete_whenNothingMatches_isNothing() {
    assertInstanceOf(SweepSelection.Nothing.class, choose("gamma", null));
    assertInstanceOf(SweepSelection.Nothing.class, choose("prod", L2));
  }
}
