package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.attachedGateway;
import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.mainRouteTable;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

@ExtendWith(LocalCloudExtension.class)
class Ec2RouteTest {

  private static List<Route> routes(Ec2Client ec2, String rtb) {
    return ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes();
  }

  @Test
  void describeRouteTables_filteredByMainAssociation_returnsTheVpcsMainTable(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      vpc(ec2, "10.1.0.0/16");
      List<RouteTable> tables =
          ec2.describeRouteTables(
                  r -> r.filters(filter("vpc-id", vpc), filter("association.main", "true")))
              .routeTables();
      assertEquals(1, tables.size());
      assertEquals(vpc, tables.get(0).vpcId());
      assertEquals(
          0,
          ec2.describeRouteTables(r -> r.filters(filter("association.main", "false")))
              .routeTables()
              .size());
      assertEquals(2, ec2.describeRouteTables().routeTables().size());
    }
  }

  @Test
  void createRoute_toAttachedGateway_addsAnActiveRoute(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String igw = attachedGateway(ec2, vpc);
      String rtb = mainRouteTable(ec2, vpc);
      ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
      Route route = routes(ec2, rtb).get(1);
      assertEquals("0.0.0.0/0", route.destinationCidrBlock());
      assertEquals(igw, route.gatewayId());
      assertEquals("active", route.stateAsString());
      assertEquals("CreateRoute", route.originAsString());

      // Detached, the route stays but goes nowhere.
      ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      assertEquals("blackhole", routes(ec2, rtb).get(1).stateAsString());
    }
  }

  @Test
  void createRoute_whenRouteExists_returnsRouteAlreadyExists(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String igw = attachedGateway(ec2, vpc);
      String rtb = mainRouteTable(ec2, vpc);
      ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
      fails(
          "RouteAlreadyExists",
          "The route identified by 0.0.0.0/0 already exists.",
          () ->
              ec2.createRoute(
                  r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)));
    }
  }

  @Test
  void createRoute_whenGatewayNotAttachedToTheVpc_returnsInvalidParameterValue(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String other = vpc(ec2, "10.1.0.0/16");
      String igw = attachedGateway(ec2, other);
      String rtb = mainRouteTable(ec2, vpc);
      fails(
          "InvalidParameterValue",
          "route table " + rtb + " and network gateway " + igw + " belong to different networks",
          () ->
              ec2.createRoute(
                  r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)));
      String detached = ec2.createInternetGateway().internetGateway().internetGatewayId();
      fails(
          "InvalidParameterValue",
          "belong to different networks",
          () ->
              ec2.createRoute(
                  r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(detached)));
    }
  }

  @Test
  void createRoute_whenIdsUnknown_returnsNotFound(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String rtb = mainRouteTable(ec2, vpc);
      fails(
          "InvalidRouteTableID.NotFound",
          "The routeTable ID 'rtb-0123456789abcdef0' does not exist",
          () ->
              ec2.createRoute(
                  r ->
                      r.routeTableId("rtb-0123456789abcdef0")
                          .destinationCidrBlock("0.0.0.0/0")
                          .gatewayId("igw-0123456789abcdef0")));
      fails(
          "InvalidGatewayID.NotFound",
          "igw-0123456789abcdef0",
          () ->
              ec2.createRoute(
                  r ->
                      r.routeTableId(rtb)
                          .destinationCidrBlock("0.0.0.0/0")
                          .gatewayId("igw-0123456789abcdef0")));
    }
  }

  @Test
  void deleteRoute_removesRouteAndRefusesUnknownOrLocalRoutes(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String igw = attachedGateway(ec2, vpc);
      String rtb = mainRouteTable(ec2, vpc);
      ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
      ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
      assertEquals(1, routes(ec2, rtb).size());
      fails(
          "InvalidRoute.NotFound",
          "no route with destination-cidr-block 0.0.0.0/0 in route table " + rtb,
          () -> ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")));
      fails(
          "InvalidParameterValue",
          "cannot remove local route",
          () -> ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.0.0.0/16")));
    }
  }
}
