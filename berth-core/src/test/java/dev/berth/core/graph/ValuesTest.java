package dev.berth.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  @Test
  void equal_comparesNumbersByValueAtAnyDepth() {
    assertTrue(Values.equal(Map.of("p", List.of(443)), Map.of("p", List.of(443L))));
    assertTrue(Values.equal(1.0, 1));
    assertFalse(Values.equal(Map.of("p", 1), Map.of("p", 2)));
    assertFalse(Values.equal(Map.of("p", 1), Map.of("q", 1)));
    assertFalse(Values.equal(List.of(1), List.of(1, 2)));
    assertFalse(Values.equal("1", 1));
  }

  @Test
  void replaceRefs_resolvesNestedRefs() {
    Object out =
        Values.replaceRefs(
            Map.of("a", List.of(Ref.to("vpc", "vpcId"), "x")), r -> r.resource() + "-1");
    assertEquals(Map.of("a", List.of("vpc-1", "x")), out);
    assertEquals(
        List.of(Ref.to("vpc", "vpcId")), Values.refs(Map.of("a", List.of(Ref.to("vpc", "vpcId")))));
  }
}
