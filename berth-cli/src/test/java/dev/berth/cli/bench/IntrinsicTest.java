package dev.berth.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Planner;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.localcloud.core.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile's durations laid over small graphs. */
class IntrinsicTest {
  private static final Profile AWS = Profile.aws(1.0);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final Map<String, ResourceType> TYPES =
      Map.of(
          "aws.elbv2.load-balancer",
          ResourceType.of("aws.elbv2.load-balancer").withCascadingDelete(),
          "aws.elbv2.listener",
          ResourceType.of("aws.elbv2.listener"),
          "aws.ec2.subnet",
          ResourceType.of("aws.ec2.subnet"),
          "aws.ec2.vpc",
          ResourceType.of("aws.ec2.vpc"));

  private static Resource r(String id, String type, Map<String, Object> props) {
    return new Resource(id, type, props);
  }

  @Test
  void apply_listenersStartBeforeTheLoadBalancerIsActive() {
    DesiredGraph g =
        DesiredGraph.of(
            r("lb", "aws.elbv2.load-balancer", Map.of()),
            r("lb-ready", "aws.elbv2.load-balancer-ready", Map.of("arn", Ref.to("lb", "arn"))),
            r("cert", "aws.acm.certificate", Map.of()),
            r("validation", "aws.acm.certificate-validation", Map.of("c", Ref.to("cert", "arn"))),
            r(
                "listener",
                "aws.elbv2.listener",
                Map.of("lb", Ref.to("lb", "arn"), "c", Ref.to("validation", "arn"))));
    var plan = Planner.plan(g, State.initial("s", T0), types(g), Map.of());

    CriticalPath.Result r = Intrinsic.apply(g, plan, AWS).compute();

    assertEquals(Duration.ofSeconds(150), r.length());
    assertEquals(List.of("lb", "lb-ready"), r.path());
    assertEquals(Duration.ofSeconds(65), r.finish().get("listener"));
  }

  @Test
  void apply_withoutAReadyNode_theLoadBalancerItselfTakesItsProvisioning() {
    DesiredGraph g =
        DesiredGraph.of(
            r("lb", "aws.elbv2.load-balancer", Map.of()),
            r("listener", "aws.elbv2.listener", Map.of("lb", Ref.to("lb", "arn"))));
    var plan = Planner.plan(g, State.initial("s", T0), types(g), Map.of());

    assertEquals(
        Duration.ofSeconds(150), Intrinsic.apply(g, plan, AWS).compute().finish().get("listener"));
  }

  @Test
  void apply_serviceWaitsForTasksAndHealthChecksAndForFreshRolesToPropagate() {
    Map<String, Object> tg = Map.of("healthCheckIntervalSeconds", 15, "healthyThresholdCount", 2);
    DesiredGraph g =
        DesiredGraph.of(
            r("role", "aws.iam.role", Map.of()),
            r("td", "aws.ecs.task-definition", Map.of("executionRoleArn", Ref.to("role", "arn"))),
            r("tg", "aws.elbv2.target-group", tg),
            r(
                "service",
                "aws.ecs.service",
                Map.of(
                    "taskDefinitionArn",
                    Ref.to("td", "arn"),
                    "targetGroupArn",
                    Ref.to("tg", "arn"))));
    var plan = Planner.plan(g, State.initial("s", T0), types(g), Map.of());

    CriticalPath cp = Intrinsic.apply(g, plan, AWS);

    // provisioning 15 s + pending 30 s + 15 s x 2 healthy checks, after IAM's 10 s
    assertEquals(Duration.ofSeconds(75), cp.duration("service"));
    assertEquals(Duration.ofSeconds(85), cp.compute().length());
  }

  @Test
  void destroy_loadBalancerGoesFirstAndItsInterfacesHoldTheSubnets() {
    State s =
        state(
            entry("vpc", "aws.ec2.vpc", Set.of()),
            entry("subnet", "aws.ec2.subnet", Set.of("vpc")),
            entry("lb", "aws.elbv2.load-balancer", Set.of("subnet")),
            entry("listener", "aws.elbv2.listener", Set.of("lb")));

    CriticalPath.Result r = Intrinsic.destroy(s, TYPES, AWS).compute();

    assertEquals(Duration.ofSeconds(300), r.length());
    assertEquals(List.of("lb", "subnet", "vpc"), r.path());
    assertEquals(Duration.ZERO, r.finish().get("lb"));
  }

  private static Map<String, ResourceType> types(DesiredGraph g) {
    Map<String, ResourceType> out = new HashMap<>();
    g.resources().values().forEach(r -> out.put(r.type(), ResourceType.of(r.type())));
    return out;
  }

  private static ResourceState entry(String id, String type, Set<String> deps) {
    return new ResourceState(
        id, type, ResourceState.Status.CREATED, "p-" + id, Map.of(), Map.of(), deps, T0, null);
  }

  private static State state(ResourceState... entries) {
    State s = State.initial("s", T0);
    for (ResourceState e : entries) {
      s = s.with(e);
    }
    return s;
  }
}
