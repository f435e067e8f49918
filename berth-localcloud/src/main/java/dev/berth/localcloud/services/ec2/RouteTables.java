package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main route table of each VPC (created with it), DescribeRouteTables, CreateRoute and
 * DeleteRoute with internet-gateway targets. A route to a gateway that is gone or detached reads as
 * {@code blackhole}, as in AWS.
 */
final class RouteTables {
  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("route-table-id", r -> List.of(r.id));
    FIELDS.put("vpc-id", Filters.attr("vpcId"));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
    FIELDS.put("association.main", r -> List.of(String.valueOf(r.bool("main"))));
    FIELDS.put(
        "association.route-table-association-id",
        r -> r.bool("main") ? List.of(r.str("mainAssociationId")) : List.of());
    FIELDS.put("association.route-table-id", r -> r.bool("main") ? List.of(r.id) : List.of());
    FIELDS.put("route.destination-cidr-block", r -> field(r, "destinationCidrBlock"));
    FIELDS.put("route.gateway-id", r -> field(r, "gatewayId"));
    FIELDS.put("route.origin", r -> field(r, "origin"));
  }

  private RouteTables() {}

  private static List<String> field(Res rtb, String key) {
    return routes(rtb).stream().map(m -> String.valueOf(m.get(key))).toList();
  }

  static Res createMain(Ec2Call c, Res vpc) {
    Res rtb = new Res("ec2", Kind.ROUTE_TABLE.type, c.world.ec2Id(Kind.ROUTE_TABLE.prefix));
    rtb.state = "available";
    rtb.attrs.put("region", c.region);
    rtb.attrs.put("vpcId", vpc.id);
    rtb.attrs.put("main", true);
    rtb.attrs.put("mainAssociationId", c.world.ec2Id("rtbassoc"));
    Map<String, Object> local = new LinkedHashMap<>();
    local.put("destinationCidrBlock", vpc.str("cidr"));
    local.put("gatewayId", "local");
    local.put("state", "active");
    local.put("origin", "CreateRouteTable");
    rtb.attrs.put("routes", new ArrayList<>(List.of(local)));
    rtb.refs.add(vpc.id);
    return rtb;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> routes(Res rtb) {
    List<Map<String, Object>> out = new ArrayList<>();
    rtb.listAttr("routes").forEach(o -> out.add((Map<String, Object>) o));
    return out;
  }

  static Response describe(Ec2Call c) {
    List<Res> tables = c.describe(Kind.ROUTE_TABLE, "RouteTableId", FIELDS);
    return c.response().list("routeTableSet", "item", tables, (x, r) -> render(c, x, r)).response();
  }

  static Response createRoute(Ec2Call c) {
    Res rtb = c.get(Kind.ROUTE_TABLE, c.required("RouteTableId"));
    if (c.param("DestinationIpv6CidrBlock") != null) {
      throw AwsException.client(
          "InvalidParameterValue",
          "The VPC of route table "
              + rtb.id
              + " has no IPv6 CIDR block; localcloud emulates IPv4 routes only");
    }
    String dest = c.required("DestinationCidrBlock");
    Cidr cidr = Cidr.parse(dest);
    if (cidr == null) {
      throw AwsException.client(
          "InvalidParameterValue",
          "Value ("
              + dest
              + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
    }
    String gatewayId = c.param("GatewayId");
    if (gatewayId == null || gatewayId.isEmpty()) {
      throw AwsException.client(
          "MissingParameter",
          "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId,"
              + " vpcPeeringConnectionId or instanceId");
    }
    Res igw =
        c.find(Kind.INTERNET_GATEWAY, gatewayId)
            .orElseThrow(
                () ->
                    AwsException.client(
                        "InvalidGatewayID.NotFound",
                        "The gateway ID '" + gatewayId + "' does not exist"));
    String vpcId = rtb.str("vpcId");
    if (!vpcId.equals(igw.str("vpcId"))) {
      throw AwsException.client(
          "InvalidParameterValue",
          "route table "
              + rtb.id
              + " and network gateway "
              + igw.id
              + " belong to different networks");
    }
    List<Map<String, Object>> routes = routes(rtb);
    if (routes.stream().anyMatch(r -> cidr.toString().equals(r.get("destinationCidrBlock")))) {
      throw AwsException.client(
          "RouteAlreadyExists", "The route identified by " + cidr + " already exists.");
    }
    Cidr vpcCidr = Cidr.parse(c.get(Kind.VPC, vpcId).str("cidr"));
    if (vpcCidr.contains(cidr)) {
      throw AwsException.client(
          "InvalidParameterValue",
          "The destination CIDR block "
              + cidr
              + " is equal to or more specific than one of this VPC's CIDR blocks."
              + " This route can target only an interface or an instance.");
    }
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("destinationCidrBlock", cidr.toString());
    route.put("gatewayId", igw.id);
    route.put("state", "active");
    route.put("origin", "CreateRoute");
    routes.add(route);
    rtb.attrs.put("routes", routes);
    rtb.refs.add(igw.id);
    return c.returnTrue();
  }

  static Response deleteRoute(Ec2Call c) {
    Res rtb = c.get(Kind.ROUTE_TABLE, c.required("RouteTableId"));
    String dest = c.required("DestinationCidrBlock");
    List<Map<String, Object>> routes = routes(rtb);
    Map<String, Object> route =
        routes.stream()
            .filter(r -> dest.equals(r.get("destinationCidrBlock")))
            .findFirst()
            .orElseThrow(
                () ->
                    AwsException.client(
                        "InvalidRoute.NotFound",
                        "no route with destination-cidr-block "
                            + dest
                            + " in route table "
                            + rtb.id));
    if ("local".equals(route.get("gatewayId"))) {
      throw AwsException.client(
          "InvalidParameterValue",
          "cannot remove local route " + dest + " in route table " + rtb.id);
    }
    routes.remove(route);
    rtb.attrs.put("routes", routes);
    rtb.refs.clear();
    rtb.refs.add(rtb.str("vpcId"));
    routes.stream()
        .map(r -> String.valueOf(r.get("gatewayId")))
        .filter(g -> !g.equals("local"))
        .forEach(rtb.refs::add);
    return c.returnTrue();
  }

  private static String routeState(Ec2Call c, Res rtb, Map<String, Object> route) {
    String gw = String.valueOf(route.get("gatewayId"));
    if (gw.equals("local")) {
      return "active";
    }
    boolean attached =
        c.find(Kind.INTERNET_GATEWAY, gw)
            .map(igw -> rtb.str("vpcId").equals(igw.str("vpcId")))
            .orElse(false);
    return attached ? "active" : "blackhole";
  }

  private static void render(Ec2Call c, Xml x, Res r) {
    x.leaf("routeTableId", r.id)
        .leaf("vpcId", r.str("vpcId"))
        .leaf("ownerId", World.ACCOUNT)
        .list(
            "routeSet",
            "item",
            routes(r),
            (y, route) ->
                y.leaf("destinationCidrBlock", route.get("destinationCidrBlock"))
                    .leaf("gatewayId", route.get("gatewayId"))
                    .leaf("state", routeState(c, r, route))
                    .leaf("origin", route.get("origin")))
        .list(
            "associationSet",
            "item",
            r.bool("main") ? List.of(r) : List.<Res>of(),
            (y, t) ->
                y.leaf("routeTableAssociationId", t.str("mainAssociationId"))
                    .leaf("routeTableId", t.id)
                    .leaf("main", true)
                    .open("associationState")
                    .leaf("state", "associated")
                    .close())
        .list("propagatingVgwSet", "item", List.<String>of(), (y, v) -> y.leaf("gatewayId", v));
    Tags.render(x, r);
  }
}
