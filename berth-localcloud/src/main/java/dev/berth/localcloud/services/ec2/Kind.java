package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The EC2 resource types localcloud keeps, with their id prefix and AWS's error codes. {@link
 * #type} is both the world's type name ({@code ec2/vpc}) and the TagSpecification resource type.
 */
enum Kind {
  VPC("vpc", "vpc", "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", "InvalidVpcID"),
  SUBNET(
      "subnet",
      "subnet",
      "InvalidSubnetID.NotFound",
      "The subnet ID '%s' does not exist",
      "InvalidSubnetID"),
  SECURITY_GROUP(
      "security-group",
      "sg",
      "InvalidGroup.NotFound",
      "The security group '%s' does not exist",
      "InvalidGroupId"),
  INTERNET_GATEWAY(
      "internet-gateway",
      "igw",
      "InvalidInternetGatewayID.NotFound",
      "The internetGateway ID '%s' does not exist",
      "InvalidInternetGatewayId"),
  ROUTE_TABLE(
      "route-table",
      "rtb",
      "InvalidRouteTableID.NotFound",
      "The routeTable ID '%s' does not exist",
      "InvalidRouteTableId"),
  NETWORK_INTERFACE(
      "network-interface",
      "eni",
      "InvalidNetworkInterfaceID.NotFound",
      "The networkInterface ID '%s' does not exist",
      "InvalidNetworkInterfaceId");

  final String type;
  final String prefix;
  private final String notFoundCode;
  private final String notFoundMessage;
  private final String malformedCode;

  Kind(String type, String prefix, String notFoundCode, String notFoundMessage, String malformed) {
    this.type = type;
    this.prefix = prefix;
    this.notFoundCode = notFoundCode;
    this.notFoundMessage = notFoundMessage;
    this.malformedCode = malformed + ".Malformed";
  }

  AwsException notFound(String id) {
    return AwsException.client(notFoundCode, String.format(notFoundMessage, id));
  }

  /** Whether {@code id} has this type's shape: the prefix and 8 or 17 hex digits. */
  boolean wellFormed(String id) {
    return id != null && id.matches(prefix + "-([0-9a-f]{8}|[0-9a-f]{17})");
  }

  AwsException malformed(String id) {
    return AwsException.client(malformedCode, "Invalid id: \"" + id + "\"");
  }

  /** The kind whose ids start like {@code id}. */
  static Optional<Kind> ofId(String id) {
    return Arrays.stream(values()).filter(k -> id.startsWith(k.prefix + "-")).findFirst();
  }
}
