package dev.berth.core.graph;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph checked against small fake descriptors: keys, required keys, types and Ref outputs. */
class DescriptorCheckTest {
  static final PropertyKey<String> CIDR = PropertyKey.string("cidr").forcesReplacement();
  static final OutputKey VPC_ID = OutputKey.of("vpcId");
  static final ResourceDescriptor NET =
      ResourceDescriptor.of("fake.net").properties(CIDR).outputs(VPC_ID).build();

  static final PropertyKey<String> NET_ID = PropertyKey.string("netId");
  static final PropertyKey<Integer> PORT = PropertyKey.integer("port").withDefault(80);
  static final PropertyKey<List<Object>> TAGS = PropertyKey.list("tags").optional();
  static final ResourceDescriptor APP =
      ResourceDescriptor.of("fake.app")
          .properties(NET_ID, PORT, TAGS)
          .outputs(OutputKey.of("arn"))
          .build();

  static final Map<String, ResourceDescriptor> DESCRIPTORS =
      Map.of(NET.name(), NET, APP.name(), APP);

  private static Resource net() {
    return new Resource("net", NET.name(), new PropertyValues().put(CIDR, "10.0.0.0/16").build());
  }

  private static String problems(Resource... rs) {
    return String.join(
        "\n",
        assertThrows(InvalidGraphException.class, () -> DesiredGraph.of(List.of(rs), DESCRIPTORS))
            .problems());
  }

  @Test
  void of_whenEveryKeyAndRefIsDeclared_builds() {
    Resource app =
        new Resource(
            "app",
            APP.name(),
            new PropertyValues()
                .ref(NET_ID, Ref.to("net", VPC_ID))
                .list(TAGS, List.of(Ref.to("net", VPC_ID), "x"))
                .build());

    assertDoesNotThrow(() -> DesiredGraph.of(List.of(net(), app), DESCRIPTORS));
  }

  @Test
  void of_whenARefNamesAnUndeclaredOutput_namesResourceKeyAndTargetType() {
    Resource app =
        new Resource(
            "app", APP.name(), new PropertyValues().ref(NET_ID, Ref.to("net", "netId")).build());

    assertEquals(
        "app refers to output 'netId' of net, which type fake.net does not declare (it declares"
            + " vpcId)",
        problems(net(), app));
  }

  @Test
  void of_whenARefInAListNamesAnUndeclaredOutput_findsIt() {
    Resource app =
        new Resource(
            "app",
            APP.name(),
            new PropertyValues()
                .ref(NET_ID, Ref.to("net", VPC_ID))
                .list(TAGS, List.of(Ref.to("net", "arn")))
                .build());

    assertEquals(
        "app refers to output 'arn' of net, which type fake.net does not declare (it declares"
            + " vpcId)",
        problems(net(), app));
  }

  @Test
  void of_whenAPropertyIsUndeclared_namesResourceKeyAndType() {
    Resource app =
        new Resource("app", APP.name(), Map.of("netId", Ref.to("net", VPC_ID), "prot", 80));

    assertEquals(
        "app sets property 'prot' that type fake.app does not declare (it declares netId, port,"
            + " tags)",
        problems(net(), app));
  }

  @Test
  void of_whenARequiredPropertyIsLeftOut_namesIt() {
    Resource app = new Resource("app", APP.name(), Map.of("port", 8080));

    assertEquals(
        "app leaves out property 'netId' that type fake.app requires", problems(net(), app));
  }

  @Test
  void of_whenAValueHasTheWrongType_namesKeyAndTypes() {
    Resource app =
        new Resource("app", APP.name(), Map.of("netId", Ref.to("net", VPC_ID), "port", "80"));

    assertEquals(
        "app sets property 'port' of type fake.app to a String, not a int", problems(net(), app));
  }

  @Test
  void of_whenATypeHasNoDescriptor_saysNoProviderServesIt() {
    assertEquals(
        "x is of type fake.other that no provider serves",
        problems(net(), new Resource("x", "fake.other", Map.of())));
  }

  @Test
  void of_whenTheTargetTypeIsUndeclared_leavesItsRefsUnchecked() {
    Map<String, ResourceDescriptor> d =
        Map.of(
            APP.name(),
            APP,
            "fake.open",
            ResourceDescriptor.undeclared(ResourceType.of("fake.open")));
    Resource open = new Resource("open", "fake.open", Map.of("anything", 1));
    Resource app = new Resource("app", APP.name(), Map.of("netId", Ref.to("open", "whatever")));

    assertDoesNotThrow(() -> DesiredGraph.of(List.of(open, app), d));
  }

  @Test
  void get_readsTypedValuesAsTheStateHoldsThem() {
    assertEquals(8080, PORT.get(Map.of("port", "8080")));
    assertEquals(8080, PORT.get(Map.of("port", 8080L)));
    assertEquals(80, PORT.get(Map.of()));
    assertEquals(List.of(), TAGS.get(Map.of()));
    assertEquals("10.0.0.0/16", CIDR.get(Map.of("cidr", "10.0.0.0/16")));
  }

  @Test
  void descriptor_collectsReplaceOnAndIgnoreDrift() {
    ResourceDescriptor d =
        ResourceDescriptor.of("fake.svc")
            .properties(
                PropertyKey.string("name").forcesReplacement(),
                PropertyKey.integer("desiredCount").ignoreDrift())
            .retain()
            .build();

    assertEquals(java.util.Set.of("name"), d.type().replaceOn());
    assertEquals(java.util.Set.of("desiredCount"), d.type().ignoreDrift());
    assertEquals(true, d.type().retain());
  }
}
