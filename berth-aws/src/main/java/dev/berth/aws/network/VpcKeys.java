package dev.berth.aws.network;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.ec2.vpc}, served by {@link VpcHandler}: its properties and outputs.
 */
public final class VpcKeys {
  public static final PropertyKey<String> CIDR = PropertyKey.string("cidr").forcesReplacement();
  public static final OutputKey VPC_ID = OutputKey.of("vpcId");
  public static final OutputKey MAIN_ROUTE_TABLE_ID = OutputKey.of("mainRouteTableId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ec2.vpc")
          .properties(CIDR)
          .outputs(VPC_ID, MAIN_ROUTE_TABLE_ID)
          .note("VpcHandler")
          .build();

  private VpcKeys() {}
}
