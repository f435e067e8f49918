package dev.berth.aws.network;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.List;

/**
 * The contract of {@code aws.ec2.security-group}, served by {@link SecurityGroupHandler}: its
 * properties and outputs.
 */
public final class SecurityGroupKeys {
  public static final PropertyKey<String> VPC_ID = PropertyKey.string("vpcId").forcesReplacement();
  public static final PropertyKey<String> NAME = PropertyKey.string("name").forcesReplacement();
  public static final PropertyKey<String> DESCRIPTION =
      PropertyKey.string("description").forcesReplacement();
  public static final PropertyKey<List<Object>> INGRESS =
      PropertyKey.list("ingress")
          .note(
              "`{protocol, fromPort, toPort, cidr}` or `{protocol, fromPort, toPort, sourceGroupId}`");
  public static final OutputKey GROUP_ID = OutputKey.of("groupId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.ec2.security-group")
          .properties(VPC_ID, NAME, DESCRIPTION, INGRESS)
          .outputs(GROUP_ID)
          .note("SecurityGroupHandler: rules diffed in place")
          .build();

  private SecurityGroupKeys() {}
}
