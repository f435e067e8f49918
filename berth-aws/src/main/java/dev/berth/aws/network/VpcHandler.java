package dev.berth.aws.network;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcState;

/**
 * {@code aws.ec2.vpc}: a VPC with {@code cidr}. Outputs {@code vpcId} and {@code mainRouteTableId}
 * (the route table AWS makes with the VPC, found with the {@code association.main} filter).
 */
public final class VpcHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = VpcKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public VpcHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return VpcKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    Ec2Client ec2 = aws.ec2();
    String vpcId =
        ec2.createVpc(
                r ->
                    r.cidrBlock(VpcKeys.CIDR.get(props))
                        .tagSpecifications(Ec2Calls.tags("vpc", ctx.tags())))
            .vpc()
            .vpcId();
    Vpc vpc =
        Wait.until(
                ctx,
                "VPC " + vpcId + " to be available",
                Ec2Calls.VISIBILITY,
                Polls.VISIBLE,
                () -> describe(ec2, vpcId))
            .notVisible("VPC " + vpcId + " not visible yet")
            .inState(
                v -> v.state() == VpcState.AVAILABLE,
                v -> "VPC " + vpcId + " is " + v.stateAsString());
    String rtb =
        Wait.until(
                ctx,
                "the main route table of " + vpcId,
                Ec2Calls.VISIBILITY,
                Polls.VISIBLE,
                () -> mainRouteTable(ec2, vpcId))
            .notVisible("no main route table yet")
            .visible();
    return observed(vpc, rtb);
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    Ec2Client ec2 = aws.ec2();
    return describe(ec2, physicalId)
        .map(v -> observed(v, mainRouteTable(ec2, v.vpcId()).orElse(null)));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ec2().deleteVpc(r -> r.vpcId(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    Ec2Client ec2 = aws.ec2();
    List<Filter> filters = new ArrayList<>(Ec2Calls.ownedBy(ctx));
    filters.add(Ec2Calls.filter("cidr", VpcKeys.CIDR.get(props)));
    return ec2.describeVpcs(r -> r.filters(filters)).vpcs().stream()
        .findFirst()
        .map(v -> observed(v, mainRouteTable(ec2, v.vpcId()).orElse(null)));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Ec2Calls.tag(aws.ec2(), physicalId, ctx.tags());
  }

  private static Optional<Vpc> describe(Ec2Client ec2, String vpcId) {
    try {
      return ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().stream().findFirst();
    } catch (RuntimeException e) {
      if (Ec2Calls.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Optional<String> mainRouteTable(Ec2Client ec2, String vpcId) {
    return ec2
        .describeRouteTables(
            r ->
                r.filters(
                    Ec2Calls.filter("vpc-id", vpcId), Ec2Calls.filter("association.main", "true")))
        .routeTables()
        .stream()
        .map(RouteTable::routeTableId)
        .findFirst();
  }

  private static Observed observed(Vpc vpc, String mainRouteTableId) {
    Map<String, String> outputs =
        mainRouteTableId == null
            ? Map.of("vpcId", vpc.vpcId())
            : Map.of("vpcId", vpc.vpcId(), "mainRouteTableId", mainRouteTableId);
    return new Observed(vpc.vpcId(), outputs, Map.of("cidr", vpc.cidrBlock()), vpc.stateAsString())
        .withTags(Ec2Calls.toMap(vpc.tags()));
  }
}
