package dev.berth.aws.network;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.ec2.subnet}, served by {@link SubnetHandler}: its properties and
 * outputs.
 */
public final class SubnetKeys {
  public static final PropertyKey<String> VPC_ID = PropertyKey.string("vpcId").forcesReplacement();
  public static final PropertyKey<String> CIDR = PropertyKey.string("cidr").forcesReplacement();
  public static final PropertyKey<String> AVAILABILITY_ZONE =
      PropertyKey.string("availabilityZone").forcesReplacement();
  public static final PropertyKey<Boolean> MAP_PUBLIC_IP_ON_LAUNCH =
      PropertyKey.bool("mapPublicIpOnLaunch").optional();
  public static final OutputKey SUBNET_ID = OutputKey.of("subnetId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ec2.subnet")
          .properties(VPC_ID, CIDR, AVAILABILITY_ZONE, MAP_PUBLIC_IP_ON_LAUNCH)
          .outputs(SUBNET_ID)
          .note("SubnetHandler")
          .build();

  private SubnetKeys() {}
}
