package dev.berth.localcloud.services.ec2;

import static dev.berth.localcloud.services.ec2.Ec2Testing.fails;
import static dev.berth.localcloud.services.ec2.Ec2Testing.filter;
import static dev.berth.localcloud.services.ec2.Ec2Testing.group;
import static dev.berth.localcloud.services.ec2.Ec2Testing.mainRouteTable;
import static dev.berth.localcloud.services.ec2.Ec2Testing.subnet;
import static dev.berth.localcloud.services.ec2.Ec2Testing.vpc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

@ExtendWith(LocalCloudExtension.class)
class Ec2TagsTest {

  private static Map<String, String> vpcTags(Ec2Client ec2, String id) {
    return ec2.describeVpcs(r -> r.vpcIds(id)).vpcs().get(0).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void createTags_onEveryType_areFoundByTagFilters(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      String subnet = subnet(ec2, vpc, "10.0.1.0/24", "us-east-1a");
      String sg = group(ec2, vpc, "lb");
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      String rtb = mainRouteTable(ec2, vpc);
      ec2.createTags(
          r ->
              r.resources(vpc, subnet, sg, igw, rtb)
                  .tags(Tag.builder().key("berth:stack").value("hello").build()));
      var f = filter("tag:berth:stack", "hello");
      assertEquals(1, ec2.describeVpcs(r -> r.filters(f)).vpcs().size());
      assertEquals(1, ec2.describeSubnets(r -> r.filters(f)).subnets().size());
      assertEquals(1, ec2.describeSecurityGroups(r -> r.filters(f)).securityGroups().size());
      assertEquals(1, ec2.describeInternetGateways(r -> r.filters(f)).internetGateways().size());
      assertEquals(1, ec2.describeRouteTables(r -> r.filters(f)).routeTables().size());
      assertEquals(1, ec2.describeVpcs(r -> r.filters(filter("tag-value", "hel*"))).vpcs().size());
    }
  }

  @Test
  void deleteTags_removesOnlyMatchingKeysAndValues(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      ec2.createTags(
          r ->
              r.resources(vpc)
                  .tags(
                      Tag.builder().key("a").value("1").build(),
                      Tag.builder().key("b").value("2").build(),
                      Tag.builder().key("c").value("3").build()));
      ec2.deleteTags(r -> r.resources(vpc).tags(Tag.builder().key("a").build()));
      ec2.deleteTags(r -> r.resources(vpc).tags(Tag.builder().key("b").value("other").build()));
      assertEquals(Map.of("b", "2", "c", "3"), vpcTags(ec2, vpc));
      ec2.deleteTags(r -> r.resources(vpc));
      assertEquals(Map.of(), vpcTags(ec2, vpc));
    }
  }

  @Test
  void createTags_whenResourceUnknownOrKeyReserved_returnsErrors(LocalCloud cloud) {
    try (Ec2Client ec2 = Clients.of(Ec2Client.builder(), cloud)) {
      String vpc = vpc(ec2, "10.0.0.0/16");
      fails(
          "InvalidSubnetID.NotFound",
          "subnet-0123456789abcdef0",
          () ->
              ec2.createTags(
                  r ->
                      r.resources(vpc, "subnet-0123456789abcdef0")
                          .tags(Tag.builder().key("a").value("1").build())));
      assertEquals(Map.of(), vpcTags(ec2, vpc));
      fails(
          "InvalidParameterValue",
          "aws:",
          () ->
              ec2.createTags(
                  r -> r.resources(vpc).tags(Tag.builder().key("aws:x").value("1").build())));
      fails(
          "InvalidID",
          "The ID 'thing-1' is not valid",
          () ->
              ec2.createTags(
                  r -> r.resources("thing-1").tags(Tag.builder().key("a").value("1").build())));
    }
  }
}
