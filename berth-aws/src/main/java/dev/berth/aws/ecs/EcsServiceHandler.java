package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.aws.failure.RolloutFailedException;
import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.Wait;
import dev.berth.core.resource.WaitStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * {@code aws.ecs.service}: a Fargate service behind the load balancer's target group. Create and
 * update return only once the rollout is stable (see {@link RolloutWatcher}) and fail fast when its
 * tasks stop; delete scales to zero, deletes and waits for INACTIVE. Physical id: the service ARN.
 */
public final class EcsServiceHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = EcsServiceKeys.DESCRIPTOR.type();
  static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(15);
  static final Duration DELETE_TIMEOUT = Duration.ofMinutes(20);
  private static final String STILL_DEPLOYING = "cannot be stopped while deployments are active";

  private final AwsClients aws;
  private final boolean waitForRollout;

  public EcsServiceHandler(AwsClients aws) {
    this(aws, true);
  }

  /**
   * @param waitForRollout false for {@code deploy --no-wait}: create and update return once ECS has
   *     accepted the deployment, without waiting for tasks
   */
  public EcsServiceHandler(AwsClients aws, boolean waitForRollout) {
    this.aws = aws;
    this.waitForRollout = waitForRollout;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return EcsServiceKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String name = EcsServiceKeys.NAME.get(props);
    String cluster = EcsServiceKeys.CLUSTER.get(props);
    CreateServiceRequest.Builder req =
        CreateServiceRequest.builder()
            .cluster(cluster)
            .serviceName(name)
            .taskDefinition(EcsServiceKeys.TASK_DEFINITION_ARN.get(props))
            .desiredCount(EcsServiceKeys.DESIRED_COUNT.get(props))
            .launchType(LaunchType.FARGATE)
            .networkConfiguration(
                n ->
                    n.awsvpcConfiguration(
                        a ->
                            a.subnets(strings(props, "subnets"))
                                .securityGroups(strings(props, "securityGroups"))
                                .assignPublicIp(AssignPublicIp.ENABLED)))
            .deploymentConfiguration(
                d ->
                    d.deploymentCircuitBreaker(c -> c.enable(true).rollback(true))
                        .minimumHealthyPercent(100)
                        .maximumPercent(200))
            .tags(EcsTags.of(ctx.tags()))
            .propagateTags(PropagateTags.SERVICE)
            .enableECSManagedTags(true)
            .clientToken(clientToken(ctx, props));
    String targetGroup = EcsServiceKeys.TARGET_GROUP_ARN.get(props);
    if (targetGroup != null) {
      req.loadBalancers(
              LoadBalancer.builder()
                  .targetGroupArn(targetGroup)
                  .containerName(EcsServiceKeys.CONTAINER_NAME.get(props))
                  .containerPort(EcsServiceKeys.CONTAINER_PORT.get(props))
                  .build())
          .healthCheckGracePeriodSeconds(grace(props));
    }
    Service created;
    try {
      created = aws.ecs().createService(req.build()).service();
    } catch (InvalidParameterException e) {
      // "not idempotent": a service of that name exists. Draining, it is waited for (the
      // classifier's dependency); active and someone else's, it is refused.
      Optional<Service> there = describe(cluster, name);
      if (there.isPresent()
          && "ACTIVE".equals(there.get().status())
          && !Ownership.ours(ctx, EcsTags.toMap(there.get().tags()))) {
        throw Claims.taken(what(cluster, name), EcsTags.toMap(there.get().tags()));
      }
      throw e;
    }
    Service stable = awaitRollout(ctx, cluster, created, props);
    return observe(stable);
  }

  /**
   * Idempotency for a create the engine retries: same state, resource and properties. The lineage
   * is part of it, so another state's create of the same stack is never answered with this one.
   */
  private static String clientToken(ResourceContext ctx, Map<String, Object> props) {
    String seed = ctx.lineage() + "/" + ctx.stack() + "/" + ctx.logicalId() + "/" + props;
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(EcsServiceKeys.CLUSTER.get(props), physicalId)
        .filter(s -> "ACTIVE".equals(s.status()))
        .map(s -> observe(s).withTags(EcsTags.toMap(s.tags())));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    String cluster = EcsServiceKeys.CLUSTER.get(newProps);
    UpdateServiceRequest.Builder req =
        UpdateServiceRequest.builder()
            .cluster(cluster)
            .service(physicalId)
            .taskDefinition(EcsServiceKeys.TASK_DEFINITION_ARN.get(newProps))
            .desiredCount(EcsServiceKeys.DESIRED_COUNT.get(newProps));
    if (EcsServiceKeys.TARGET_GROUP_ARN.get(newProps) != null) {
      req.healthCheckGracePeriodSeconds(grace(newProps));
    }
    Service updated = aws.ecs().updateService(req.build()).service();
    try {
      return observe(awaitRollout(ctx, cluster, updated, newProps));
    } catch (BerthException failed) {
      throw rollBack(ctx, cluster, physicalId, oldProps, newProps, failed);
    }
  }

  /**
   * Returns the service to the task definition and size it had before a failed rollout, and waits
   * until that version serves again, so that the deploy ends where it started rather than with a
   * failing deployment the circuit breaker would undo only minutes later. Returns the exception to
   * throw: the rollout's failure, saying what the service runs now.
   */
  private BerthException rollBack(
      ResourceContext ctx,
      String cluster,
      String service,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      BerthException failed)
      throws Exception {
    String previous = EcsServiceKeys.TASK_DEFINITION_ARN.get(oldProps);
    if (previous == null || previous.equals(EcsServiceKeys.TASK_DEFINITION_ARN.get(newProps))) {
      return failed;
    }
    ctx.progress("rollout failed; returning the service to " + previous);
    Service now = describe(cluster, service).orElse(null);
    if (now == null || !"ACTIVE".equals(now.status())) {
      return failed;
    }
    boolean alreadyBack =
        now.deployments().stream()
            .anyMatch(d -> "PRIMARY".equals(d.status()) && previous.equals(d.taskDefinition()));
    Service back =
        alreadyBack
            ? now
            : aws.ecs()
                .updateService(
                    r ->
                        r.cluster(cluster)
                            .service(service)
                            .taskDefinition(previous)
                            .desiredCount(EcsServiceKeys.DESIRED_COUNT.get(oldProps)))
                .service();
    try {
      awaitRollout(ctx, cluster, back, oldProps);
    } catch (BerthException e) {
      return new RolloutFailedException(
          failed.getMessage()
              + "\nReturning the service to "
              + previous
              + " failed too: "
              + e.getMessage(),
          service,
          RolloutFailedException.Outcome.RETURN_FAILED,
          previous,
          failed);
    }
    return new RolloutFailedException(
        failed.getMessage() + "\nThe service runs the previous version again: " + previous,
        service,
        RolloutFailedException.Outcome.RETURNED_TO_PREVIOUS,
        previous,
        failed);
  }

  /** A service found after a crash may still be rolling out: wait for it as create does. */
  @Override
  public Observed awaitReady(ResourceContext ctx, Observed found, Map<String, Object> props)
      throws Exception {
    String cluster = EcsServiceKeys.CLUSTER.get(props);
    Optional<Service> s = describe(cluster, found.physicalId());
    return s.isEmpty() ? found : observe(awaitRollout(ctx, cluster, s.get(), props));
  }

  private Service awaitRollout(
      ResourceContext ctx, String cluster, Service started, Map<String, Object> props)
      throws Exception {
    if (!waitForRollout) {
      return started;
    }
    RolloutWatcher watcher =
        new RolloutWatcher(
            aws,
            cluster,
            started.serviceArn(),
            RolloutWatcher.primaryDeployment(started),
            EcsServiceKeys.TASK_DEFINITION_ARN.get(props),
            EcsServiceKeys.TARGET_GROUP_ARN.get(props));
    // Two stretches with one deadline: until the tasks run at the ECS pace, then faster to the end.
    String what = "ECS service " + started.serviceName() + " rollout";
    try {
      Instant start = ctx.clock().instant();
      ctx.await(what, ROLLOUT_TIMEOUT, RolloutWatcher.POLL, watcher::pollUntilRunning);
      Duration left = ROLLOUT_TIMEOUT.minus(Duration.between(start, ctx.clock().instant()));
      return ctx.await(
          what, left.isNegative() ? Duration.ZERO : left, RolloutWatcher.SETTLING, watcher::poll);
    } catch (BerthException e) {
      // The watcher's verdicts: the tasks fail, or ECS rolled the service back.
      boolean crashed = RolloutWatcher.CRASH_HINT.equals(e.hint());
      if (!crashed && !RolloutWatcher.ROLLBACK_HINT.equals(e.hint())) {
        throw e;
      }
      throw new RolloutFailedException(
          e.getMessage(),
          started.serviceName(),
          crashed
              ? RolloutFailedException.Outcome.FAILING
              : RolloutFailedException.Outcome.ROLLED_BACK_BY_ECS,
          null,
          e.getCause());
    }
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    String cluster = EcsServiceKeys.CLUSTER.get(props);
    try {
      aws.ecs().updateService(r -> r.cluster(cluster).service(physicalId).desiredCount(0));
    } catch (ServiceNotFoundException | ServiceNotActiveException e) {
      // already deleted or being deleted: wait for it below
    }
    ctx.await(
        "ECS service " + physicalId + " to accept deletion",
        DELETE_TIMEOUT,
        RolloutWatcher.POLL,
        () -> {
          try {
            aws.ecs().deleteService(r -> r.cluster(cluster).service(physicalId).force(false));
            return WaitStep.done(true);
          } catch (ServiceNotFoundException | ServiceNotActiveException e) {
            return WaitStep.done(true);
          } catch (InvalidParameterException e) {
            if (String.valueOf(e.awsErrorDetails().errorMessage()).contains(STILL_DEPLOYING)) {
              return WaitStep.pending(e.awsErrorDetails().errorMessage());
            }
            throw e;
          }
        });
    Wait.until(
            ctx,
            "ECS service " + physicalId + " to become INACTIVE",
            DELETE_TIMEOUT,
            RolloutWatcher.POLL,
            () -> describe(cluster, physicalId).filter(s -> !"INACTIVE".equals(s.status())))
        .gone(s -> s.status() + ": " + s.runningCount() + " tasks still running");
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return describe(EcsServiceKeys.CLUSTER.get(props), EcsServiceKeys.NAME.get(props))
        .filter(s -> "ACTIVE".equals(s.status()))
        .filter(s -> Ownership.ours(ctx, EcsTags.toMap(s.tags())))
        .map(EcsServiceHandler::observe);
  }

  private static String what(String cluster, String name) {
    return "ECS service " + name + " in cluster " + cluster;
  }

  /**
   * The ACTIVE or DRAINING service of that name in the cluster (a draining one still holds the
   * name), when the cluster is named literally; a cluster this stack creates has no one else's.
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> cluster = Claims.literal(props, "cluster");
    Optional<String> name = Claims.literal(props, "name");
    if (cluster.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return describe(cluster.get(), name.get())
          .filter(s -> "ACTIVE".equals(s.status()) || "DRAINING".equals(s.status()))
          .map(s -> new Holder(what(cluster.get(), name.get()), EcsTags.toMap(s.tags())));
    } catch (ClusterNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ecs().tagResource(r -> r.resourceArn(physicalId).tags(EcsTags.of(ctx.tags())));
  }

  private Optional<Service> describe(String cluster, String service) {
    return aws
        .ecs()
        .describeServices(r -> r.cluster(cluster).services(service).include(ServiceField.TAGS))
        .services()
        .stream()
        .findFirst();
  }

  private static Integer grace(Map<String, Object> props) {
    return !EcsServiceKeys.HEALTH_CHECK_GRACE_PERIOD_SECONDS.isSet(props)
        ? null
        : EcsServiceKeys.HEALTH_CHECK_GRACE_PERIOD_SECONDS.get(props);
  }

  private static List<String> strings(Map<String, Object> props, String key) {
    List<String> out = new ArrayList<>();
    Props.list(props, key).forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  static Observed observe(Service s) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", s.serviceName());
    props.put("taskDefinitionArn", s.taskDefinition());
    props.put("desiredCount", s.desiredCount());
    if (s.networkConfiguration() != null
        && s.networkConfiguration().awsvpcConfiguration() != null) {
      props.put("subnets", s.networkConfiguration().awsvpcConfiguration().subnets());
      props.put("securityGroups", s.networkConfiguration().awsvpcConfiguration().securityGroups());
    }
    if (!s.loadBalancers().isEmpty()) {
      LoadBalancer lb = s.loadBalancers().get(0);
      props.put("targetGroupArn", lb.targetGroupArn());
      props.put("containerName", lb.containerName());
      props.put("containerPort", lb.containerPort());
    }
    if (s.healthCheckGracePeriodSeconds() != null) {
      props.put("healthCheckGracePeriodSeconds", s.healthCheckGracePeriodSeconds());
    }
    return new Observed(
        s.serviceArn(),
        Map.of("arn", s.serviceArn(), "name", s.serviceName()),
        props,
        s.status() + " " + s.runningCount() + "/" + s.desiredCount() + " running");
  }
}
