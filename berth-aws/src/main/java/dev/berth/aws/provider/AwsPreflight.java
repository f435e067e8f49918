package dev.berth.aws.provider;

import dev.berth.aws.AwsClients;
import dev.berth.aws.dns.Route53Zones;
import dev.berth.aws.failure.CredentialsMissingException;
import dev.berth.aws.failure.CredentialsRefusedException;
import dev.berth.aws.failure.RegionInvalidException;
import dev.berth.aws.network.Network;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.PreflightFacts;
import dev.berth.core.provider.Reader;
import dev.berth.core.spec.DnsProvider;
import dev.berth.core.spec.ServiceSpec;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * AWS's read-only checks before anything changes: region, credentials and account, availability
 * zones, an existing network, the Route 53 zone. Each failure is bad input (exit 2) with the fix,
 * and happens before the first mutating call; an endpoint that cannot be reached is reported as
 * such (exit 1), never as bad credentials.
 */
final class AwsPreflight {
  private AwsPreflight() {}

  static List<PreflightCheck> checks(AwsClients aws) {
    return List.of(
        (spec, zones, reads, facts) -> region(spec),
        (spec, zones, reads, facts) -> facts.account(account(aws, reads)),
        (spec, zones, reads, facts) -> network(spec, zones, aws, reads, facts),
        (spec, zones, reads, facts) -> route53Zone(spec, aws, reads, facts));
  }

  private static void region(ServiceSpec spec) {
    String region = spec.region();
    if (Region.regions().stream().noneMatch(r -> r.id().equals(region))) {
      throw new RegionInvalidException(region);
    }
  }

  private static String account(AwsClients aws, Reader reads) {
    try {
      return reads.get(
          "asking STS which account this is", () -> aws.sts().getCallerIdentity().account());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      throw new CredentialsRefusedException(code);
    } catch (SdkClientException e) {
      throw new CredentialsMissingException(firstLine(e.getMessage()));
    }
  }

  private static void network(
      ServiceSpec spec, int zones, AwsClients aws, Reader reads, PreflightFacts facts) {
    if (spec.network() == null) {
      if (zones > 0) {
        facts.availabilityZones(
            reads.get(
                "listing availability zones", () -> Network.availabilityZones(aws.ec2(), zones)));
      }
      return;
    }
    reads.get(
        "checking network",
        () -> {
          checkNetwork(spec, aws);
          return null;
        });
  }

  private static void checkNetwork(ServiceSpec spec, AwsClients aws) {
    String vpc = spec.network().vpc();
    var found =
        aws.ec2()
            .describeVpcs(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
            .vpcs();
    if (found.isEmpty()) {
      throw input(
          "network.vpc: " + vpc + " does not exist in " + spec.region(),
          "give the id of an existing VPC in this region, or remove network: to let berth make one");
    }
    var subnets =
        aws.ec2()
            .describeSubnets(
                r ->
                    r.filters(
                        Filter.builder()
                            .name("subnet-id")
                            .values(spec.network().subnets())
                            .build()))
            .subnets();
    for (String s : spec.network().subnets()) {
      var match = subnets.stream().filter(x -> x.subnetId().equals(s)).findFirst();
      if (match.isEmpty()) {
        throw input(
            "network.subnets: " + s + " does not exist", "list existing public subnets of " + vpc);
      }
      if (!vpc.equals(match.get().vpcId())) {
        throw input(
            "network.subnets: " + s + " belongs to " + match.get().vpcId() + ", not " + vpc,
            "list subnets of " + vpc + " only");
      }
    }
  }

  private static void route53Zone(
      ServiceSpec spec, AwsClients aws, Reader reads, PreflightFacts facts) {
    if (spec.domain().dns() != DnsProvider.ROUTE53) {
      return;
    }
    try {
      facts.dnsZone(
          reads
              .get(
                  "finding the Route 53 zone",
                  () ->
                      Route53Zones.find(
                          aws.route53(), spec.domain().hostname(), spec.domain().zone()))
              .name());
    } catch (BerthException e) {
      throw new BerthException(e.getMessage(), e.hint(), FailureKind.BAD_INPUT, null);
    }
  }

  private static BerthException input(String message, String hint) {
    return new BerthException(message, hint, FailureKind.BAD_INPUT, null);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
