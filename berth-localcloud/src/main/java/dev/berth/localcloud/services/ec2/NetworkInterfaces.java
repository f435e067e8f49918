package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network interfaces ({@code ec2/network-interface}). Other services make them: a load balancer one
 * per subnet ({@code requesterId amazon-elb}, description {@code ELB app/<name>/<id>}), an ECS task
 * one in its subnet. They block deletion of their subnet, VPC, security groups and the detachment
 * of the VPC's internet gateway; {@link #linger} keeps one for a while after its owner is gone, as
 * AWS does after a load balancer is deleted. Call these under the world's lock (services are).
 */
public final class NetworkInterfaces {
  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("network-interface-id", r -> List.of(r.id));
    FIELDS.put("vpc-id", Filters.attr("vpcId"));
    FIELDS.put("subnet-id", Filters.attr("subnetId"));
    FIELDS.put("availability-zone", Filters.attr("availabilityZone"));
    FIELDS.put("group-id", r -> groups(r));
    FIELDS.put("description", Filters.attr("description"));
    FIELDS.put("requester-id", Filters.attr("requesterId"));
    FIELDS.put("requester-managed", r -> List.of(String.valueOf(r.str("requesterId") != null)));
    FIELDS.put("status", Filters.attr("status"));
    FIELDS.put("interface-type", Filters.attr("interfaceType"));
    FIELDS.put("private-ip-address", Filters.attr("privateIp"));
    FIELDS.put("addresses.private-ip-address", Filters.attr("privateIp"));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
  }

  private NetworkInterfaces() {}

  /**
   * Creates an in-use interface in {@code subnetId} with the next free private address of the
   * subnet. Throws InvalidSubnetID.NotFound / InvalidGroup.NotFound for unknown ids.
   *
   * @param requesterId the managing service ({@code amazon-elb}, an ECS account id), or null
   * @param interfaceType {@code interface} for ELB and ECS interfaces
   */
  public static Res create(
      World world,
      String subnetId,
      List<String> groups,
      String description,
      String requesterId,
      String interfaceType) {
    Res subnet =
        world
            .get("ec2", Kind.SUBNET.type, subnetId)
            .orElseThrow(() -> Kind.SUBNET.notFound(subnetId));
    for (String g : groups) {
      if (world.get("ec2", Kind.SECURITY_GROUP.type, g).isEmpty()) {
        throw Kind.SECURITY_GROUP.notFound(g);
      }
    }
    Res eni =
        new Res("ec2", Kind.NETWORK_INTERFACE.type, world.ec2Id(Kind.NETWORK_INTERFACE.prefix));
    eni.state = "in-use";
    eni.attrs.put("region", subnet.region());
    eni.attrs.put("subnetId", subnet.id);
    eni.attrs.put("vpcId", subnet.str("vpcId"));
    eni.attrs.put("availabilityZone", subnet.str("availabilityZone"));
    eni.attrs.put("groups", new ArrayList<>(groups));
    eni.attrs.put("description", description == null ? "" : description);
    if (requesterId != null) {
      eni.attrs.put("requesterId", requesterId);
    }
    eni.attrs.put("interfaceType", interfaceType == null ? "interface" : interfaceType);
    eni.attrs.put("status", "in-use");
    eni.attrs.put("privateIp", nextAddress(world, subnet));
    eni.attrs.put("macAddress", mac(world));
    eni.refs.add(subnet.id);
    eni.refs.add(subnet.str("vpcId"));
    eni.refs.addAll(groups);
    return world.put(eni);
  }

  /** Lets {@code eni} outlive its owner for {@code millis} of world time, then vanish. */
  public static void linger(World world, Res eni, long millis) {
    eni.expiresAt = world.nowMillis() + millis;
  }

  /** Removes an interface at once (a stopped task's). */
  public static void delete(World world, Res eni) {
    world.remove(eni);
  }

  private static String nextAddress(World world, Res subnet) {
    Set<String> used = new HashSet<>();
    world
        .of("ec2", Kind.NETWORK_INTERFACE.type)
        .filter(e -> subnet.id.equals(e.str("subnetId")))
        .forEach(e -> used.add(e.str("privateIp")));
    Cidr cidr = Cidr.parse(subnet.str("cidr"));
    // AWS reserves the first four addresses and the last one of every subnet.
    for (long ip = cidr.base() + 4; ip < cidr.base() + cidr.size() - 1; ip++) {
      if (!used.contains(Cidr.ip(ip))) {
        return Cidr.ip(ip);
      }
    }
    throw AwsException.client(
        "InsufficientFreeAddressesInSubnet",
        "There are not enough free addresses in subnet '"
            + subnet.id
            + "' to satisfy the requested number of instances.");
  }

  private static String mac(World world) {
    StringBuilder sb = new StringBuilder("0e");
    for (int i = 0; i < 5; i++) {
      sb.append(':').append(world.newId("", 2));
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> groups(Res eni) {
    return (List<String>) (List<?>) eni.listAttr("groups");
  }

  static Response describe(Ec2Call c) {
    List<Res> enis = c.describe(Kind.NETWORK_INTERFACE, "NetworkInterfaceId", FIELDS);
    return c.response()
        .list("networkInterfaceSet", "item", enis, (x, r) -> render(c, x, r))
        .response();
  }

  private static void render(Ec2Call c, Xml x, Res r) {
    String ip = r.str("privateIp");
    String dns =
        "ip-"
            + ip.replace('.', '-')
            + "."
            + (c.region.equals("us-east-1") ? "ec2.internal" : c.region + ".compute.internal");
    x.leaf("networkInterfaceId", r.id)
        .leaf("subnetId", r.str("subnetId"))
        .leaf("vpcId", r.str("vpcId"))
        .leaf("availabilityZone", r.str("availabilityZone"))
        .leaf("description", r.str("description"))
        .leaf("ownerId", World.ACCOUNT)
        .leaf("requesterId", r.str("requesterId"))
        .leaf("requesterManaged", r.str("requesterId") != null)
        .leaf("status", r.str("status"))
        .leaf("macAddress", r.str("macAddress"))
        .leaf("privateIpAddress", ip)
        .leaf("privateDnsName", dns)
        .leaf("sourceDestCheck", true)
        .list(
            "groupSet",
            "item",
            groups(r),
            (y, g) ->
                y.leaf("groupId", g)
                    .leaf(
                        "groupName",
                        c.world
                            .get("ec2", Kind.SECURITY_GROUP.type, g)
                            .map(s -> s.name)
                            .orElse(null)))
        .list(
            "privateIpAddressesSet",
            "item",
            List.of(ip),
            (y, a) ->
                y.leaf("privateIpAddress", a).leaf("privateDnsName", dns).leaf("primary", true))
        .list("ipv6AddressesSet", "item", List.<String>of(), (y, a) -> y.leaf("ipv6Address", a))
        .leaf("interfaceType", r.str("interfaceType"));
    Tags.render(x, r);
  }
}
