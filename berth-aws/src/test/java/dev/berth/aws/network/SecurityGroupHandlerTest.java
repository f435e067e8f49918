package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.GoneIsDeleted;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.graph.Ref;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

class SecurityGroupHandlerTest extends NetworkTestBase {
  private String vpcId;

  @BeforeEach
  void network() throws Exception {
    vpcId = vpc("10.0.0.0/16");
  }

  private static Map<String, Object> fromAnywhere(int port) {
    return props("protocol", "tcp", "fromPort", port, "toPort", port, "cidr", "0.0.0.0/0");
  }

  private static Map<String, Object> fromGroup(int port, String groupId) {
    return props("protocol", "tcp", "fromPort", port, "toPort", port, "sourceGroupId", groupId);
  }

  private Map<String, Object> group(String name, List<Object> ingress) {
    return props(
        "vpcId", vpcId, "name", name, "description", name + " of hello", "ingress", ingress);
  }

  private SecurityGroup describe(String id) {
    return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
  }

  @Test
  void create_taskGroupAllowsOnlyTheLoadBalancerGroupOnTheContainerPort() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Observed lb =
        h.create(ctx("lb-sg"), group("hello-lb", List.of(fromAnywhere(80), fromAnywhere(443))));
    Observed task =
        h.create(ctx("task-sg"), group("hello-task", List.of(fromGroup(8080, lb.physicalId()))));

    assertEquals(task.physicalId(), task.outputs().get("groupId"));
    List<IpPermission> rules = describe(task.physicalId()).ipPermissions();
    assertEquals(1, rules.size());
    IpPermission only = rules.get(0);
    assertEquals("tcp", only.ipProtocol());
    assertEquals(8080, only.fromPort());
    assertEquals(8080, only.toPort());
    assertEquals(List.of(), only.ipRanges());
    assertEquals(1, only.userIdGroupPairs().size());
    assertEquals(lb.physicalId(), only.userIdGroupPairs().get(0).groupId());

    List<IpPermission> lbRules = describe(lb.physicalId()).ipPermissions();
    assertEquals(List.of(80, 443), lbRules.stream().map(IpPermission::fromPort).toList());
    assertTrue(lbRules.stream().allMatch(p -> p.ipRanges().get(0).cidrIp().equals("0.0.0.0/0")));
  }

  @Test
  void read_observesTheRulesAsTheSpecWritesThem() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Map<String, Object> spec = group("hello-lb", List.of(fromAnywhere(443), fromAnywhere(80)));
    Observed o = h.create(ctx("lb-sg"), spec);
    Observed read = h.read(ctx("lb-sg"), o.physicalId(), spec).orElseThrow();
    assertEquals(spec, read.properties());
  }

  @Test
  void update_authorizesMissingAndRevokesExtraRulesInPlace() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Map<String, Object> before = group("hello-lb", List.of(fromAnywhere(80), fromAnywhere(443)));
    Map<String, Object> after = group("hello-lb", List.of(fromAnywhere(443), fromAnywhere(8443)));
    Observed o = h.create(ctx("lb-sg"), before);

    Observed updated = h.update(ctx("lb-sg"), o.physicalId(), before, after, o.outputs());

    assertEquals(o.physicalId(), updated.physicalId());
    assertEquals(after, updated.properties());
    assertEquals(
        List.of(443, 8443),
        describe(o.physicalId()).ipPermissions().stream()
            .map(IpPermission::fromPort)
            .sorted()
            .toList());
  }

  @Test
  void create_whenARuleIsInvalid_failsAndLeavesNoGroupBehind() {
    Map<String, Object> bad =
        props("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/99");
    failsAs(
        ErrorKind.FATAL,
        () -> new SecurityGroupHandler(aws).create(ctx("lb-sg"), group("hello-lb", List.of(bad))));
    // Only the VPC's default group is left.
    assertEquals(1, ec2.describeSecurityGroups().securityGroups().size());
  }

  @Test
  void delete_whileAnotherGroupReferencesIt_failsAsDependency() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Observed lb = h.create(ctx("lb-sg"), group("hello-lb", List.of(fromAnywhere(443))));
    Observed task =
        h.create(ctx("task-sg"), group("hello-task", List.of(fromGroup(8080, lb.physicalId()))));
    failsAs(
        ErrorKind.DEPENDENCY,
        () -> h.delete(ctx("lb-sg"), lb.physicalId(), Map.of(), lb.outputs()));

    h.delete(ctx("task-sg"), task.physicalId(), Map.of(), task.outputs());
    h.delete(ctx("lb-sg"), lb.physicalId(), Map.of(), lb.outputs());
    GoneIsDeleted.delete(h, ctx("lb-sg"), lb.physicalId(), Map.of(), lb.outputs());
    assertTrue(h.read(ctx("lb-sg"), lb.physicalId(), Map.of()).isEmpty());
  }

  @Test
  void find_locatesTheGroupByItsTags() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Map<String, Object> spec = group("hello-lb", List.of(fromAnywhere(443)));
    Observed o = h.create(ctx("lb-sg"), spec);
    assertEquals(o.physicalId(), h.find(ctx("lb-sg"), spec).orElseThrow().physicalId());
    assertTrue(h.find(ctx("task-sg"), spec).isEmpty());
  }

  // ---- ownership: a group of that name in an existing VPC

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Map<String, Object> spec = group("hello-lb", List.of(fromAnywhere(443)));
    h.create(ctx("lb-sg").lineage("state-a"), spec);
    assertTrue(h.find(ctx("lb-sg").lineage("state-b"), spec).isEmpty());
    assertTrue(h.find(ctx("lb-sg").lineage("state-a"), spec).isPresent());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Observed a =
        h.create(ctx("lb-sg").lineage("state-a"), group("hello-lb", List.of(fromAnywhere(443))));
    var e =
        assertThrows(
            BerthException.class,
            () ->
                h.create(
                    ctx("lb-sg").lineage("state-b"), group("hello-lb", List.of(fromAnywhere(80)))));
    assertEquals(
        "security group hello-lb in "
            + vpcId
            + " already exists and belongs to berth stack hello (state lineage state-a);"
            + " berth did not change it",
        e.getMessage());
    assertEquals(
        List.of(443),
        describe(a.physicalId()).ipPermissions().stream().map(IpPermission::fromPort).toList());
  }

  @Test
  void holder_freeOursOtherLineageAndUntagged() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    Map<String, Object> spec = group("hello-lb", List.of(fromAnywhere(443)));
    assertTrue(h.holder(ctx("lb-sg"), spec).isEmpty());
    h.create(ctx("lb-sg").lineage("state-a"), spec);

    Holder ours = h.holder(ctx("lb-sg").lineage("state-a"), spec).orElseThrow();
    assertEquals("security group hello-lb in " + vpcId, ours.what());
    assertTrue(Ownership.ours(ctx("lb-sg").lineage("state-a"), ours.tags()));
    assertFalse(Ownership.ours(ctx("lb-sg").lineage("state-b"), ours.tags()));

    ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("plain").description("by hand"));
    assertEquals(Map.of(), h.holder(ctx("lb-sg"), group("plain", List.of())).orElseThrow().tags());
    Map<String, Object> unresolved = group("plain", List.of());
    unresolved.put("vpcId", Ref.to("vpc", "vpcId"));
    assertTrue(h.holder(ctx("lb-sg"), unresolved).isEmpty(), "a VPC this stack makes is empty");
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    SecurityGroupHandler h = new SecurityGroupHandler(aws);
    String id =
        ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("hello-lb").description("old"))
            .groupId();
    Map<String, Object> spec = group("hello-lb", List.of());
    clock.advance(java.time.Duration.ofSeconds(2)); // EC2's consistency window
    assertEquals(Map.of(), h.read(ctx("lb-sg"), id, spec).orElseThrow().tags());
    h.tag(ctx("lb-sg").lineage("state-a"), id, spec, Map.of());
    assertTrue(
        Ownership.ours(
            ctx("lb-sg").lineage("state-a"), h.read(ctx("lb-sg"), id, spec).orElseThrow().tags()));
  }
}
