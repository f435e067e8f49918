package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import java.util.List;

/** The discoveries of every AWS service berth uses, Route 53 included. */
public final class AwsDiscoveries {
  private AwsDiscoveries() {}

  public static List<Discovery> all(AwsClients aws) {
    return List.of(
        new Ec2Discovery(aws),
        new ElbDiscovery(aws),
        new AcmDiscovery(aws),
        new IamDiscovery(aws),
        new SecretsDiscovery(aws),
        new LogsDiscovery(aws),
        new EcsDiscovery(aws),
        new Route53Discovery(aws.route53()));
  }
}
