package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * berth's VPCs, internet gateways, subnets and security groups, found with EC2's tag filters, and
 * the routes to berth's gateways. Routes cannot be tagged: a route whose target is a berth gateway
 * is reported as that gateway's stack's, without a logical id. EC2 does not say when these were
 * created. The VPC's default security group and main route table are AWS's and go with the VPC.
 */
public final class Ec2Discovery implements Discovery {
  private final AwsClients aws;

  public Ec2Discovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    Ec2Client ec2 = aws.ec2();
    String region = aws.region().id();
    List<Filter> filters = List.of(ownedBy(stack));
    List<TaggedResource> out = new ArrayList<>();
    for (Vpc v : ec2.describeVpcsPaginator(r -> r.filters(filters)).vpcs()) {
      owner(v.tags(), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.VPC,
                              v.vpcId(),
                              region,
                              null,
                              "VPC " + v.vpcId() + " (" + v.cidrBlock() + ")")
                          .withOutputs(Map.of("vpcId", v.vpcId()))));
    }
    Map<String, Owner> gateways = new LinkedHashMap<>();
    for (InternetGateway g :
        ec2.describeInternetGatewaysPaginator(r -> r.filters(filters)).internetGateways()) {
      owner(g.tags(), stack)
          .ifPresent(
              o -> {
                gateways.put(g.internetGatewayId(), o);
                out.add(gateway(o, g, region));
              });
    }
    out.addAll(routes(ec2, gateways, region));
    for (Subnet s : ec2.describeSubnetsPaginator(r -> r.filters(filters)).subnets()) {
      owner(s.tags(), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.SUBNET,
                              s.subnetId(),
                              region,
                              null,
                              "subnet "
                                  + s.subnetId()
                                  + " ("
                                  + s.cidrBlock()
                                  + " in "
                                  + s.availabilityZone()
                                  + ")")
                          .withProps(
                              Map.of(
                                  "vpcId", s.vpcId(),
                                  "cidr", s.cidrBlock(),
                                  "availabilityZone", s.availabilityZone()))
                          .withOutputs(Map.of("subnetId", s.subnetId()))));
    }
    for (SecurityGroup g :
        ec2.describeSecurityGroupsPaginator(r -> r.filters(filters)).securityGroups()) {
      owner(g.tags(), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.SECURITY_GROUP,
                              g.groupId(),
                              region,
                              null,
                              "security group " + g.groupId() + " (" + g.groupName() + ")")
                          .withProps(props("vpcId", g.vpcId()))
                          .withOutputs(Map.of("groupId", g.groupId()))
                          .withUses(sourceGroups(g))));
    }
    return out;
  }

  private static TaggedResource gateway(Owner o, InternetGateway g, String region) {
    String vpc =
        g.attachments().stream().map(InternetGatewayAttachment::vpcId).findFirst().orElse(null);
    return TaggedResource.of(
            o,
            Types.INTERNET_GATEWAY,
            g.internetGatewayId(),
            region,
            null,
            "internet gateway "
                + g.internetGatewayId()
                + (vpc == null ? " (detached)" : " (attached to " + vpc + ")"))
        .withProps(props("vpcId", vpc))
        .withOutputs(Map.of("internetGatewayId", g.internetGatewayId()));
  }

  /** {@code key → value}, or nothing when the value is unknown. */
  private static Map<String, Object> props(String key, String value) {
    return value == null ? Map.of() : Map.of(key, value);
  }

  /** The IPv4 routes, in any route table, whose target is one of berth's gateways. */
  private static List<TaggedResource> routes(
      Ec2Client ec2, Map<String, Owner> gateways, String region) {
    List<TaggedResource> out = new ArrayList<>();
    if (gateways.isEmpty()) {
      return out;
    }
    Filter target =
        Filter.builder().name("route.gateway-id").values(List.copyOf(gateways.keySet())).build();
    for (RouteTable t : ec2.describeRouteTablesPaginator(r -> r.filters(target)).routeTables()) {
      for (Route route : t.routes()) {
        Owner gatewayOwner = gateways.get(route.gatewayId());
        if (gatewayOwner == null || route.destinationCidrBlock() == null) {
          continue;
        }
        String dest = route.destinationCidrBlock();
        out.add(
            TaggedResource.of(
                    gatewayOwner.withoutLogicalId(),
                    Types.ROUTE,
                    t.routeTableId() + ":" + dest,
                    region,
                    null,
                    "route " + dest + " → " + route.gatewayId() + " in " + t.routeTableId())
                .withProps(
                    Map.of(
                        "routeTableId", t.routeTableId(),
                        "destinationCidr", dest,
                        "gatewayId", route.gatewayId())));
      }
    }
    return out;
  }

  private static Set<String> sourceGroups(SecurityGroup g) {
    Set<String> out = new LinkedHashSet<>();
    for (IpPermission p : g.ipPermissions()) {
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        if (pair.groupId() != null && !pair.groupId().equals(g.groupId())) {
          out.add(pair.groupId());
        }
      }
    }
    return out;
  }

  private static Filter ownedBy(Optional<String> stack) {
    return stack
        .map(s -> Filter.builder().name("tag:" + Owner.STACK_TAG).values(s).build())
        .orElseGet(() -> Filter.builder().name("tag-key").values(Owner.STACK_TAG).build());
  }

  private static Optional<Owner> owner(List<Tag> tags, Optional<String> stack) {
    Map<String, String> m = new LinkedHashMap<>();
    tags.forEach(t -> m.put(t.key(), t.value()));
    return Owner.of(m, stack);
  }
}
