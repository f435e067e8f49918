package dev.berth.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void compute_whenEmpty_isZero() {
    CriticalPath.Result r = new CriticalPath().compute();

    assertEquals(Duration.ZERO, r.length());
    assertEquals(List.of(), r.path());
  }

  @Test
  void compute_chain_addsUpDurations() {
    CriticalPath.Result r =
        new CriticalPath()
            .node("a", s(5))
            .node("b", s(10))
            .node("c", s(1))
            .edge("a", "b")
            .edge("b", "c")
            .compute();

    assertEquals(s(16), r.length());
    assertEquals(List.of("a", "b", "c"), r.path());
    assertEquals(s(15), r.finish().get("b"));
  }

  @Test
  void compute_diamond_takesTheLongerBranch() {
    CriticalPath.Result r =
        new CriticalPath()
            .node("start", s(1))
            .node("short", s(2))
            .node("long", s(30))
            .node("end", s(3))
            .edge("start", "short")
            .edge("start", "long")
            .edge("short", "end")
            .edge("long", "end")
            .compute();

    assertEquals(s(34), r.length());
    assertEquals(List.of("start", "long", "end"), r.path());
  }

  @Test
  void compute_independentNodes_runInParallel() {
    CriticalPath.Result r =
        new CriticalPath().node("lb", s(150)).node("cert", s(65)).node("roles", s(0)).compute();

    assertEquals(s(150), r.length());
    assertEquals(List.of("lb"), r.path());
  }

  @Test
  void compute_lagOnAnEdge_delaysItsTarget() {
    CriticalPath cp =
        new CriticalPath()
            .node("lb-delete", s(0))
            .node("subnet-delete", s(0))
            .node("service-delete", s(95))
            .node("vpc-delete", s(0))
            .edge("lb-delete", "subnet-delete", s(300))
            .edge("service-delete", "subnet-delete")
            .edge("subnet-delete", "vpc-delete");

    CriticalPath.Result r = cp.compute();

    assertEquals(s(300), r.length());
    assertEquals(List.of("lb-delete", "subnet-delete", "vpc-delete"), r.path());
    assertEquals(s(300), cp.lag("lb-delete", "subnet-delete"));
    assertEquals(Duration.ZERO, cp.lag("service-delete", "subnet-delete"));
  }

  @Test
  void edge_givenTwice_keepsTheLongerLag() {
    CriticalPath.Result r =
        new CriticalPath()
            .node("a", s(1))
            .node("b", s(1))
            .edge("a", "b", s(5))
            .edge("a", "b", s(2))
            .compute();

    assertEquals(s(7), r.length());
  }

  @Test
  void compute_whenCycle_refuses() {
    CriticalPath cp =
        new CriticalPath().node("a", s(1)).node("b", s(1)).edge("a", "b").edge("b", "a");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cp::compute);
    assertEquals("the edges form a cycle", e.getMessage());
  }

  @Test
  void edge_toUnknownNode_refuses() {
    CriticalPath cp = new CriticalPath().node("a", s(1));

    assertThrows(IllegalArgumentException.class, () -> cp.edge("a", "b"));
  }

  @Test
  void node_withNegativeDuration_refuses() {
    assertThrows(IllegalArgumentException.class, () -> new CriticalPath().node("a", s(-1)));
  }
}
