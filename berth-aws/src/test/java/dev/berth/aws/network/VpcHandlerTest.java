package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.engine.ErrorKind;
import dev.berth.core.engine.Observed;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

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
    assertEquals(Map.of("berth:stack", "hello", "berth:id", "vpc"), tags);
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
    h.delete(ctx("vpc"), created.physicalId(), Map.of(), created.outputs());
    assertEquals(0, cloud.world().all().count());
  }

  @Test
  void update_changesNothing_andReturnsTheOutputs() throws Exception {
    VpcHandler h = new VpcHandler(aws);
    Observed created = h.create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    Observed updated =
        h.update(
            ctx("vpc"),
            created.physicalId(),
            props("cidr", "10.0.0.0/16"),
            props("cidr", "10.0.0.0/16"),
            created.outputs());
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
}
