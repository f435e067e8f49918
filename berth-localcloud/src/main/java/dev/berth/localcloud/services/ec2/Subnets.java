package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Subnets: a CIDR inside the VPC's, overlapping no other subnet, in a zone of the region. AWS
 * reserves five addresses of each; network interfaces use more.
 */
final class Subnets {
  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("subnet-id", r -> List.of(r.id));
    FIELDS.put("vpc-id", Filters.attr("vpcId"));
    FIELDS.put("availability-zone", Filters.attr("availabilityZone"));
    FIELDS.put("availabilityZone", Filters.attr("availabilityZone"));
    FIELDS.put("availability-zone-id", Filters.attr("availabilityZoneId"));
    FIELDS.put("cidr-block", Filters.attr("cidr"));
    FIELDS.put("cidr", Filters.attr("cidr"));
    FIELDS.put("cidrBlock", Filters.attr("cidr"));
    FIELDS.put("default-for-az", r -> List.of("false"));
    FIELDS.put("defaultForAz", r -> List.of("false"));
    FIELDS.put(
        "map-public-ip-on-launch", r -> List.of(String.valueOf(r.bool("mapPublicIpOnLaunch"))));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
    FIELDS.put("state", r -> List.of(r.state));
    FIELDS.put("subnet-arn", r -> List.of(arn(r)));
  }

  private Subnets() {}

  static Response create(Ec2Call c) {
    Res vpc = c.get(Kind.VPC, c.required("VpcId"));
    String text = c.required("CidrBlock");
    Cidr cidr = Cidr.parse(text);
    if (cidr == null) {
      throw AwsException.client(
          "InvalidParameterValue",
          "Value ("
              + text
              + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
    }
    if (cidr.prefix() < 16 || cidr.prefix() > 28 || !Cidr.parse(vpc.str("cidr")).contains(cidr)) {
      throw AwsException.client("InvalidSubnet.Range", "The CIDR '" + text + "' is invalid.");
    }
    boolean conflict =
        c.all(Kind.SUBNET)
            .filter(s -> vpc.id.equals(s.str("vpcId")))
            .anyMatch(s -> Cidr.parse(s.str("cidr")).overlaps(cidr));
    if (conflict) {
      throw AwsException.client(
          "InvalidSubnet.Conflict", "The CIDR '" + text + "' conflicts with another subnet");
    }
    AvailabilityZones.Zone zone = zone(c);
    Res subnet = c.create(Kind.SUBNET);
    subnet.state = "available";
    subnet.attrs.put("vpcId", vpc.id);
    subnet.attrs.put("cidr", cidr.toString());
    subnet.attrs.put("availabilityZone", zone.name());
    subnet.attrs.put("availabilityZoneId", zone.id());
    subnet.attrs.put("mapPublicIpOnLaunch", false);
    subnet.refs.add(vpc.id);
    c.world.put(subnet);
    Xml x = c.response().open("subnet");
    render(c, x, subnet, "pending");
    return x.close().response();
  }

  private static AvailabilityZones.Zone zone(Ec2Call c) {
    List<AvailabilityZones.Zone> zones = AvailabilityZones.of(c.region);
    String name = c.param("AvailabilityZone");
    String id = c.param("AvailabilityZoneId");
    if (name == null && id == null) {
      return zones.get(0);
    }
    return zones.stream()
        .filter(z -> z.name().equals(name) || z.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                AwsException.client(
                    "InvalidParameterValue",
                    "Value ("
                        + (name != null ? name : id)
                        + ") for parameter availabilityZone is invalid. Subnets can currently only"
                        + " be created in the following availability zones: "
                        + zones.stream()
                            .map(AvailabilityZones.Zone::name)
                            .collect(Collectors.joining(", "))
                        + "."));
  }

  static Response modifyAttribute(Ec2Call c) {
    Res subnet = c.get(Kind.SUBNET, c.required("SubnetId"));
    String map = c.param("MapPublicIpOnLaunch.Value");
    if (map == null) {
      throw AwsException.client(
          "InvalidParameterCombination",
          "localcloud emulates only the MapPublicIpOnLaunch attribute of a subnet");
    }
    subnet.attrs.put("mapPublicIpOnLaunch", Boolean.parseBoolean(map));
    return c.returnTrue();
  }

  static Response describe(Ec2Call c) {
    List<Res> subnets = c.describe(Kind.SUBNET, "SubnetId", FIELDS);
    return c.response()
        .list(
            "subnetSet",
            "item",
            subnets,
            (x, r) -> render(c, x, r, c.settling(r) ? "pending" : r.state))
        .response();
  }

  static Response delete(Ec2Call c) {
    Res subnet = c.get(Kind.SUBNET, c.required("SubnetId"));
    if (c.world.referrers(subnet.id).findAny().isPresent()) {
      throw AwsException.client(
          "DependencyViolation",
          "The subnet '" + subnet.id + "' has dependencies and cannot be deleted.");
    }
    c.world.remove(subnet);
    return c.returnTrue();
  }

  static String arn(Res r) {
    return "arn:aws:ec2:" + r.region() + ":" + World.ACCOUNT + ":subnet/" + r.id;
  }

  private static long availableIps(Ec2Call c, Res subnet) {
    long used =
        c.all(Kind.NETWORK_INTERFACE).filter(e -> subnet.id.equals(e.str("subnetId"))).count();
    return Cidr.parse(subnet.str("cidr")).size() - 5 - used;
  }

  private static void render(Ec2Call c, Xml x, Res r, String state) {
    x.leaf("subnetId", r.id)
        .leaf("subnetArn", arn(r))
        .leaf("state", state)
        .leaf("ownerId", World.ACCOUNT)
        .leaf("vpcId", r.str("vpcId"))
        .leaf("cidrBlock", r.str("cidr"))
        .leaf("availableIpAddressCount", availableIps(c, r))
        .leaf("availabilityZone", r.str("availabilityZone"))
        .leaf("availabilityZoneId", r.str("availabilityZoneId"))
        .leaf("defaultForAz", false)
        .leaf("mapPublicIpOnLaunch", r.bool("mapPublicIpOnLaunch"))
        .leaf("assignIpv6AddressOnCreation", false)
        .list(
            "ipv6CidrBlockAssociationSet",
            "item",
            List.<String>of(),
            (y, v) -> y.leaf("ipv6CidrBlock", v));
    Tags.render(x, r);
  }
}
