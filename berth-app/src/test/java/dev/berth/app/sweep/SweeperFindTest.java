package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.sweep.ElbDiscovery;
import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.TaggedResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Finding two stacks' resources without their states; the cloud is built once and only read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweeperFindTest {
  private TwoStacks world;

  @BeforeAll
  void build() throws Exception {
    world = new TwoStacks();
  }

  @AfterAll
  void close() {
    world.close();
  }

  /** What a sweep should find of a stack: "type physicalId" → logical id. */
  static Map<String, String> expected(SweepStack s) {
    Map<String, String> out = new TreeMap<>();
    s.made.forEach(
        (id, o) -> {
          if (!s.types.get(id).equals(Types.CERTIFICATE_VALIDATION)) {
            // Routes carry no tags, so no logical id either.
            out.put(s.types.get(id) + " " + o.physicalId(), id.equals("route") ? null : id);
          }
        });
    return out;
  }

  static Map<String, String> found(List<TaggedResource> resources, String stack) {
    Map<String, String> out = new TreeMap<>();
    resources.stream()
        .filter(r -> r.stack().equals(stack))
        .forEach(r -> out.put(r.type() + " " + r.physicalId(), r.logicalId()));
    return out;
  }

  @Test
  void find_withoutState_listsEveryResourceOfBothStacksWithTheirHandlersPhysicalIds()
      throws Exception {
    List<TaggedResource> all = world.find(Optional.empty(), Set.of());

    assertEquals(expected(world.alpha), found(all, "alpha"));
    assertEquals(expected(world.beta), found(all, "beta"));
    assertEquals(expected(world.alpha).size() + expected(world.beta).size(), all.size());
  }

  @Test
  void find_sortsByStackThenType_andReportsAgeWhereTheApiTellsIt() throws Exception {
    List<TaggedResource> all = world.find(Optional.empty(), Set.of());

    List<String> keys = all.stream().map(r -> r.stack() + " " + r.type()).toList();
    assertEquals(keys.stream().sorted().toList(), keys);
    TaggedResource lb = only(all, "beta", Types.LOAD_BALANCER);
    assertTrue(lb.age(world.clock.instant()).orElseThrow().compareTo(Duration.ofHours(3)) >= 0);
    assertEquals("load balancer beta-lb", lb.description());
    assertEquals(Map.of("name", "beta-lb"), lb.props());
    assertEquals(world.beta.made.get("load-balancer").outputs(), lb.outputs());
    assertEquals("us-east-1", lb.region());
    for (String type :
        List.of(Types.ROLE, Types.POLICY, Types.SECRET, Types.CERTIFICATE, Types.LOAD_BALANCER)) {
      assertTrue(only(all, "alpha", type).age(world.clock.instant()).isPresent(), type);
    }
    assertEquals(TaggedResource.GLOBAL, only(all, "alpha", Types.ROLE).region());
    assertTrue(only(all, "alpha", Types.VPC).age(world.clock.instant()).isEmpty());
    TaggedResource route = only(all, "alpha", Types.ROUTE);
    assertNull(route.logicalId());
    assertEquals(world.alpha.id("route"), route.physicalId());
    TaggedResource taskGroup =
        all.stream()
            .filter(r -> r.physicalId().equals(world.alpha.id("task-security-group")))
            .findFirst()
            .orElseThrow();
    assertEquals(Set.of(world.alpha.id("lb-security-group")), taskGroup.uses());
  }

  @Test
  void find_withOneStacksStateKnown_listsOnlyTheOtherStack() throws Exception {
    List<TaggedResource> unknown = world.find(Optional.empty(), world.alpha.physicalIds());

    assertEquals(
        Set.of("beta"), unknown.stream().map(TaggedResource::stack).collect(Collectors.toSet()));
    assertEquals(expected(world.beta), found(unknown, "beta"));
  }

  @Test
  void find_withStackFilter_listsOnlyThatStack() throws Exception {
    List<TaggedResource> betaOnly = world.find(Optional.of("beta"), Set.of());

    assertEquals(expected(world.beta), found(betaOnly, "beta"));
    assertEquals(expected(world.beta).size(), betaOnly.size());
    assertEquals(List.of(), world.find(Optional.of("gamma"), Set.of()));
  }

  @Test
  void deletionOrder_putsWhatUsesAResourceBeforeIt() throws Exception {
    List<TaggedResource> order = Sweeper.deletionOrder(world.find(Optional.empty(), Set.of()));

    List<String> ids = order.stream().map(TaggedResource::physicalId).toList();
    String[][] before = {
      {"dns-record", "load-balancer"},
      {"certificate-dns", "certificate"},
      {"host-rule", "https-listener"},
      {"host-rule", "target-group"},
      {"https-listener", "target-group"},
      {"https-listener", "load-balancer"},
      {"https-listener", "certificate"},
      {"load-balancer", "lb-security-group"},
      {"load-balancer", "subnet-a"},
      {"task-security-group", "lb-security-group"},
      {"lb-security-group", "vpc"},
      {"subnet-b", "vpc"},
      {"route", "internet-gateway"},
      {"internet-gateway", "vpc"},
      {"execution-role", "secrets-policy"},
      {"secrets-policy", "registry-secret"},
    };
    for (SweepStack s : List.of(world.alpha, world.beta)) {
      for (String[] pair : before) {
        assertTrue(
            ids.indexOf(s.id(pair[0])) < ids.indexOf(s.id(pair[1])),
            s.name + ": " + pair[0] + " before " + pair[1]);
      }
    }
    assertEquals(
        Set.copyOf(ids),
        Set.copyOf(
            world.find(Optional.empty(), Set.of()).stream()
                .map(TaggedResource::physicalId)
                .toList()));
  }

  @Test
  void elbTags_whenAResourceOfTheBatchIsGone_readsTheOthersOneByOne() {
    String lb = world.alpha.id("load-balancer");
    String gone = lb.substring(0, lb.lastIndexOf('/') + 1) + "0000000000000000";

    var tags = ElbDiscovery.tags(world.aws.elb(), List.of(gone, lb));

    assertEquals(Set.of(lb), tags.keySet());
    assertEquals("load-balancer", tags.get(lb).get("berth:id"));
  }

  static TaggedResource only(List<TaggedResource> all, String stack, String type) {
    List<TaggedResource> m =
        all.stream().filter(r -> r.stack().equals(stack) && r.type().equals(type)).toList();
    assertEquals(1, m.size(), () -> stack + " " + type + ": " + m);
    return m.get(0);
  }
}
