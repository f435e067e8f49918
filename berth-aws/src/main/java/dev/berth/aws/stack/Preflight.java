package dev.berth.aws.stack;

import dev.berth.aws.AwsClients;
import dev.berth.aws.dns.Route53Zones;
import dev.berth.aws.network.Network;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareErrorClassifier;
import dev.berth.cloudflare.CloudflareException;
import dev.berth.core.engine.BerthException;
import dev.berth.core.spec.DnsProvider;
import dev.berth.core.spec.ServiceSpec;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Read-only checks before anything changes: credentials and account, region, availability zones,
 * the DNS provider's token and zone, an existing network. Each failure is bad input (exit 2) with
 * the fix, and happens before the first mutating call; an endpoint that cannot be reached is
 * reported as such (exit 1), never as bad credentials.
 */
public final class Preflight {

  /** What the checks learned. */
  public record Result(
      String account, String region, List<String> availabilityZones, String zone) {}

  private Preflight() {}

  static Result check(
      ServiceSpec spec,
      AwsClients aws,
      Optional<CloudflareClient> cloudflare,
      boolean needZones,
      Reads reads) {
    String region = spec.region();
    if (Region.regions().stream().noneMatch(r -> r.id().equals(region))) {
      throw input(
          "region " + region + " is not an AWS region berth knows",
          "set region in berth.yaml or --region to one such as us-east-1 or eu-west-1");
    }
    String account = account(aws, reads);
    List<String> zones =
        spec.network() == null && needZones
            ? reads.get(
                "listing availability zones",
                () -> Network.availabilityZones(aws.ec2(), WebServiceStack.ZONES))
            : List.of();
    if (spec.network() != null) {
      reads.get(
          "checking network",
          () -> {
            checkNetwork(spec, aws);
            return null;
          });
    }
    String zone = dnsZone(spec, aws, cloudflare, reads);
    return new Result(account, region, zones, zone);
  }

  private static String account(AwsClients aws, Reads reads) {
    try {
      return reads.get(
          "asking STS which account this is", () -> aws.sts().getCallerIdentity().account());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      throw input(
          "AWS refused the credentials (" + code + ")",
          "refresh them (aws sso login, or new access keys) or choose another --profile");
    } catch (SdkClientException e) {
      throw input(
          "no usable AWS credentials: " + firstLine(e.getMessage()),
          "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run aws configure or aws sso login, or"
              + " pass --profile; for a try-out without AWS use --local");
    }
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

  private static String dnsZone(
      ServiceSpec spec, AwsClients aws, Optional<CloudflareClient> cloudflare, Reads reads) {
    String hostname = spec.domain().hostname();
    String explicit = spec.domain().zone();
    if (spec.domain().dns() == DnsProvider.ROUTE53) {
      try {
        return reads
            .get(
                "finding the Route 53 zone",
                () -> Route53Zones.find(aws.route53(), hostname, explicit))
            .name();
      } catch (BerthException e) {
        throw new BerthException(e.getMessage(), e.hint(), 2, null);
      }
    }
    CloudflareClient cf = cloudflare.orElseThrow(() -> Handlers.MISSING_TOKEN);
    try {
      cf.verifyToken();
      var zone = explicit != null ? cf.zone(explicit) : cf.findZone(hostname);
      return zone.orElseThrow(
              () ->
                  input(
                      "no Cloudflare zone "
                          + (explicit != null ? "named " + explicit : "holds " + hostname)
                          + " that the token can see",
                      "add the zone to the Cloudflare account, or give the token Zone.DNS edit"
                          + " permission on it"))
          .name();
    } catch (CloudflareException e) {
      BerthException u =
          Reads.unreachable(new CloudflareErrorClassifier(), "checking the Cloudflare token", e);
      if (u != null) {
        throw u;
      }
      throw new BerthException(
          "Cloudflare refused the token: " + e.getMessage(),
          "check CLOUDFLARE_API_TOKEN: it must be an API token with Zone.DNS edit permission",
          2,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException("interrupted", null, 1, e);
    }
  }

  private static BerthException input(String message, String hint) {
    return new BerthException(message, hint, 2, null);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
