package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.GoneIsDeleted;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.Observed;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubnetHandlerTest extends NetworkTestBase {
  private String vpcId;

  @BeforeEach
  void network() throws Exception {
    vpcId = vpc("10.0.0.0/16");
  }

  private Map<String, Object> subnetA(boolean mapPublic) {
    return props(
        "vpcId",
        vpcId,
        "cidr",
        "10.0.1.0/24",
        "availabilityZone",
        "us-east-1a",
        "mapPublicIpOnLaunch",
        mapPublic);
  }

  @Test
  void create_waitsUntilAvailable_andMapsPublicIps() throws Exception {
    Observed o = new SubnetHandler(aws).create(ctx("subnet-a"), subnetA(true));

    assertEquals(o.physicalId(), o.outputs().get("subnetId"));
    assertEquals("available", o.status());
    assertEquals(subnetA(true), o.properties());
    var s = ec2.describeSubnets(r -> r.subnetIds(o.physicalId())).subnets().get(0);
    assertEquals(true, s.mapPublicIpOnLaunch());
    assertEquals("available", s.stateAsString());
    assertTrue(
        s.tags().stream()
            .anyMatch(t -> t.key().equals("berth:id") && t.value().equals("subnet-a")));
  }

  @Test
  void update_changesMapPublicIpOnLaunchInPlace() throws Exception {
    SubnetHandler h = new SubnetHandler(aws);
    Observed o = h.create(ctx("subnet-a"), subnetA(true));
    Observed updated =
        h.update(ctx("subnet-a"), o.physicalId(), subnetA(true), subnetA(false), o.outputs());
    assertEquals(o.physicalId(), updated.physicalId());
    assertEquals(false, updated.properties().get("mapPublicIpOnLaunch"));
    assertEquals(
        false,
        ec2.describeSubnets(r -> r.subnetIds(o.physicalId()))
            .subnets()
            .get(0)
            .mapPublicIpOnLaunch());
  }

  @Test
  void find_locatesTheSubnetByItsTags_thenDeleteRemovesIt() throws Exception {
    SubnetHandler h = new SubnetHandler(aws);
    Observed o = h.create(ctx("subnet-a"), subnetA(true));
    assertEquals(o.physicalId(), h.find(ctx("subnet-a"), subnetA(true)).orElseThrow().physicalId());
    assertTrue(h.find(ctx("subnet-b"), subnetA(true)).isEmpty());

    h.delete(ctx("subnet-a"), o.physicalId(), subnetA(true), o.outputs());
    assertTrue(h.read(ctx("subnet-a"), o.physicalId(), subnetA(true)).isEmpty());
    GoneIsDeleted.delete(h, ctx("subnet-a"), o.physicalId(), subnetA(true), o.outputs());
  }

  @Test
  void create_whenCidrOverlaps_failsAsFatal() throws Exception {
    SubnetHandler h = new SubnetHandler(aws);
    h.create(ctx("subnet-a"), subnetA(true));
    failsAs(ErrorKind.FATAL, () -> h.create(ctx("subnet-b"), subnetA(true)));
    assertEquals(1, ec2.describeSubnets().subnets().size());
  }

  @Test
  void create_inAZoneOutsideTheRegion_failsAsFatal() {
    failsAs(
        ErrorKind.FATAL,
        () ->
            new SubnetHandler(aws)
                .create(
                    ctx("subnet-z"),
                    props(
                        "vpcId",
                        vpcId,
                        "cidr",
                        "10.0.9.0/24",
                        "availabilityZone",
                        "eu-west-1a",
                        "mapPublicIpOnLaunch",
                        true)));
  }
}
