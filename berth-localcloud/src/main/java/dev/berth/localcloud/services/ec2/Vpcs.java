package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateVpc, DescribeVpcs, DeleteVpc. A VPC comes with its main route table (the local route) and
 * its default security group, and takes them along when deleted.
 */
final class Vpcs {
  static final int LIMIT_PER_REGION = 5;

  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("vpc-id", r -> List.of(r.id));
    FIELDS.put("cidr", Filters.attr("cidr"));
    FIELDS.put("cidr-block-association.cidr-block", Filters.attr("cidr"));
    FIELDS.put("cidr-block-association.association-id", Filters.attr("cidrAssociationId"));
    FIELDS.put("cidr-block-association.state", r -> List.of("associated"));
    FIELDS.put("dhcp-options-id", Filters.attr("dhcpOptionsId"));
    FIELDS.put("is-default", r -> List.of("false"));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
    FIELDS.put("state", r -> List.of(r.state));
  }

  private Vpcs() {}

  static Response create(Ec2Call c) {
    String cidrText = c.param("CidrBlock");
    if (cidrText == null || cidrText.isEmpty()) {
      throw AwsException.client(
          "MissingParameter", "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
    }
    Cidr cidr = Cidr.parse(cidrText);
    if (cidr == null) {
      throw AwsException.client(
          "InvalidParameterValue",
          "Value ("
              + cidrText
              + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
    }
    if (cidr.prefix() < 16 || cidr.prefix() > 28) {
      throw AwsException.client("InvalidVpc.Range", "The CIDR '" + cidrText + "' is invalid.");
    }
    if (c.all(Kind.VPC).count() >= LIMIT_PER_REGION) {
      throw AwsException.client("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
    }
    Res vpc = c.create(Kind.VPC);
    vpc.state = "available";
    vpc.attrs.put("cidr", cidr.toString());
    vpc.attrs.put("cidrAssociationId", c.world.ec2Id("vpc-cidr-assoc"));
    vpc.attrs.put("dhcpOptionsId", dhcpOptionsId(c.world));
    vpc.attrs.put("instanceTenancy", "default");
    Res rtb = RouteTables.createMain(c, vpc);
    Res sg = SecurityGroups.createDefault(c, vpc);
    vpc.attrs.put("mainRouteTableId", rtb.id);
    vpc.attrs.put("defaultSecurityGroupId", sg.id);
    c.world.put(vpc);
    c.world.put(rtb);
    c.world.put(sg);
    Xml x = c.response().open("vpc");
    render(x, vpc, "pending");
    return x.close().response();
  }

  /** One DHCP options set per world, as an account's default. */
  private static String dhcpOptionsId(World world) {
    return (String) world.meta().computeIfAbsent("ec2.dhcpOptionsId", k -> world.ec2Id("dopt"));
  }

  static Response describe(Ec2Call c) {
    List<Res> vpcs = c.describe(Kind.VPC, "VpcId", FIELDS);
    return c.response()
        .list("vpcSet", "item", vpcs, (x, r) -> render(x, r, state(c, r)))
        .response();
  }

  static String state(Ec2Call c, Res vpc) {
    return c.settling(vpc) ? "pending" : vpc.state;
  }

  static Response delete(Ec2Call c) {
    Res vpc = c.get(Kind.VPC, c.required("VpcId"));
    String rtbId = vpc.str("mainRouteTableId");
    String sgId = vpc.str("defaultSecurityGroupId");
    boolean blocked =
        c.world
            .referrers(vpc.id)
            .anyMatch(r -> r.service.equals("ec2") && !r.id.equals(rtbId) && !r.id.equals(sgId));
    if (blocked) {
      throw AwsException.client(
          "DependencyViolation",
          "The vpc '" + vpc.id + "' has dependencies and cannot be deleted.");
    }
    c.world.get("ec2", Kind.ROUTE_TABLE.type, rtbId).ifPresent(c.world::remove);
    c.world.get("ec2", Kind.SECURITY_GROUP.type, sgId).ifPresent(c.world::remove);
    c.world.remove(vpc);
    return c.returnTrue();
  }

  private static void render(Xml x, Res r, String state) {
    x.leaf("vpcId", r.id)
        .leaf("ownerId", World.ACCOUNT)
        .leaf("state", state)
        .leaf("cidrBlock", r.str("cidr"))
        .list(
            "cidrBlockAssociationSet",
            "item",
            List.of(r),
            (y, v) ->
                y.leaf("cidrBlock", v.str("cidr"))
                    .leaf("associationId", v.str("cidrAssociationId"))
                    .open("cidrBlockState")
                    .leaf("state", "associated")
                    .close())
        .leaf("dhcpOptionsId", r.str("dhcpOptionsId"))
        .leaf("instanceTenancy", "default")
        .leaf("isDefault", false);
    Tags.render(x, r);
  }
}
