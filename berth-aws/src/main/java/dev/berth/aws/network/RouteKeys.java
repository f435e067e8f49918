package dev.berth.aws.network;

import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.ec2.route}, served by {@link RouteHandler}: its properties and
 * outputs.
 */
public final class RouteKeys {
  public static final PropertyKey<String> ROUTE_TABLE_ID =
      PropertyKey.string("routeTableId").forcesReplacement();
  public static final PropertyKey<String> DESTINATION_CIDR =
      PropertyKey.string("destinationCidr").forcesReplacement();
  public static final PropertyKey<String> GATEWAY_ID =
      PropertyKey.string("gatewayId").forcesReplacement();

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ec2.route")
          .properties(ROUTE_TABLE_ID, DESTINATION_CIDR, GATEWAY_ID)
          .deleteBeforeCreate()
          .note("RouteHandler: physical id `rtb-…:0.0.0.0/0`")
          .build();

  private RouteKeys() {}
}
