package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.SERVICE;
import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer. A load balancer is {@code
 * provisioning} until {@code activeAt}, and forever while it is internet-facing in a VPC without an
 * attached internet gateway, as on AWS.
 */
final class LoadBalancers {
  private static final Map<String, String> HOSTED_ZONES =
      Map.ofEntries(
          Map.entry("us-east-1", "Z35SXDOTRQ7X7K"),
          Map.entry("us-east-2", "Z3AADJGX6KTTL2"),
          Map.entry("us-west-1", "Z368ELLRRE2KJ0"),
          Map.entry("us-west-2", "Z1H1FL5HABSF5"),
          Map.entry("ca-central-1", "ZQSVJUPU6J1EY"),
          Map.entry("eu-west-1", "Z32O12XQLNTSW2"),
          Map.entry("eu-west-2", "ZHURV8PSTC4K8"),
          Map.entry("eu-west-3", "Z3Q77PNBQS71R4"),
          Map.entry("eu-central-1", "Z215JYRZR1TBD5"),
          Map.entry("eu-north-1", "Z23TAZ7KLDMLI"),
          Map.entry("ap-south-1", "ZP97RAFLXTNZK"),
          Map.entry("ap-northeast-1", "Z14GRHDCWA56QT"),
          Map.entry("ap-northeast-2", "ZWKZPGTI48KDX"),
          Map.entry("ap-southeast-1", "Z1LMS91P8CMLE5"),
          Map.entry("ap-southeast-2", "Z1GM3OXH4ZPM65"),
          Map.entry("sa-east-1", "Z2P70J7HTTTPLU"));

  private LoadBalancers() {}

  /** The state AWS would report now. */
  static String state(World world, Res lb) {
    if (world.nowMillis() < lb.num("activeAt", 0)) {
      return "provisioning";
    }
    if ("internet-facing".equals(lb.str("scheme")) && !hasInternetGateway(world, lb.str("vpcId"))) {
      return "provisioning";
    }
    return "active";
  }

  private static boolean hasInternetGateway(World world, String vpcId) {
    return world.of("ec2", "internet-gateway").anyMatch(g -> vpcId.equals(g.str("vpcId")));
  }

  static void tick(World world) {
    world.of(SERVICE, Elb.LB).forEach(lb -> lb.state = state(world, lb));
  }

  static Response create(Request req, World world) {
    String name = req.param("Name");
    Elb.checkName("Load balancer", name, true);
    String type = Objects.requireNonNullElse(req.param("Type"), "application");
    if (!"application".equals(type)) {
      throw validation("localcloud emulates application load balancers only, not '" + type + "'");
    }
    String scheme = Objects.requireNonNullElse(req.param("Scheme"), "internet-facing");
    if (!scheme.equals("internet-facing") && !scheme.equals("internal")) {
      throw error("InvalidScheme", "Scheme '" + scheme + "' is not valid");
    }
    String ipType = Objects.requireNonNullElse(req.param("IpAddressType"), "ipv4");
    List<Res> subnets = subnets(world, req);
    String vpcId = subnets.get(0).str("vpcId");
    List<String> groups = securityGroups(world, req, vpcId);
    List<String> subnetIds = subnets.stream().map(s -> s.id).toList();

    var existing =
        world.of(SERVICE, Elb.LB, req.region()).filter(lb -> lb.name.equals(name)).findFirst();
    if (existing.isPresent()) {
      Res lb = existing.get();
      boolean same =
          new LinkedHashSet<>(lb.listAttr("subnets")).equals(new LinkedHashSet<>(subnetIds))
              && new LinkedHashSet<>(lb.listAttr("securityGroups"))
                  .equals(new LinkedHashSet<>(groups))
              && scheme.equals(lb.str("scheme"));
      if (!same) {
        throw error(
            "DuplicateLoadBalancerName",
            "A load balancer with the same name '"
                + name
                + "' exists, but with different settings");
      }
      return describeResponse("CreateLoadBalancer", world, List.of(lb), null);
    }

    String region = req.region();
    String id = world.newId("", 16);
    Res lb = new Res(SERVICE, Elb.LB, null);
    lb.arn = world.arn(SERVICE, region, "loadbalancer/app/" + name + "/" + id);
    lb.id = lb.arn;
    lb.name = name;
    lb.attrs.put("region", region);
    lb.tags.putAll(Elb.tagsParam(req));
    String prefix = scheme.equals("internal") ? "internal-" : "";
    lb.attrs.put(
        "dnsName", prefix + name + "-" + digits(world) + "." + region + ".elb.amazonaws.com");
    lb.attrs.put("canonicalHostedZoneId", HOSTED_ZONES.getOrDefault(region, "Z35SXDOTRQ7X7K"));
    lb.attrs.put("scheme", scheme);
    lb.attrs.put("type", type);
    lb.attrs.put("ipAddressType", ipType);
    lb.attrs.put("vpcId", vpcId);
    lb.attrs.put("subnets", new ArrayList<>(subnetIds));
    lb.attrs.put("securityGroups", new ArrayList<>(groups));
    List<Object> zones = new ArrayList<>();
    for (Res s : subnets) {
      Map<String, Object> z = new LinkedHashMap<>();
      z.put("zoneName", s.str("availabilityZone"));
      z.put("subnetId", s.id);
      zones.add(z);
    }
    lb.attrs.put("availabilityZones", zones);
    lb.attrs.put("activeAt", world.nowMillis() + world.delayMillis("elb.active"));
    lb.refs.addAll(subnetIds);
    lb.refs.addAll(groups);
    List<Object> enis = new ArrayList<>();
    for (Res s : subnets) {
      enis.add(createInterface(world, s, groups, "ELB app/" + name + "/" + id).id);
    }
    lb.attrs.put("networkInterfaces", enis);
    world.put(lb);
    lb.state = state(world, lb);
    return describeResponse("CreateLoadBalancer", world, List.of(lb), null);
  }

  private static List<Res> subnets(World world, Request req) {
    List<String> ids = req.list("Subnets.member");
    for (Map<String, String> m : req.structs("SubnetMappings.member")) {
      ids.add(m.get("SubnetId"));
    }
    List<Res> subnets = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      subnets.add(
          world
              .get("ec2", "subnet", req.region(), id)
              .orElseThrow(
                  () -> error("SubnetNotFound", "The subnet ID '" + id + "' is not valid")));
    }
    Set<String> zones = new LinkedHashSet<>();
    subnets.forEach(s -> zones.add(s.str("availabilityZone")));
    if (zones.size() < 2) {
      throw validation(
          "At least two subnets in two different Availability Zones must be specified");
    }
    if (zones.size() < subnets.size()) {
      throw error(
          "InvalidConfigurationRequest",
          "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
    }
    if (subnets.stream().map(s -> s.str("vpcId")).distinct().count() > 1) {
      throw error(
          "InvalidConfigurationRequest", "The subnets of a load balancer must be in the same VPC");
    }
    return subnets;
  }

  private static List<String> securityGroups(World world, Request req, String vpcId) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(req.list("SecurityGroups.member")));
    if (ids.isEmpty()) {
      world
          .of("ec2", "security-group", req.region())
          .filter(g -> vpcId.equals(g.str("vpcId")) && g.bool("default"))
          .findFirst()
          .ifPresent(g -> ids.add(g.id));
    }
    for (String id : ids) {
      Res sg = world.get("ec2", "security-group", req.region(), id).orElse(null);
      if (sg == null || !vpcId.equals(sg.str("vpcId"))) {
        throw error("InvalidSecurityGroup", "Security group '" + id + "' does not exist");
      }
    }
    return ids;
  }

  /** The load balancer's network interface in one subnet (EC2's {@code network-interface}). */
  private static Res createInterface(World world, Res subnet, List<String> groups, String desc) {
    Res eni = new Res("ec2", "network-interface", world.ec2Id("eni"));
    eni.state = "in-use";
    eni.attrs.put("region", subnet.region());
    eni.attrs.put("subnetId", subnet.id);
    eni.attrs.put("vpcId", subnet.str("vpcId"));
    eni.attrs.put("availabilityZone", subnet.str("availabilityZone"));
    eni.attrs.put("groups", new ArrayList<>(groups));
    eni.attrs.put("description", desc);
    eni.attrs.put("requesterId", "amazon-elb");
    eni.attrs.put("interfaceType", "interface");
    eni.attrs.put("status", "in-use");
    eni.attrs.put("privateIp", hostIn(world, subnet.str("cidr")));
    eni.refs.add(subnet.id);
    eni.refs.add(subnet.str("vpcId"));
    eni.refs.addAll(groups);
    return world.put(eni);
  }

  /** A host address inside an IPv4 CIDR, skipping the five addresses AWS reserves. */
  private static String hostIn(World world, String cidr) {
    if (cidr == null || !cidr.contains("/")) {
      return "10.0.0." + (4 + world.random().nextInt(250));
    }
    String[] p = cidr.split("/");
    String[] o = p[0].split("\\.");
    long base = 0;
    for (String part : o) {
      base = base << 8 | Integer.parseInt(part);
    }
    int bits = Integer.parseInt(p[1]);
    long size = 1L << (32 - bits);
    long host =
        base + 4 + (size > 8 ? world.random().nextInt((int) Math.min(size - 5, 1 << 20)) : 0);
    return (host >> 24 & 255)
        + "."
        + (host >> 16 & 255)
        + "."
        + (host >> 8 & 255)
        + "."
        + (host & 255);
  }

  private static String digits(World world) {
    StringBuilder sb = new StringBuilder().append(1 + world.random().nextInt(9));
    while (sb.length() < 10) {
      sb.append(world.random().nextInt(10));
    }
    return sb.toString();
  }

  static Response describe(Request req, World world) {
    List<String> arns = req.list("LoadBalancerArns.member");
    List<String> names = req.list("Names.member");
    List<Res> found;
    if (!arns.isEmpty()) {
      found = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String arn : arns) {
        Elb.checkArn(arn, "loadbalancer", "load balancer", req.region());
        world
            .get(SERVICE, Elb.LB, req.region(), arn)
            .ifPresentOrElse(found::add, () -> missing.add(arn));
      }
      if (!missing.isEmpty()) {
        throw error(
            "LoadBalancerNotFound",
            "Load balancers '[" + String.join(", ", missing) + "]' not found");
      }
    } else if (!names.isEmpty()) {
      found =
          world.of(SERVICE, Elb.LB, req.region()).filter(lb -> names.contains(lb.name)).toList();
      if (found.size() < new LinkedHashSet<>(names).size()) {
        throw error("LoadBalancerNotFound", "One or more load balancers not found");
      }
    } else {
      found = world.of(SERVICE, Elb.LB, req.region()).toList();
    }
    Elb.Page page = Elb.page(req, found);
    return describeResponse("DescribeLoadBalancers", world, page.items(), page.nextMarker());
  }

  private static Response describeResponse(
      String action, World world, List<Res> lbs, String nextMarker) {
    return ElbXml.respond(
        action,
        world,
        x -> {
          ElbXml.members(x, "LoadBalancers", lbs, lb -> ElbXml.loadBalancer(x, world, lb));
          x.leaf("NextMarker", nextMarker);
        });
  }

  /** Deletes the load balancer with its listeners and rules; its interfaces linger a while. */
  static Response delete(Request req, World world) {
    String arn = req.required("LoadBalancerArn");
    Elb.checkArn(arn, "loadbalancer", "load balancer", req.region());
    world
        .get(SERVICE, Elb.LB, req.region(), arn)
        .ifPresent(
            lb -> {
              world
                  .of(SERVICE, Elb.LISTENER)
                  .filter(l -> arn.equals(l.str("loadBalancerArn")))
                  .toList()
                  .forEach(l -> Listeners.remove(world, l));
              long release = world.nowMillis() + world.delayMillis("elb.eni.release");
              for (Object eniId : lb.listAttr("networkInterfaces")) {
                world
                    .get("ec2", "network-interface", (String) eniId)
                    .ifPresent(e -> e.expiresAt = release);
              }
              world.remove(lb);
            });
    return ElbXml.respond("DeleteLoadBalancer", world, x -> {});
  }
}
