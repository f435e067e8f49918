package dev.berth.cli.bench;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.localcloud.core.Profile;
import java.time.Duration;
import java.util.Map;

/**
 * How long each resource takes on localcloud by itself, read from the latency {@link Profile} (not
 * measured): the time between the call that starts it and the moment the cloud reports it ready or
 * gone, with API calls taking no time and every poll answered the instant the state changes. Laid
 * over the resource graph, the longest path is a lower bound no scheduler can beat on that profile.
 *
 * <p>Creates: the certificate shows its validation record after {@code acm.record}; validation ends
 * {@code acm.issue} after the CNAME exists; a load balancer is active {@code elb.active} after it
 * is created (on its own {@code load-balancer-ready} node when the graph has one); an ECS service
 * (create or update) is stable once new tasks have provisioned, started and passed the health check
 * (provisioning + pending + interval × healthy threshold); a Route 53 change is in sync after
 * {@code route53.insync}; ECS accepts a service only {@code iam.propagation} after the task's roles
 * were created (a lag on that edge). Everything else is immediate.
 *
 * <p>Deletes go dependents first, except past types that delete their dependents with them (a load
 * balancer takes its listeners and rules). An ECS service drains its targets (the target group's
 * deregistration delay), deprovisions its tasks and turns INACTIVE after {@code ecs.service.drain};
 * a load balancer's network interfaces keep its subnets and security groups in use for {@code
 * elb.eni.release} after it is deleted; ACM keeps a certificate in use {@code
 * acm.inuse.after.listener} after its listener went.
 */
public final class Intrinsic {
  private Intrinsic() {}

  /** The graph of a deploy: every change of {@code plan} with its duration; KEEP takes no time. */
  public static CriticalPath apply(DesiredGraph graph, Plan plan, Profile profile) {
    CriticalPath cp = new CriticalPath();
    boolean separateReady =
        graph.resources().values().stream()
            .anyMatch(r -> r.type().equals("aws.elbv2.load-balancer-ready"));
    for (String id : graph.order()) {
      Resource r = graph.resource(id);
      Action a = plan.change(id).map(Change::action).orElse(Action.KEEP);
      Duration d =
          a == Action.KEEP || a == Action.DELETE
              ? Duration.ZERO
              : createOrUpdate(graph, r, profile, separateReady);
      cp.node(id, d);
    }
    for (String id : graph.order()) {
      for (String dep : graph.dependenciesOf(id)) {
        cp.edge(dep, id);
      }
      Resource r = graph.resource(id);
      if (r.type().equals("aws.ecs.service")) {
        roleLags(graph, plan, r, profile, cp);
      }
    }
    return cp;
  }

  private static Duration createOrUpdate(
      DesiredGraph graph, Resource r, Profile p, boolean separateReady) {
    return switch (r.type()) {
      case "aws.acm.certificate" -> p.delay("acm.record");
      case "aws.acm.certificate-validation" -> p.delay("acm.issue");
      case "aws.elbv2.load-balancer-ready" -> p.delay("elb.active");
      case "aws.elbv2.load-balancer" -> separateReady ? Duration.ZERO : p.delay("elb.active");
      case "aws.route53.record" -> p.delay("route53.insync");
      case "aws.ecs.service" -> taskStart(graph, r, p);
      default -> Duration.ZERO;
    };
  }

  /** New tasks: provisioning, pending, then healthy after interval × threshold checks. */
  private static Duration taskStart(DesiredGraph graph, Resource service, Profile p) {
    Duration health = Duration.ZERO;
    Resource tg = referenced(graph, service, "targetGroupArn");
    if (tg != null) {
      long interval = Props.integer(tg.properties(), "healthCheckIntervalSeconds", 30);
      long threshold = Props.integer(tg.properties(), "healthyThresholdCount", 5);
      health = p.delay("elb.health", Duration.ofSeconds(interval * threshold));
    }
    return p.delay("ecs.task.provisioning").plus(p.delay("ecs.task.pending")).plus(health);
  }

  /** ECS refuses a service whose task roles are younger than the IAM propagation window. */
  private static void roleLags(
      DesiredGraph graph, Plan plan, Resource service, Profile p, CriticalPath cp) {
    Resource td = referenced(graph, service, "taskDefinitionArn");
    if (td == null) {
      return;
    }
    for (String key : new String[] {"executionRoleArn", "taskRoleArn"}) {
      Resource role = referenced(graph, td, key);
      boolean fresh =
          role != null
              && plan.change(role.id())
                  .map(c -> c.action() == Action.CREATE || c.action() == Action.REPLACE)
                  .orElse(false);
      if (fresh) {
        cp.edge(role.id(), service.id(), p.delay("iam.propagation"));
      }
    }
  }

  private static Resource referenced(DesiredGraph graph, Resource r, String key) {
    return r.properties().get(key) instanceof Ref ref
        ? graph.get(ref.resource()).orElse(null)
        : null;
  }

  /** The graph of a destroy of everything in {@code state}. */
  public static CriticalPath destroy(
      State state, Map<String, ResourceType> types, Profile profile) {
    CriticalPath cp = new CriticalPath();
    Map<String, ResourceState> all = state.resources();
    for (ResourceState rs : all.values()) {
      cp.node(rs.id(), delete(rs, all, types, profile));
    }
    for (ResourceState a : all.values()) {
      ResourceType type = types.get(a.type());
      boolean cascades = type != null && type.cascadesDelete();
      for (ResourceState b : all.values()) {
        if (a != b && b.dependsOn().contains(a.logicalId()) && !cascades) {
          cp.edge(b.id(), a.id());
        }
      }
      if (a.type().equals("aws.elbv2.load-balancer")) {
        // Its network interfaces outlive it and keep its subnets and security groups in use.
        for (String dep : a.dependsOn()) {
          ResourceState d = all.get(dep);
          if (d != null
              && (d.type().equals("aws.ec2.subnet") || d.type().equals("aws.ec2.security-group"))) {
            cp.edge(a.id(), dep, profile.delay("elb.eni.release"));
          }
        }
      }
    }
    return cp;
  }

  private static Duration delete(
      ResourceState rs,
      Map<String, ResourceState> all,
      Map<String, ResourceType> types,
      Profile p) {
    ResourceType type = types.get(rs.type());
    if (type != null && type.retain()) {
      return Duration.ZERO;
    }
    return switch (rs.type()) {
      case "aws.ecs.service" -> serviceDrain(rs, all, p);
      case "aws.acm.certificate" -> p.delay("acm.inuse.after.listener");
      case "aws.route53.record" -> p.delay("route53.insync");
      default -> Duration.ZERO;
    };
  }

  /** Targets drain, tasks deprovision, then the service turns INACTIVE. */
  private static Duration serviceDrain(
      ResourceState service, Map<String, ResourceState> all, Profile p) {
    Duration drain = Duration.ZERO;
    Object tgArn = service.properties().get("targetGroupArn");
    for (ResourceState tg : all.values()) {
      if (tg.type().equals("aws.elbv2.target-group")
          && tg.physicalId() != null
          && tg.physicalId().equals(tgArn)) {
        long delay = Props.integer(tg.properties(), "deregistrationDelaySeconds", 300);
        drain = p.delay("elb.deregistration", Duration.ofSeconds(delay));
      }
    }
    return drain
        .plus(p.delay("ecs.task.deprovisioning", Duration.ofSeconds(5)))
        .plus(p.delay("ecs.service.drain"));
  }
}
