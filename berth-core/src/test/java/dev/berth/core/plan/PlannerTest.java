package dev.berth.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.resource.Observed;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, ResourceType> TYPES =
      Map.of(
          "vpc", ResourceType.of("vpc", "cidr"),
          "subnet", ResourceType.of("subnet", "vpcId", "cidr"),
          "tg", ResourceType.of("tg", "vpcId"),
          "secret", ResourceType.of("secret"));

  private static final Resource VPC = new Resource("vpc", "vpc", Map.of("cidr", "10.0.0.0/16"));
  private static final Resource SUBNET =
      new Resource(
          "subnet", "subnet", Map.of("vpcId", Ref.to("vpc", "vpcId"), "cidr", "10.0.1.0/24"));
  private static final Resource TG =
      new Resource("tg", "tg", Map.of("vpcId", Ref.to("vpc", "vpcId"), "port", 8080));

  private static ResourceState recorded(
      String id, String type, Status status, Map<String, Object> props, Map<String, String> out) {
    return new ResourceState(id, type, status, "p-" + id, props, out, Set.of(), T0, null);
  }

  private static State deployed(ResourceState... rs) {
    State s = State.initial("hello", T0);
    for (ResourceState r : rs) {
      s = s.with(r);
    }
    return s;
  }

  private static ResourceState vpcCreated() {
    return recorded(
        "vpc", "vpc", Status.CREATED, Map.of("cidr", "10.0.0.0/16"), Map.of("vpcId", "vpc-1"));
  }

  private static ResourceState subnetCreated() {
    return recorded(
        "subnet",
        "subnet",
        Status.CREATED,
        Map.of("vpcId", "vpc-1", "cidr", "10.0.1.0/24"),
        Map.of());
  }

  private static ResourceState tgCreated() {
    return recorded("tg", "tg", Status.CREATED, Map.of("vpcId", "vpc-1", "port", 8080L), Map.of());
  }

  private static Plan plan(DesiredGraph g, State s) {
    return Planner.plan(g, s, TYPES, Map.of());
  }

  @Test
  void plan_whenNothingRecorded_createsEverythingWithRefsKnownAfterApply() {
    Plan p = plan(DesiredGraph.of(TG, SUBNET, VPC), State.initial("hello", T0));

    assertEquals(List.of("vpc", "tg", "subnet"), p.changes().stream().map(Change::id).toList());
    assertEquals(3, p.count(Action.CREATE));
    assertEquals("3 to create, 0 to update, 0 to replace, 0 to delete", p.summary());
    List<PropertyChange> subnet = p.change("subnet").orElseThrow().changes();
    assertEquals(List.of("cidr", "vpcId"), subnet.stream().map(PropertyChange::key).toList());
    PropertyChange vpcId = subnet.get(1);
    assertEquals(new PropertyChange("vpcId", null, null, true, false, false), vpcId);
  }

  @Test
  void plan_whenRecordedMatchesDesired_keepsEverything() {
    Plan p =
        plan(
            DesiredGraph.of(VPC, SUBNET, TG), deployed(vpcCreated(), subnetCreated(), tgCreated()));

    assertFalse(p.hasChanges(), p.toString());
    assertEquals("0 to create, 0 to update, 0 to replace, 0 to delete", p.summary());
  }

  @Test
  void plan_whenPropertyOutsideReplaceOnChanges_updates() {
    Resource tg = new Resource("tg", "tg", Map.of("vpcId", Ref.to("vpc", "vpcId"), "port", 9090));
    Plan p = plan(DesiredGraph.of(VPC, tg), deployed(vpcCreated(), tgCreated()));

    Change c = p.change("tg").orElseThrow();
    assertEquals(Action.UPDATE, c.action());
    assertEquals("changed: port", c.reason());
    assertEquals(
        List.of(new PropertyChange("port", 8080L, 9090, false, false, false)), c.changes());
    assertEquals(Action.KEEP, p.change("vpc").orElseThrow().action());
  }

  @Test
  void plan_whenReplaceOnPropertyChanges_replacesAndDependentsSeeKnownAfterApply() {
    Resource vpc = new Resource("vpc", "vpc", Map.of("cidr", "10.1.0.0/16"));
    Plan p =
        plan(
            DesiredGraph.of(vpc, SUBNET, TG), deployed(vpcCreated(), subnetCreated(), tgCreated()));

    Change v = p.change("vpc").orElseThrow();
    assertEquals(Action.REPLACE, v.action());
    assertEquals("changed: cidr (forces replacement)", v.reason());
    Change subnet = p.change("subnet").orElseThrow();
    assertEquals(Action.REPLACE, subnet.action(), "vpcId is in the subnet's replaceOn");
    assertEquals("changed: vpcId (known after apply) (forces replacement)", subnet.reason());
    assertEquals(Action.REPLACE, p.change("tg").orElseThrow().action());
  }

  @Test
  void plan_whenRefTargetIsOnlyUpdated_resolvesFromRecordedOutputs() {
    Resource t = new Resource("t", "secret", Map.of("tgVpc", Ref.to("vpc", "vpcId")));
    ResourceState tRec =
        recorded("t", "secret", Status.CREATED, Map.of("tgVpc", "vpc-1"), Map.of());
    Plan p = plan(DesiredGraph.of(VPC, t), deployed(vpcCreated(), tRec));

    assertEquals(Action.KEEP, p.change("t").orElseThrow().action());
  }

  @Test
  void plan_whenKnownAfterApplyPropertyIsNotInReplaceOn_updates() {
    ResourceType loose = ResourceType.of("loose");
    Resource vpc = new Resource("vpc", "vpc", Map.of("cidr", "10.1.0.0/16"));
    Resource l = new Resource("l", "loose", Map.of("v", List.of(Ref.to("vpc", "vpcId"))));
    ResourceState lRec =
        recorded("l", "loose", Status.CREATED, Map.of("v", List.of("vpc-1")), Map.of());
    Map<String, ResourceType> types = new HashMap<>(TYPES);
    types.put("loose", loose);

    Plan p = Planner.plan(DesiredGraph.of(vpc, l), deployed(vpcCreated(), lRec), types, Map.of());

    assertEquals(Action.UPDATE, p.change("l").orElseThrow().action());
    assertEquals("changed: v (known after apply)", p.change("l").orElseThrow().reason());
  }

  @Test
  void plan_whenRecordedButNoLongerDesired_deletesDependentsFirst() {
    ResourceState subnet =
        new ResourceState(
            "subnet", "subnet", Status.CREATED, "s", Map.of(), Map.of(), Set.of("vpc"), T0, null);
    ResourceState old =
        new ResourceState(
            "lb~old", "lb", Status.CREATED, "l", Map.of(), Map.of(), Set.of(), T0, null);
    Plan p =
        plan(
            DesiredGraph.of(new Resource("tg", "tg", Map.of("port", 1))),
            deployed(vpcCreated(), subnet, old));

    assertEquals(
        List.of("tg", "subnet", "vpc", "lb~old"), p.changes().stream().map(Change::id).toList());
    assertEquals("1 to create, 0 to update, 0 to replace, 3 to delete", p.summary());
    assertEquals("old copy of a replaced resource", p.change("lb~old").orElseThrow().reason());
    assertEquals("no longer wanted", p.change("vpc").orElseThrow().reason());
  }

  @Test
  void plan_whenCreateWasInterrupted_createsWithFindOrCreateReason() {
    ResourceState creating =
        recorded("vpc", "vpc", Status.CREATING, Map.of("cidr", "10.0.0.0/16"), Map.of());
    Change c = plan(DesiredGraph.of(VPC), deployed(creating)).change("vpc").orElseThrow();

    assertEquals(Action.CREATE, c.action());
    assertTrue(c.reason().contains("find"), c.reason());
  }

  @Test
  void plan_whenUpdateWasInterrupted_updatesAgain() {
    ResourceState updating =
        recorded("vpc", "vpc", Status.UPDATING, Map.of("cidr", "10.0.0.0/16"), Map.of());
    assertEquals(
        Action.UPDATE,
        plan(DesiredGraph.of(VPC), deployed(updating)).change("vpc").orElseThrow().action());
  }

  @Test
  void plan_whenDeleteWasInterruptedButStillDesired_replaces() {
    ResourceState deleting =
        recorded("vpc", "vpc", Status.DELETE_FAILED, Map.of("cidr", "10.0.0.0/16"), Map.of());
    assertEquals(
        Action.REPLACE,
        plan(DesiredGraph.of(VPC), deployed(deleting)).change("vpc").orElseThrow().action());
  }

  @Test
  void plan_whenObservedDiffersFromRecorded_reportsDrift() {
    Observed live = new Observed("p-tg", Map.of(), Map.of("port", 80, "vpcId", "vpc-1"), "active");
    Plan p =
        Planner.plan(
            DesiredGraph.of(VPC, TG),
            deployed(vpcCreated(), tgCreated()),
            TYPES,
            Map.of("vpc", Observed.of("p-vpc", Map.of()), "tg", live));

    Change c = p.change("tg").orElseThrow();
    assertEquals(Action.UPDATE, c.action());
    assertEquals("drift", c.reason());
    assertEquals(List.of(new PropertyChange("port", 80, 8080, false, false, true)), c.changes());
    assertEquals(Action.KEEP, p.change("vpc").orElseThrow().action());
  }

  @Test
  void plan_whenDriftIsOfAnIgnoredProperty_keepsTheResource() {
    // Something else owns the live port (as autoscaling owns a service's desired count).
    PropertyKey<Integer> port = PropertyKey.integer("port").ignoreDrift();
    ResourceDescriptor tg =
        ResourceDescriptor.of("tg")
            .properties(PropertyKey.string("vpcId").forcesReplacement(), port)
            .build();
    Map<String, ResourceType> types = new HashMap<>(TYPES);
    types.put("tg", tg.type());
    Observed live = new Observed("p-tg", Map.of(), Map.of("port", 80, "vpcId", "vpc-1"), "active");

    Plan p =
        Planner.plan(
            DesiredGraph.of(VPC, TG),
            deployed(vpcCreated(), tgCreated()),
            types,
            Map.of("vpc", Observed.of("p-vpc", Map.of()), "tg", live));

    assertEquals(Set.of("port"), tg.type().ignoreDrift());
    assertEquals(Action.KEEP, p.change("tg").orElseThrow().action());
  }

  @Test
  void plan_whenAnIgnoredDriftPropertyChangesInTheSpec_stillUpdates() {
    PropertyKey<Integer> port = PropertyKey.integer("port").ignoreDrift();
    ResourceDescriptor tg =
        ResourceDescriptor.of("tg")
            .properties(PropertyKey.string("vpcId").forcesReplacement(), port)
            .build();
    Map<String, ResourceType> types = new HashMap<>(TYPES);
    types.put("tg", tg.type());
    Resource wider =
        new Resource("tg", "tg", Map.of("vpcId", Ref.to("vpc", "vpcId"), "port", 9090));
    Observed live = new Observed("p-tg", Map.of(), Map.of("port", 80, "vpcId", "vpc-1"), "active");

    Change c =
        Planner.plan(
                DesiredGraph.of(VPC, wider),
                deployed(vpcCreated(), tgCreated()),
                types,
                Map.of("vpc", Observed.of("p-vpc", Map.of()), "tg", live))
            .change("tg")
            .orElseThrow();

    assertEquals(Action.UPDATE, c.action());
    assertEquals(
        List.of(new PropertyChange("port", 8080L, 9090, false, false, false)), c.changes());
  }

  @Test
  void plan_whenReadFoundNothing_recreatesAsDeletedOutsideBerth() {
    Plan p =
        Planner.plan(
            DesiredGraph.of(VPC, TG),
            deployed(vpcCreated(), tgCreated()),
            TYPES,
            Map.of("vpc", Observed.of("p-vpc", Map.of())));

    Change c = p.change("tg").orElseThrow();
    assertEquals(Action.CREATE, c.action());
    assertEquals("deleted outside berth", c.reason());
  }

  @Test
  void plan_whenSecretFingerprintChanges_updates() {
    Resource s = new Resource("s", "secret", Map.of("password", new SecretRef("pw", "fp-2")));
    ResourceState rec =
        recorded(
            "s",
            "secret",
            Status.CREATED,
            Map.of("password", new SecretRef("pw", "fp-1")),
            Map.of());
    Change c = plan(DesiredGraph.of(s), deployed(rec)).change("s").orElseThrow();

    assertEquals(Action.UPDATE, c.action());
    assertEquals("(secret pw)", String.valueOf(c.changes().get(0).after()));
  }
}
