package dev.berth.aws.network;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.Wait;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/**
 * {@code aws.ec2.internet-gateway}: a gateway attached to {@code vpcId}. Delete detaches, then
 * deletes; AWS refuses the detach with DependencyViolation while network interfaces with public
 * addresses remain in the VPC (a deleted load balancer's linger for minutes), and the engine
 * retries it.
 */
public final class InternetGatewayHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = InternetGatewayKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public InternetGatewayHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return InternetGatewayKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    Ec2Client ec2 = aws.ec2();
    String vpcId = InternetGatewayKeys.VPC_ID.get(props);
    String igw =
        ec2.createInternetGateway(
                r -> r.tagSpecifications(Ec2Calls.tags("internet-gateway", ctx.tags())))
            .internetGateway()
            .internetGatewayId();
    try {
      attach(ctx, ec2, igw, vpcId);
    } catch (Exception e) {
      Ec2Calls.undo(e, () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));
      throw e;
    }
    return observed(igw, vpcId);
  }

  private static void attach(ResourceContext ctx, Ec2Client ec2, String igw, String vpcId)
      throws Exception {
    Ec2Calls.whenVisible(
        ctx,
        "attaching " + igw + " to " + vpcId,
        () -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId)));
    // Returns once EC2 reports the attachment, so a route to the gateway can be made next.
    Wait.until(
            ctx,
            igw + " attached to " + vpcId,
            Ec2Calls.VISIBILITY,
            Polls.VISIBLE,
            () -> describe(ec2, igw).filter(g -> vpcId.equals(attachedVpc(g))))
        .notVisible("attachment of " + igw + " not visible yet")
        .visible();
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(aws.ec2(), physicalId)
        .map(
            g ->
                observed(g.internetGatewayId(), attachedVpc(g)).withTags(Ec2Calls.toMap(g.tags())));
  }

  /** Re-attaches a gateway found detached (drift, or a crash between create and attach). */
  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    Ec2Client ec2 = aws.ec2();
    String vpcId = InternetGatewayKeys.VPC_ID.get(newProps);
    // Not caught: if the gateway is gone, EC2's NotFound tells the engine so.
    InternetGateway g =
        ec2.describeInternetGateways(r -> r.internetGatewayIds(physicalId))
            .internetGateways()
            .get(0);
    if (attachedVpc(g) == null) {
      attach(ctx, ec2, physicalId, vpcId);
    }
    return observed(physicalId, vpcId);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Ec2Client ec2 = aws.ec2();
    Optional<InternetGateway> g = describe(ec2, physicalId);
    if (g.isEmpty()) {
      return;
    }
    for (InternetGatewayAttachment a : g.get().attachments()) {
      try {
        ec2.detachInternetGateway(r -> r.internetGatewayId(physicalId).vpcId(a.vpcId()));
      } catch (RuntimeException e) {
        // Detached meanwhile, or its VPC is gone: either way nothing holds the gateway. Not
        // left to the engine, which would take a VPC's NotFound for this gateway gone.
        if (!Ec2Calls.is(e, "Gateway.NotAttached") && !Ec2Calls.isNotFound(e)) {
          throw e;
        }
      }
    }
    ec2.deleteInternetGateway(r -> r.internetGatewayId(physicalId));
  }

  /**
   * The gateway tagged for this resource that is attached to {@code vpcId} or to nothing; one
   * attached elsewhere belongs to another version of the stack.
   */
  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String vpcId = InternetGatewayKeys.VPC_ID.get(props);
    return aws
        .ec2()
        .describeInternetGateways(r -> r.filters(Ec2Calls.ownedBy(ctx)))
        .internetGateways()
        .stream()
        .filter(g -> attachedVpc(g) == null || attachedVpc(g).equals(vpcId))
        .findFirst()
        .map(g -> observed(g.internetGatewayId(), attachedVpc(g)));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Ec2Calls.tag(aws.ec2(), physicalId, ctx.tags());
  }

  private static Optional<InternetGateway> describe(Ec2Client ec2, String id) {
    try {
      return ec2.describeInternetGateways(r -> r.internetGatewayIds(id)).internetGateways().stream()
          .findFirst();
    } catch (RuntimeException e) {
      if (Ec2Calls.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String attachedVpc(InternetGateway g) {
    return g.attachments().stream().map(InternetGatewayAttachment::vpcId).findFirst().orElse(null);
  }

  private static Observed observed(String igw, String vpcId) {
    Map<String, Object> props = new LinkedHashMap<>();
    // Empty, not null, for a detached gateway: a property left out reads as "not observed", and the
    // engine must see that a gateway found after a crash between create and attach needs attaching.
    props.put("vpcId", vpcId == null ? "" : vpcId);
    return new Observed(
        igw, Map.of("internetGatewayId", igw), props, vpcId == null ? "detached" : "attached");
  }
}
