package dev.berth.aws.network;

import dev.berth.aws.AwsClients;
import dev.berth.core.resource.ResourceHandler;
import java.util.List;

/** The handlers of the network layer: VPC, internet gateway, route, subnet, security group. */
public final class NetworkHandlers {
  private NetworkHandlers() {}

  public static List<ResourceHandler> all(AwsClients aws) {
    return List.of(
        new VpcHandler(aws),
        new InternetGatewayHandler(aws),
        new RouteHandler(aws),
        new SubnetHandler(aws),
        new SecurityGroupHandler(aws));
  }
}
