package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;

/**
 * EC2: availability zones, VPCs with their main route table and default security group, internet
 * gateways, routes, subnets, security groups, network interfaces and tags, with AWS's dependency
 * rules and error codes. Every resource belongs to the region of the call that made it.
 */
public final class Ec2Service implements AwsService {

  @Override
  public String signingName() {
    return "ec2";
  }

  @Override
  public Protocol protocol() {
    return Protocol.EC2;
  }

  @Override
  public Response handle(Request req, World world) {
    Ec2Call c = new Ec2Call(req, world);
    String action = req.action() == null ? "" : req.action();
    if ("true".equalsIgnoreCase(req.param("DryRun"))) {
      throw new AwsException(
          412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
    return switch (action) {
      case "DescribeAvailabilityZones" -> AvailabilityZones.describe(c);
      case "CreateVpc" -> Vpcs.create(c);
      case "DescribeVpcs" -> Vpcs.describe(c);
      case "DeleteVpc" -> Vpcs.delete(c);
      case "CreateInternetGateway" -> InternetGateways.create(c);
      case "AttachInternetGateway" -> InternetGateways.attach(c);
      case "DetachInternetGateway" -> InternetGateways.detach(c);
      case "DeleteInternetGateway" -> InternetGateways.delete(c);
      case "DescribeInternetGateways" -> InternetGateways.describe(c);
      case "DescribeRouteTables" -> RouteTables.describe(c);
      case "CreateRoute" -> RouteTables.createRoute(c);
      case "DeleteRoute" -> RouteTables.deleteRoute(c);
      case "CreateSubnet" -> Subnets.create(c);
      case "ModifySubnetAttribute" -> Subnets.modifyAttribute(c);
      case "DescribeSubnets" -> Subnets.describe(c);
      case "DeleteSubnet" -> Subnets.delete(c);
      case "CreateSecurityGroup" -> SecurityGroups.create(c);
      case "AuthorizeSecurityGroupIngress" -> SecurityGroups.authorizeIngress(c);
      case "RevokeSecurityGroupIngress" -> SecurityGroups.revokeIngress(c);
      case "DescribeSecurityGroups" -> SecurityGroups.describe(c);
      case "DeleteSecurityGroup" -> SecurityGroups.delete(c);
      case "DescribeNetworkInterfaces" -> NetworkInterfaces.describe(c);
      case "CreateTags" -> Tags.create(c);
      case "DeleteTags" -> Tags.delete(c);
      default ->
          throw AwsException.client(
              "InvalidAction", "The action " + action + " is not valid for this web service.");
    };
  }
}
