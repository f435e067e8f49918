package dev.berth.aws.network;

import dev.berth.aws.AwsClients;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;

/**
 * {@code aws.ec2.route}: an IPv4 route {@code destinationCidr → gatewayId} in {@code routeTableId},
 * typically {@code 0.0.0.0/0} to the internet gateway in the VPC's main route table. IPv4 only: a
 * VPC without an IPv6 block has no use for {@code ::/0}. Physical id {@code rtb-…:0.0.0.0/0}. Every
 * property forces a replacement, and the old route goes first (same destination, same table).
 */
public final class RouteHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = RouteKeys.DESCRIPTOR.type();

  private static final String IPV4_CIDR = "(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}";

  private final AwsClients aws;

  public RouteHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return RouteKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    Ec2Client ec2 = aws.ec2();
    String rtb = RouteKeys.ROUTE_TABLE_ID.get(props);
    String dest = destination(props);
    String gateway = RouteKeys.GATEWAY_ID.get(props);
    try {
      Ec2Calls.whenVisible(
          ctx,
          "route " + dest + " → " + gateway + " in " + rtb,
          () ->
              ec2.createRoute(
                  r -> r.routeTableId(rtb).destinationCidrBlock(dest).gatewayId(gateway)));
    } catch (RuntimeException e) {
      // A retried create whose first attempt went through: the route is already what we want.
      boolean ours =
          Ec2Calls.is(e, "RouteAlreadyExists")
              && route(ec2, rtb, dest).map(r -> gateway.equals(r.gatewayId())).orElse(false);
      if (!ours) {
        throw e;
      }
    }
    return observed(rtb, dest, gateway, "active");
  }

  private static String destination(Map<String, Object> props) {
    String dest = RouteKeys.DESTINATION_CIDR.get(props);
    if (dest == null || !dest.matches(IPV4_CIDR)) {
      throw new BerthException(
          "Route destination '" + dest + "' is not an IPv4 CIDR block",
          "berth adds IPv4 routes only (for example 0.0.0.0/0); its VPCs have no IPv6 block.",
          FailureKind.BAD_INPUT,
          null);
    }
    return dest;
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    String[] id = split(physicalId);
    return route(aws.ec2(), id[0], id[1])
        .map(r -> observed(id[0], id[1], r.gatewayId(), r.stateAsString()));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    String[] id = split(physicalId);
    aws.ec2().deleteRoute(r -> r.routeTableId(id[0]).destinationCidrBlock(id[1]));
  }

  /** Routes carry no tags: the route to the same gateway is the one this resource made. */
  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String rtb = RouteKeys.ROUTE_TABLE_ID.get(props);
    String dest = destination(props);
    String gateway = RouteKeys.GATEWAY_ID.get(props);
    return route(aws.ec2(), rtb, dest)
        .filter(r -> gateway.equals(r.gatewayId()))
        .map(r -> observed(rtb, dest, gateway, r.stateAsString()));
  }

  private static Optional<Route> route(Ec2Client ec2, String rtb, String dest) {
    try {
      return ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().stream()
          .flatMap(t -> t.routes().stream())
          .filter(r -> dest.equals(r.destinationCidrBlock()))
          .findFirst();
    } catch (RuntimeException e) {
      if (Ec2Calls.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String[] split(String physicalId) {
    int colon = physicalId.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a route id (rtb-…:cidr): " + physicalId);
    }
    return new String[] {physicalId.substring(0, colon), physicalId.substring(colon + 1)};
  }

  private static Observed observed(String rtb, String dest, String gateway, String state) {
    return new Observed(
        rtb + ":" + dest,
        Map.of(),
        Map.of("routeTableId", rtb, "destinationCidr", dest, "gatewayId", gateway),
        state);
  }
}
