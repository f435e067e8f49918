package dev.berth.aws.elb;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.List;

/**
 * The contract of {@code aws.elbv2.load-balancer}, served by {@link LoadBalancerHandler}: its
 * properties and outputs.
 */
public final class LoadBalancerKeys {
  public static final PropertyKey<String> NAME =
      PropertyKey.string("name").forcesReplacement().note("≤ 32");
  public static final PropertyKey<List<Object>> SUBNETS =
      PropertyKey.list("subnets").forcesReplacement();
  public static final PropertyKey<List<Object>> SECURITY_GROUPS =
      PropertyKey.list("securityGroups").forcesReplacement();
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey DNS_NAME = OutputKey.of("dnsName");
  public static final OutputKey CANONICAL_HOSTED_ZONE_ID = OutputKey.of("canonicalHostedZoneId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.elbv2.load-balancer")
          .properties(NAME, SUBNETS, SECURITY_GROUPS)
          .outputs(ARN, DNS_NAME, CANONICAL_HOSTED_ZONE_ID)
          .deleteBeforeCreate()
          .cascadesDelete()
          .note(
              "LoadBalancerHandler: returns once created, while it provisions; cascading delete: ELBv2 deletes its listeners and rules with it")
          .build();

  private LoadBalancerKeys() {}
}
