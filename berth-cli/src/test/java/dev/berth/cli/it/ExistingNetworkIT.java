package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@code network: {vpc, subnets}}: berth deploys into a VPC it did not make, creates only its
 * security groups there, and leaves the VPC, subnets, gateway and route as they were on destroy.
 */
class ExistingNetworkIT {
  @RegisterExtension final CliHarness h = new CliHarness("hello");

  @Test
  void deploy_intoAnExistingVpc_createsNoNetworkAndDestroyLeavesItIntact() {
    Ec2Client ec2 = h.aws().ec2();
    String vpc = ec2.createVpc(r -> r.cidrBlock("172.31.0.0/16")).vpc().vpcId();
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.vpcId(vpc).internetGatewayId(igw));
    String rtb =
        ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
            .routeTables()
            .get(0)
            .routeTableId();
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    String a =
        ec2.createSubnet(
                r -> r.vpcId(vpc).cidrBlock("172.31.0.0/20").availabilityZone("us-east-1a"))
            .subnet()
            .subnetId();
    String b =
        ec2.createSubnet(
                r -> r.vpcId(vpc).cidrBlock("172.31.16.0/20").availabilityZone("us-east-1b"))
            .subnet()
            .subnetId();
    h.editSpec(s -> s + "network:\n  vpc: " + vpc + "\n  subnets: [" + a + ", " + b + "]\n");

    CliHarness.Run deploy = h.berth("deploy");
    assertEquals(0, deploy.exitCode(), deploy::toString);
    Set<String> types = new TreeSet<>();
    for (JsonNode r : h.berthResources("hello")) {
      types.add(r.path("service").asText() + "/" + r.path("type").asText());
    }
    assertTrue(
        types.stream()
            .noneMatch(
                t ->
                    t.equals("ec2/vpc")
                        || t.equals("ec2/subnet")
                        || t.equals("ec2/internet-gateway")),
        types::toString);
    JsonNode state = h.state("hello").path("resources");
    assertTrue(state.has("lb-security-group") && state.has("task-security-group"), state::toString);
    assertTrue(!state.has("vpc") && !state.has("subnet-a") && !state.has("route"), state::toString);
    String lbVpc = h.aws().elb().describeLoadBalancers().loadBalancers().get(0).vpcId();
    assertEquals(vpc, lbVpc);

    CliHarness.Run destroy = h.berth("destroy", "--yes");
    assertEquals(0, destroy.exitCode(), destroy::toString);
    assertEquals(List.of(), h.berthResources("hello"));
    assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().size());
    assertEquals(2, ec2.describeSubnets(r -> r.subnetIds(a, b)).subnets().size());
    assertEquals(
        vpc,
        ec2.describeInternetGateways(r -> r.internetGatewayIds(igw))
            .internetGateways()
            .get(0)
            .attachments()
            .get(0)
            .vpcId());
  }
}
