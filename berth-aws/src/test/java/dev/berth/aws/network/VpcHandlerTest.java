package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.GoneIsDeleted;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class VpcHandlerTest extends NetworkTestBase {

  @Test
  void create_returnsVpcIdAndMainRouteTable_andTagsTheVpc() throws Exception {
    Observed o = new VpcHandler(aws).create(ctx("vpc"), props("cidr", "10.0.0.0/16"));

    assertTrue(o.physicalId().startsWith("vpc-"));
    assertEquals(o.physicalId(), o.outputs().get("vpcId"));
    String rtb = o.outputs().get("mainRouteTableId");
    assertEquals(
        o.physicalId(),
        ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).vpcId());
    assertEquals(Map.of("cidr", "10.0.0.0/16"), o.properties());
    assertEquals("available", o.status());
    Map<String, String> tags =
        ec2.describeVpcs(r -> r.vpcIds(o.physicalId())).vpcs().get(0).tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value));
    assertEquals(
        Map.of("berth:stack", "hello", "berth:id", "vpc", "berth:lineage", "standalone-lineage"),
        tags);
  }

  @Test
  void read_observesCidrAndOutputs_andIsEmptyOnceDeleted() throws Exception {
    VpcHandler h = new VpcHandler(aws);
    Observed created = h.create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    Observed read = h.read(ctx("vpc"), created.physicalId(), Map.of()).orElseThrow();
    assertEquals(created.outputs(), read.outputs());
    assertEquals("10.0.0.0/16", read.properties().get("cidr"));

    h.delete(ctx("vpc"), created.physicalId(), Map.of(), created.outputs());
    assertTrue(h.read(ctx("vpc"), created.physicalId(), Map.of()).isEmpty());
    // Deleting what is gone is done.
    GoneIsDeleted.delete(h, ctx("vpc"), created.physicalId(), Map.of(), created.outputs());
    assertEquals(0, cloud.world().all().count());
  }

  @Test
  void update_changesNothing_andReturnsTheOutputs() throws Exception {
    VpcHandler h = new VpcHandler(aws);
    Observed created = h.create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    // Replace-only: the engine never updates it in place, it takes the VPC as it reads.
    assertFalse(h.updatesInPlace());
    Observed updated =
        h.read(ctx("vpc"), created.physicalId(), props("cidr", "10.0.0.0/16")).orElseThrow();
    assertEquals(created.outputs(), updated.outputs());
  }

  @Test
  void find_locatesTheVpcByItsTags() throws Exception {
    VpcHandler h = new VpcHandler(aws);
    Observed created = h.create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    h.create(ctx("other"), props("cidr", "10.0.0.0/16"));

    Observed found = h.find(ctx("vpc"), props("cidr", "10.0.0.0/16")).orElseThrow();
    assertEquals(created.physicalId(), found.physicalId());
    assertEquals(created.outputs(), found.outputs());
    assertTrue(h.find(ctx("vpc"), props("cidr", "10.9.0.0/16")).isEmpty());
    assertTrue(h.find(ctx("nothing"), props("cidr", "10.0.0.0/16")).isEmpty());
  }

  @Test
  void delete_whileSubnetsRemain_failsAsDependency() throws Exception {
    VpcHandler h = new VpcHandler(aws);
    Observed created = h.create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    subnet(created.physicalId(), "subnet-a", "10.0.1.0/24", "us-east-1a");
    failsAs(
        ErrorKind.DEPENDENCY,
        () -> h.delete(ctx("vpc"), created.physicalId(), Map.of(), created.outputs()));
  }

  @Test
  void create_whenCidrInvalid_failsAsFatal() {
    failsAs(
        ErrorKind.FATAL, () -> new VpcHandler(aws).create(ctx("vpc"), props("cidr", "10.0.0.0/8")));
    assertEquals(0, cloud.world().all().count());
  }

  // ---- ownership: the EC2 filters include the lineage; tags are read and added

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    VpcHandler vpcs = new VpcHandler(aws);
    SubnetHandler subnets = new SubnetHandler(aws);
    InternetGatewayHandler gateways = new InternetGatewayHandler(aws);
    Map<String, Object> vpcProps = props("cidr", "10.0.0.0/16");
    String vpcId = vpcs.create(ctx("vpc").lineage("state-a"), vpcProps).physicalId();
    Map<String, Object> subnetProps =
        props("vpcId", vpcId, "cidr", "10.0.1.0/24", "availabilityZone", "us-east-1a");
    subnets.create(ctx("subnet-a").lineage("state-a"), subnetProps);
    gateways.create(ctx("igw").lineage("state-a"), props("vpcId", vpcId));

    assertTrue(vpcs.find(ctx("vpc").lineage("state-b"), vpcProps).isEmpty());
    assertTrue(subnets.find(ctx("subnet-a").lineage("state-b"), subnetProps).isEmpty());
    assertTrue(gateways.find(ctx("igw").lineage("state-b"), props("vpcId", vpcId)).isEmpty());
    assertEquals(
        vpcId, vpcs.find(ctx("vpc").lineage("state-a"), vpcProps).orElseThrow().physicalId());
    assertTrue(subnets.find(ctx("subnet-a").lineage("state-a"), subnetProps).isPresent());
    assertTrue(gateways.find(ctx("igw").lineage("state-a"), props("vpcId", vpcId)).isPresent());
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    // What a berth before lineages made: stack and id tags only.
    List<Tag> old =
        List.of(
            Tag.builder().key(Ownership.STACK).value("hello").build(),
            Tag.builder().key(Ownership.ID).value("vpc").build());
    String vpcId =
        ec2.createVpc(
                r ->
                    r.cidrBlock("10.0.0.0/16")
                        .tagSpecifications(
                            TagSpecification.builder().resourceType("vpc").tags(old).build()))
            .vpc()
            .vpcId();
    String subnetId =
        ec2.createSubnet(
                r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
            .subnet()
            .subnetId();
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    VpcHandler vpcs = new VpcHandler(aws);
    SubnetHandler subnets = new SubnetHandler(aws);
    InternetGatewayHandler gateways = new InternetGatewayHandler(aws);
    clock.advance(java.time.Duration.ofSeconds(2)); // EC2's consistency window
    assertEquals(
        Map.of(Ownership.STACK, "hello", Ownership.ID, "vpc"),
        vpcs.read(ctx("vpc"), vpcId, Map.of()).orElseThrow().tags());
    assertEquals(Map.of(), subnets.read(ctx("subnet-a"), subnetId, Map.of()).orElseThrow().tags());

    vpcs.tag(ctx("vpc").lineage("state-a"), vpcId, Map.of(), Map.of());
    subnets.tag(ctx("subnet-a").lineage("state-a"), subnetId, Map.of(), Map.of());
    gateways.tag(ctx("igw").lineage("state-a"), igw, Map.of(), Map.of());

    assertTrue(
        Ownership.ours(
            ctx("vpc").lineage("state-a"),
            vpcs.read(ctx("vpc"), vpcId, Map.of()).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("subnet-a").lineage("state-a"),
            subnets.read(ctx("subnet-a"), subnetId, Map.of()).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("igw").lineage("state-a"),
            gateways.read(ctx("igw"), igw, Map.of()).orElseThrow().tags()));
    assertTrue(vpcs.find(ctx("vpc").lineage("state-a"), props("cidr", "10.0.0.0/16")).isPresent());
  }
}
