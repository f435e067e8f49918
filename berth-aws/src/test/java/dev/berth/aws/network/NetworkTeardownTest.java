package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.services.ec2.NetworkInterfaces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole network layer of a stack, made through the handlers and taken apart again. */
class NetworkTeardownTest extends NetworkTestBase {
  private record Made(ResourceHandler handler, String id, Observed observed) {}

  private final List<Made> made = new ArrayList<>();

  private Observed make(ResourceHandler h, String id, Map<String, Object> props) throws Exception {
    Observed o = h.create(ctx(id), props);
    made.add(new Made(h, id, o));
    return o;
  }

  private void buildNetwork() throws Exception {
    Observed vpc = make(new VpcHandler(aws), "vpc", props("cidr", "10.0.0.0/16"));
    String vpcId = vpc.outputs().get("vpcId");
    String igw =
        make(new InternetGatewayHandler(aws), "igw", props("vpcId", vpcId))
            .outputs()
            .get("internetGatewayId");
    make(
        new RouteHandler(aws),
        "route",
        props(
            "routeTableId",
            vpc.outputs().get("mainRouteTableId"),
            "destinationCidr",
            "0.0.0.0/0",
            "gatewayId",
            igw));
    List<String> zones = Network.availabilityZones(ec2, 3);
    for (int i = 0; i < zones.size(); i++) {
      make(
          new SubnetHandler(aws),
          "subnet-" + i,
          props(
              "vpcId",
              vpcId,
              "cidr",
              "10.0." + i + ".0/24",
              "availabilityZone",
              zones.get(i),
              "mapPublicIpOnLaunch",
              true));
    }
    String lb =
        make(
                new SecurityGroupHandler(aws),
                "lb-sg",
                props(
                    "vpcId",
                    vpcId,
                    "name",
                    "hello-lb",
                    "description",
                    "hello load balancer",
                    "ingress",
                    List.of(
                        props("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0"),
                        props(
                            "protocol",
                            "tcp",
                            "fromPort",
                            443,
                            "toPort",
                            443,
                            "cidr",
                            "0.0.0.0/0"))))
            .outputs()
            .get("groupId");
    make(
        new SecurityGroupHandler(aws),
        "task-sg",
        props(
            "vpcId",
            vpcId,
            "name",
            "hello-task",
            "description",
            "hello tasks",
            "ingress",
            List.of(
                props("protocol", "tcp", "fromPort", 8080, "toPort", 8080, "sourceGroupId", lb))));
  }

  /** Deletes in reverse order of creation, retrying dependency errors as the engine does. */
  private void deleteAll() throws Exception {
    for (int i = made.size() - 1; i >= 0; i--) {
      Made m = made.get(i);
      for (int attempt = 0; ; attempt++) {
        try {
          m.handler()
              .delete(ctx(m.id()), m.observed().physicalId(), Map.of(), m.observed().outputs());
          break;
        } catch (Exception e) {
          if (attempt > 20
              || new dev.berth.aws.AwsErrorClassifier().classify(e) != ErrorKind.DEPENDENCY) {
            throw e;
          }
          clock.sleep(Duration.ofSeconds(30));
        }
      }
    }
  }

  @Test
  void deletingThePiecesInReverseOrder_leavesNothingBehind() throws Exception {
    buildNetwork();
    assertEquals(3, ec2.describeSubnets().subnets().size());

    deleteAll();

    assertEquals(List.of(), cloud.world().all().map(r -> r.key()).toList());
  }

  @Test
  void deletingThePieces_whileLoadBalancerInterfacesLinger_waitsThemOut() throws Exception {
    buildNetwork();
    String lbGroup = made.get(made.size() - 2).observed().physicalId();
    var subnets = ec2.describeSubnets().subnets();
    World world = cloud.world();
    // Never call localcloud while holding its lock: its request threads need it.
    synchronized (world) {
      for (var s : subnets) {
        var eni =
            NetworkInterfaces.create(
                world,
                s.subnetId(),
                List.of(lbGroup),
                "ELB app/hello/1",
                "amazon-elb",
                "interface");
        NetworkInterfaces.linger(world, eni, Duration.ofMinutes(5).toMillis());
      }
    }
    failsAs(
        ErrorKind.DEPENDENCY,
        () ->
            new InternetGatewayHandler(aws)
                .delete(ctx("igw"), made.get(1).observed().physicalId(), Map.of(), Map.of()));

    deleteAll();

    assertEquals(List.of(), cloud.world().all().map(r -> r.key()).toList());
  }
}
