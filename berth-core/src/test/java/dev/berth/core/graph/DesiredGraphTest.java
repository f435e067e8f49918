package dev.berth.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredGraphTest {

  private static Resource res(String id, Map<String, Object> props, String... dependsOn) {
    return new Resource(id, "t", props, Set.of(dependsOn));
  }

  @Test
  void dependencies_includeExplicitAndNestedRefs() {
    DesiredGraph g =
        DesiredGraph.of(
            res("vpc", Map.of()),
            res("sg", Map.of()),
            res("role", Map.of()),
            res(
                "lb",
                Map.of(
                    "subnets", List.of(Map.of("id", Ref.to("vpc", "vpcId"))),
                    "groups", List.of(Ref.to("sg", "groupId"))),
                "role"));

    assertEquals(Set.of("vpc", "sg", "role"), g.dependenciesOf("lb"));
    assertEquals(Set.of("lb"), g.dependentsOf("vpc"));
    assertEquals(Set.of(), g.dependenciesOf("vpc"));
  }

  @Test
  void order_putsDependenciesFirst_andKeepsGivenOrderAmongFreeNodes() {
    DesiredGraph g =
        DesiredGraph.of(
            res("service", Map.of("tg", Ref.to("tg", "arn"))),
            res("tg", Map.of("vpc", Ref.to("vpc", "vpcId"))),
            res("cluster", Map.of()),
            res("vpc", Map.of()));

    assertEquals(List.of("cluster", "vpc", "tg", "service"), g.order());
    assertEquals(List.of("service", "tg", "vpc", "cluster"), g.reverseOrder());
  }

  @Test
  void of_whenRefTargetUnknown_reportsIt() {
    InvalidGraphException e =
        assertThrows(
            InvalidGraphException.class,
            () -> DesiredGraph.of(res("lb", Map.of("x", Ref.to("nope", "arn")))));
    assertEquals(List.of("lb refers to unknown resource 'nope'"), e.problems());
  }

  @Test
  void of_whenExplicitDependencyUnknown_reportsIt() {
    InvalidGraphException e =
        assertThrows(
            InvalidGraphException.class, () -> DesiredGraph.of(res("lb", Map.of(), "ghost")));
    assertTrue(e.getMessage().contains("unknown resource 'ghost'"), e.getMessage());
  }

  @Test
  void of_whenCycle_reportsThePath() {
    InvalidGraphException e =
        assertThrows(
            InvalidGraphException.class,
            () ->
                DesiredGraph.of(
                    res("a", Map.of("x", Ref.to("b", "o"))),
                    res("b", Map.of(), "c"),
                    res("c", Map.of("y", List.of(Ref.to("a", "o")))),
                    res("d", Map.of(), "a")));
    assertEquals(List.of("dependency cycle: a -> b -> c -> a"), e.problems());
  }

  @Test
  void of_whenSelfReference_reportsCycle() {
    InvalidGraphException e =
        assertThrows(
            InvalidGraphException.class,
            () -> DesiredGraph.of(res("a", Map.of("x", Ref.to("a", "o")))));
    assertEquals(List.of("dependency cycle: a -> a"), e.problems());
  }

  @Test
  void of_whenDuplicateOrReservedIds_reportsEach() {
    InvalidGraphException e =
        assertThrows(
            InvalidGraphException.class,
            () -> DesiredGraph.of(res("a", Map.of()), res("a", Map.of()), res("b~old", Map.of())));
    assertEquals(
        List.of("duplicate resource id 'a'", "resource id 'b~old' is empty or contains '~'"),
        e.problems());
  }
}
