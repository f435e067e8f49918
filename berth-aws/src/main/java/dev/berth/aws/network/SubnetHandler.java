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
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetState;

/**
 * {@code aws.ec2.subnet}: {@code cidr} of {@code vpcId} in {@code availabilityZone}; {@code
 * mapPublicIpOnLaunch} is the one property changed in place. Create returns once the subnet is
 * {@code available}.
 */
public final class SubnetHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = SubnetKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public SubnetHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return SubnetKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    Ec2Client ec2 = aws.ec2();
    String id =
        ec2.createSubnet(
                r ->
                    r.vpcId(SubnetKeys.VPC_ID.get(props))
                        .cidrBlock(SubnetKeys.CIDR.get(props))
                        .availabilityZone(SubnetKeys.AVAILABILITY_ZONE.get(props))
                        .tagSpecifications(Ec2Calls.tags("subnet", ctx.tags())))
            .subnet()
            .subnetId();
    try {
      Subnet subnet =
          Wait.until(
                  ctx,
                  "subnet " + id + " to be available",
                  Ec2Calls.VISIBILITY,
                  Polls.VISIBLE,
                  () -> describe(ec2, id))
              .notVisible("subnet " + id + " not visible yet")
              .inState(
                  s -> s.state() == SubnetState.AVAILABLE,
                  s -> "subnet " + id + " is " + s.stateAsString());
      boolean mapPublic = mapPublicIp(props);
      if (mapPublic != Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch())) {
        setMapPublicIp(ctx, ec2, id, mapPublic);
      }
    } catch (Exception e) {
      Ec2Calls.undo(e, () -> ec2.deleteSubnet(r -> r.subnetId(id)));
      throw e;
    }
    return read(ctx, id, props).orElseThrow();
  }

  private static void setMapPublicIp(ResourceContext ctx, Ec2Client ec2, String id, boolean value)
      throws Exception {
    Ec2Calls.whenVisible(
        ctx,
        "setting MapPublicIpOnLaunch of " + id,
        () ->
            ec2.modifySubnetAttribute(
                r -> r.subnetId(id).mapPublicIpOnLaunch(b -> b.value(value))));
  }

  private static boolean mapPublicIp(Map<String, Object> props) {
    return Boolean.parseBoolean(String.valueOf(props.getOrDefault("mapPublicIpOnLaunch", false)));
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(aws.ec2(), physicalId).map(SubnetHandler::observed);
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    Ec2Client ec2 = aws.ec2();
    Subnet current = ec2.describeSubnets(r -> r.subnetIds(physicalId)).subnets().get(0);
    boolean wanted = mapPublicIp(newProps);
    if (wanted != Boolean.TRUE.equals(current.mapPublicIpOnLaunch())) {
      setMapPublicIp(ctx, ec2, physicalId, wanted);
    }
    return read(ctx, physicalId, newProps).orElseThrow();
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ec2().deleteSubnet(r -> r.subnetId(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    List<Filter> filters = new ArrayList<>(Ec2Calls.ownedBy(ctx));
    filters.add(Ec2Calls.filter("vpc-id", SubnetKeys.VPC_ID.get(props)));
    filters.add(Ec2Calls.filter("cidr-block", SubnetKeys.CIDR.get(props)));
    return aws.ec2().describeSubnets(r -> r.filters(filters)).subnets().stream()
        .findFirst()
        .map(SubnetHandler::observed);
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Ec2Calls.tag(aws.ec2(), physicalId, ctx.tags());
  }

  private static Optional<Subnet> describe(Ec2Client ec2, String id) {
    try {
      return ec2.describeSubnets(r -> r.subnetIds(id)).subnets().stream().findFirst();
    } catch (RuntimeException e) {
      if (Ec2Calls.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Observed observed(Subnet s) {
    return new Observed(
            s.subnetId(),
            Map.of("subnetId", s.subnetId()),
            Map.of(
                "vpcId", s.vpcId(),
                "cidr", s.cidrBlock(),
                "availabilityZone", s.availabilityZone(),
                "mapPublicIpOnLaunch", Boolean.TRUE.equals(s.mapPublicIpOnLaunch())),
            s.stateAsString())
        .withTags(Ec2Calls.toMap(s.tags()));
  }
}
