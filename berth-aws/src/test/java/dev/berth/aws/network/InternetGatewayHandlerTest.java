package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.Observed;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.services.ec2.NetworkInterfaces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternetGatewayHandlerTest extends NetworkTestBase {

  @Test
  void create_attachesTheGatewayToTheVpc() throws Exception {
    String vpc = vpc("10.0.0.0/16");
    Observed o = new InternetGatewayHandler(aws).create(ctx("igw"), props("vpcId", vpc));

    assertEquals(o.physicalId(), o.outputs().get("internetGatewayId"));
    var igw =
        ec2.describeInternetGateways(r -> r.internetGatewayIds(o.physicalId()))
            .internetGateways()
            .get(0);
    assertEquals(vpc, igw.attachments().get(0).vpcId());
    assertEquals("available", igw.attachments().get(0).stateAsString());
    assertEquals(
        "igw",
        igw.tags().stream()
            .filter(t -> t.key().equals("berth:id"))
            .findFirst()
            .orElseThrow()
            .value());
  }

  @Test
  void read_reportsTheAttachedVpc_andUpdateReattachesAfterDrift() throws Exception {
    InternetGatewayHandler h = new InternetGatewayHandler(aws);
    String vpc = vpc("10.0.0.0/16");
    Observed o = h.create(ctx("igw"), props("vpcId", vpc));
    assertEquals(
        Map.of("vpcId", vpc),
        h.read(ctx("igw"), o.physicalId(), Map.of()).orElseThrow().properties());

    ec2.detachInternetGateway(r -> r.internetGatewayId(o.physicalId()).vpcId(vpc));
    assertEquals(
        Map.of("vpcId", ""),
        h.read(ctx("igw"), o.physicalId(), Map.of()).orElseThrow().properties());
    h.update(ctx("igw"), o.physicalId(), props("vpcId", vpc), props("vpcId", vpc), o.outputs());
    assertEquals(
        Map.of("vpcId", vpc),
        h.read(ctx("igw"), o.physicalId(), Map.of()).orElseThrow().properties());
  }

  @Test
  void create_whenVpcAlreadyHasAGateway_failsAndLeavesNoGatewayBehind() throws Exception {
    InternetGatewayHandler h = new InternetGatewayHandler(aws);
    String vpc = vpc("10.0.0.0/16");
    h.create(ctx("igw"), props("vpcId", vpc));
    failsAs(ErrorKind.FATAL, () -> h.create(ctx("igw-2"), props("vpcId", vpc)));
    assertEquals(1, ec2.describeInternetGateways().internetGateways().size());
  }

  @Test
  void delete_whileLoadBalancerInterfacesLinger_failsAsDependencyUntilTheyAreGone()
      throws Exception {
    InternetGatewayHandler h = new InternetGatewayHandler(aws);
    String vpc = vpc("10.0.0.0/16");
    String subnet = subnet(vpc, "subnet-a", "10.0.1.0/24", "us-east-1a");
    Observed o = h.create(ctx("igw"), props("vpcId", vpc));
    World world = cloud.world();
    synchronized (world) {
      var eni =
          NetworkInterfaces.create(
              world, subnet, List.of(), "ELB app/hello/1", "amazon-elb", "interface");
      NetworkInterfaces.linger(world, eni, Duration.ofMinutes(5).toMillis());
    }
    failsAs(
        ErrorKind.DEPENDENCY, () -> h.delete(ctx("igw"), o.physicalId(), Map.of(), o.outputs()));
    // Still attached: the engine retries the whole delete later.
    assertEquals(1, ec2.describeInternetGateways().internetGateways().get(0).attachments().size());

    clock.advance(Duration.ofMinutes(5));
    h.delete(ctx("igw"), o.physicalId(), Map.of(), o.outputs());
    assertTrue(h.read(ctx("igw"), o.physicalId(), Map.of()).isEmpty());
    h.delete(ctx("igw"), o.physicalId(), Map.of(), o.outputs());
  }

  @Test
  void find_locatesTheGatewayByItsTags_butNotOneAttachedElsewhere() throws Exception {
    InternetGatewayHandler h = new InternetGatewayHandler(aws);
    String vpc = vpc("10.0.0.0/16");
    Observed o = h.create(ctx("igw"), props("vpcId", vpc));
    assertEquals(
        o.physicalId(), h.find(ctx("igw"), props("vpcId", vpc)).orElseThrow().physicalId());
    String other =
        new VpcHandler(aws).create(ctx("vpc-2"), props("cidr", "10.1.0.0/16")).physicalId();
    assertTrue(h.find(ctx("igw"), props("vpcId", other)).isEmpty());
    assertTrue(h.find(ctx("nothing"), props("vpcId", vpc)).isEmpty());
  }
}
