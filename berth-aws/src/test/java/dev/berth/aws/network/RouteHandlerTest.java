package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.GoneIsDeleted;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.resource.Observed;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteHandlerTest extends NetworkTestBase {
  private String vpcId;
  private String rtb;
  private String igw;

  @BeforeEach
  void network() throws Exception {
    Observed vpc = new VpcHandler(aws).create(ctx("vpc"), props("cidr", "10.0.0.0/16"));
    vpcId = vpc.physicalId();
    rtb = vpc.outputs().get("mainRouteTableId");
    igw = new InternetGatewayHandler(aws).create(ctx("igw"), props("vpcId", vpcId)).physicalId();
  }

  private Map<String, Object> defaultRoute() {
    return props("routeTableId", rtb, "destinationCidr", "0.0.0.0/0", "gatewayId", igw);
  }

  private long routeCount() {
    return ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().size();
  }

  @Test
  void create_addsTheDefaultRouteToTheGateway() throws Exception {
    RouteHandler h = new RouteHandler(aws);
    Observed o = h.create(ctx("route"), defaultRoute());

    assertEquals(rtb + ":0.0.0.0/0", o.physicalId());
    var route =
        ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().get(1);
    assertEquals("0.0.0.0/0", route.destinationCidrBlock());
    assertEquals(igw, route.gatewayId());
    Observed read = h.read(ctx("route"), o.physicalId(), defaultRoute()).orElseThrow();
    assertEquals(defaultRoute(), read.properties());
    assertEquals("active", read.status());
    // No IPv6 route alongside.
    assertEquals(2, routeCount());
  }

  @Test
  void create_whenRetriedAfterSuccess_isIdempotent() throws Exception {
    RouteHandler h = new RouteHandler(aws);
    h.create(ctx("route"), defaultRoute());
    h.create(ctx("route"), defaultRoute());
    assertEquals(2, routeCount());
  }

  @Test
  void create_withIpv6Destination_isRefusedAsBadInput() {
    BerthException e =
        assertThrows(
            BerthException.class,
            () ->
                new RouteHandler(aws)
                    .create(
                        ctx("route"),
                        props("routeTableId", rtb, "destinationCidr", "::/0", "gatewayId", igw)));
    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(1, routeCount());
  }

  @Test
  void create_toAGatewayOfAnotherVpc_failsAndIsNotIgnored() throws Exception {
    String other =
        new VpcHandler(aws).create(ctx("vpc-2"), props("cidr", "10.1.0.0/16")).physicalId();
    String otherIgw =
        new InternetGatewayHandler(aws).create(ctx("igw-2"), props("vpcId", other)).physicalId();
    failsAs(
        ErrorKind.FATAL,
        () ->
            new RouteHandler(aws)
                .create(
                    ctx("route"),
                    props(
                        "routeTableId",
                        rtb,
                        "destinationCidr",
                        "0.0.0.0/0",
                        "gatewayId",
                        otherIgw)));
    assertEquals(1, routeCount());
  }

  @Test
  void delete_removesTheRoute_andFindNoLongerSeesIt() throws Exception {
    RouteHandler h = new RouteHandler(aws);
    Observed o = h.create(ctx("route"), defaultRoute());
    assertEquals(o.physicalId(), h.find(ctx("route"), defaultRoute()).orElseThrow().physicalId());
    h.delete(ctx("route"), o.physicalId(), defaultRoute(), Map.of());
    assertTrue(h.read(ctx("route"), o.physicalId(), defaultRoute()).isEmpty());
    assertTrue(h.find(ctx("route"), defaultRoute()).isEmpty());
    GoneIsDeleted.delete(h, ctx("route"), o.physicalId(), defaultRoute(), Map.of());
    assertEquals(1, routeCount());
  }

  @Test
  void update_changesNothing() throws Exception {
    RouteHandler h = new RouteHandler(aws);
    Observed o = h.create(ctx("route"), defaultRoute());
    // Replace-only: the engine never updates it in place, it takes the route as it reads.
    assertFalse(h.updatesInPlace());
    assertEquals(
        o.physicalId(),
        h.read(ctx("route"), o.physicalId(), defaultRoute()).orElseThrow().physicalId());
  }
}
