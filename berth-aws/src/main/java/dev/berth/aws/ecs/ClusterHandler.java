package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/** {@code aws.ecs.cluster}. Physical id: the cluster ARN. */
public final class ClusterHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = ClusterKeys.DESCRIPTOR.type();
  private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(10);

  private final AwsClients aws;

  public ClusterHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return ClusterKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    String name = ClusterKeys.NAME.get(props);
    // CreateCluster answers with the ACTIVE cluster of that name if there is one, tags unchanged:
    // it is ours only if its tags say so.
    Cluster c =
        aws.ecs().createCluster(r -> r.clusterName(name).tags(EcsTags.of(ctx.tags()))).cluster();
    Map<String, String> tags =
        describe(c.clusterArn()).map(d -> EcsTags.toMap(d.tags())).orElse(Map.of());
    if (!Ownership.ours(ctx, tags)) {
      throw Claims.taken(what(name), tags);
    }
    return observe(c).withTags(tags);
  }

  private static String what(String name) {
    return "ECS cluster " + name;
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    return Claims.literal(props, "name")
        .flatMap(name -> describe(name).map(c -> new Holder(what(name), EcsTags.toMap(c.tags()))));
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ecs().tagResource(r -> r.resourceArn(physicalId).tags(EcsTags.of(ctx.tags())));
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId).map(c -> observe(c).withTags(EcsTags.toMap(c.tags())));
  }

  /**
   * Deletes the cluster, waiting while it still holds services or tasks (they stop on their own
   * once the services are deleted).
   */
  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    ctx.await(
        "ECS cluster " + physicalId + " to be deletable",
        DELETE_TIMEOUT,
        Backoff.WAIT,
        () -> {
          try {
            aws.ecs().deleteCluster(r -> r.cluster(physicalId));
            return WaitStep.done(true);
          } catch (ClusterNotFoundException e) {
            return WaitStep.done(true);
          } catch (ClusterContainsServicesException | ClusterContainsTasksException e) {
            return WaitStep.pending(e.awsErrorDetails().errorMessage());
          }
        });
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return describe(ClusterKeys.NAME.get(props))
        .filter(c -> Ownership.ours(ctx, EcsTags.toMap(c.tags())))
        .map(ClusterHandler::observe);
  }

  private Optional<Cluster> describe(String nameOrArn) {
    return aws
        .ecs()
        .describeClusters(r -> r.clusters(nameOrArn).include(ClusterField.TAGS))
        .clusters()
        .stream()
        .filter(c -> "ACTIVE".equals(c.status()))
        .findFirst();
  }

  private static Observed observe(Cluster c) {
    return new Observed(
        c.clusterArn(),
        Map.of("arn", c.clusterArn(), "name", c.clusterName()),
        Map.of("name", c.clusterName()),
        c.status());
  }
}
