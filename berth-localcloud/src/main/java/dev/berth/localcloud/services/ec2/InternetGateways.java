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
 * Internet gateways: create, attach, detach (refused while the VPC has network interfaces, which
 * hold public addresses), delete (refused while attached), describe. At most {@value #LIMIT} per
 * region, as AWS's default quota.
 */
final class InternetGateways {
  static final int LIMIT = 5;

  private static final Map<String, Filters.Field> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("internet-gateway-id", r -> List.of(r.id));
    FIELDS.put("attachment.vpc-id", Filters.attr("vpcId"));
    FIELDS.put("attachment.state", r -> r.str("vpcId") == null ? List.of() : List.of("available"));
    FIELDS.put("owner-id", r -> List.of(World.ACCOUNT));
  }

  private InternetGateways() {}

  static Response create(Ec2Call c) {
    if (c.all(Kind.INTERNET_GATEWAY).count() >= LIMIT) {
      throw AwsException.client(
          "InternetGatewayLimitExceeded",
          "The maximum number of internet gateways has been reached.");
    }
    Res igw = c.world.put(c.create(Kind.INTERNET_GATEWAY));
    igw.state = "available";
    Xml x = c.response().open("internetGateway");
    render(x, igw);
    return x.close().response();
  }

  static Response attach(Ec2Call c) {
    Res igw = c.get(Kind.INTERNET_GATEWAY, c.required("InternetGatewayId"));
    Res vpc = c.get(Kind.VPC, c.required("VpcId"));
    if (igw.str("vpcId") != null) {
      throw AwsException.client(
          "Resource.AlreadyAssociated",
          "resource " + igw.id + " is already attached to network " + igw.str("vpcId"));
    }
    if (c.all(Kind.INTERNET_GATEWAY).anyMatch(g -> vpc.id.equals(g.str("vpcId")))) {
      throw AwsException.client(
          "InvalidParameterValue",
          "Network " + vpc.id + " already has an internet gateway attached");
    }
    igw.attrs.put("vpcId", vpc.id);
    igw.refs.add(vpc.id);
    return c.returnTrue();
  }

  static Response detach(Ec2Call c) {
    Res igw = c.get(Kind.INTERNET_GATEWAY, c.required("InternetGatewayId"));
    String vpcId = c.required("VpcId");
    if (!Kind.VPC.wellFormed(vpcId)) {
      throw Kind.VPC.malformed(vpcId);
    }
    if (!vpcId.equals(igw.str("vpcId"))) {
      throw AwsException.client(
          "Gateway.NotAttached", "resource " + igw.id + " is not attached to network " + vpcId);
    }
    if (c.all(Kind.NETWORK_INTERFACE).anyMatch(e -> vpcId.equals(e.str("vpcId")))) {
      throw AwsException.client(
          "DependencyViolation",
          "Network "
              + vpcId
              + " has some mapped public address(es). Please unmap those public address(es) before"
              + " detaching the gateway.");
    }
    igw.attrs.remove("vpcId");
    igw.refs.remove(vpcId);
    return c.returnTrue();
  }

  static Response delete(Ec2Call c) {
    Res igw = c.get(Kind.INTERNET_GATEWAY, c.required("InternetGatewayId"));
    if (igw.str("vpcId") != null) {
      throw AwsException.client(
          "DependencyViolation",
          "The internetGateway '" + igw.id + "' has dependencies and cannot be deleted.");
    }
    c.world.remove(igw);
    return c.returnTrue();
  }

  static Response describe(Ec2Call c) {
    List<Res> gateways = c.describe(Kind.INTERNET_GATEWAY, "InternetGatewayId", FIELDS);
    return c.response()
        .list("internetGatewaySet", "item", gateways, InternetGateways::render)
        .response();
  }

  private static void render(Xml x, Res r) {
    String vpcId = r.str("vpcId");
    x.leaf("internetGatewayId", r.id)
        .leaf("ownerId", World.ACCOUNT)
        .list(
            "attachmentSet",
            "item",
            vpcId == null ? List.<String>of() : List.of(vpcId),
            (y, v) -> y.leaf("vpcId", v).leaf("state", "available"));
    Tags.render(x, r);
  }
}
