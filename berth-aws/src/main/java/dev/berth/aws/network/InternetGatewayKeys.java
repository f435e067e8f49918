package dev.berth.aws.network;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.ec2.internet-gateway}, served by {@link InternetGatewayHandler}: its
 * properties and outputs.
 */
public final class InternetGatewayKeys {
  public static final PropertyKey<String> VPC_ID = PropertyKey.string("vpcId").forcesReplacement();
  public static final OutputKey INTERNET_GATEWAY_ID = OutputKey.of("internetGatewayId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ec2.internet-gateway")
          .properties(VPC_ID)
          .outputs(INTERNET_GATEWAY_ID)
          .note("InternetGatewayHandler: create + attach; detach + delete")
          .build();

  private InternetGatewayKeys() {}
}
