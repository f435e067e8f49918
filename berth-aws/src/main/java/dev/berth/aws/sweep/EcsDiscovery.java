package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * berth's ECS clusters, services (in any active cluster) and active task definition revisions of
 * the {@code berth-} families, with their tags (the describe calls' {@code include TAGS}). A
 * service records its cluster's ARN in {@code props.cluster}, which the service handler's delete
 * needs. Inactive clusters and services are gone already; inactive task definitions cannot be
 * removed further by berth.
 */
public final class EcsDiscovery implements Discovery {
  static final String FAMILY_PREFIX = "berth-";
  private static final int CLUSTERS_BATCH = 100;
  private static final int SERVICES_BATCH = 10;

  private final AwsClients aws;

  public EcsDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    EcsClient ecs = aws.ecs();
    String region = aws.region().id();
    List<TaggedResource> out = new ArrayList<>();
    List<String> clusterArns = new ArrayList<>();
    ecs.listClustersPaginator(r -> {}).clusterArns().forEach(clusterArns::add);
    for (int i = 0; i < clusterArns.size(); i += CLUSTERS_BATCH) {
      List<String> batch = clusterArns.subList(i, Math.min(clusterArns.size(), i + CLUSTERS_BATCH));
      for (Cluster c :
          ecs.describeClusters(r -> r.clusters(batch).include(ClusterField.TAGS)).clusters()) {
        if (!"ACTIVE".equals(c.status())) {
          continue;
        }
        Owner.of(tags(c.tags()), stack)
            .ifPresent(
                o ->
                    out.add(
                        TaggedResource.of(
                                o,
                                Types.CLUSTER,
                                c.clusterArn(),
                                region,
                                null,
                                "ECS cluster " + c.clusterName())
                            .withProps(Map.of("name", c.clusterName()))
                            .withOutputs(Map.of("arn", c.clusterArn(), "name", c.clusterName()))));
        out.addAll(services(ecs, c, stack, region));
      }
    }
    // ListTaskDefinitions' familyPrefix matches a whole family name, not a prefix (API
    // reference), so list every active revision and keep berth's families.
    for (String arn :
        ecs.listTaskDefinitionsPaginator(r -> r.status(TaskDefinitionStatus.ACTIVE))
            .taskDefinitionArns()) {
      if (!arn.substring(arn.lastIndexOf('/') + 1).startsWith(FAMILY_PREFIX)) {
        continue;
      }
      DescribeTaskDefinitionResponse d =
          ecs.describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
      TaskDefinition td = d.taskDefinition();
      if (td == null) {
        continue;
      }
      Owner.of(tags(d.tags()), stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.TASK_DEFINITION,
                              td.taskDefinitionArn(),
                              region,
                              td.registeredAt(),
                              "task definition " + td.family() + ":" + td.revision())
                          .withOutputs(
                              Map.of(
                                  "arn",
                                  td.taskDefinitionArn(),
                                  "revision",
                                  String.valueOf(td.revision())))));
    }
    return out;
  }

  private static List<TaggedResource> services(
      EcsClient ecs, Cluster c, Optional<String> stack, String region) {
    List<TaggedResource> out = new ArrayList<>();
    List<String> arns =
        Gone.unlessGone(
                () ->
                    ecs.listServicesPaginator(r -> r.cluster(c.clusterArn())).serviceArns().stream()
                        .toList())
            .orElse(List.of());
    for (int i = 0; i < arns.size(); i += SERVICES_BATCH) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + SERVICES_BATCH));
      for (Service s :
          ecs.describeServices(
                  r -> r.cluster(c.clusterArn()).services(batch).include(ServiceField.TAGS))
              .services()) {
        if ("INACTIVE".equals(s.status())) {
          continue;
        }
        Owner.of(tags(s.tags()), stack)
            .ifPresent(
                o ->
                    out.add(
                        TaggedResource.of(
                                o,
                                Types.SERVICE,
                                s.serviceArn(),
                                region,
                                s.createdAt(),
                                "ECS service " + s.serviceName() + " in " + c.clusterName())
                            .withProps(Map.of("name", s.serviceName(), "cluster", c.clusterArn()))
                            .withOutputs(Map.of("arn", s.serviceArn(), "name", s.serviceName()))
                            .withServing(serving(s), tasks(s))));
      }
    }
    return out;
  }

  /** Serving: every task it wants is running, and it wants some. */
  static boolean serving(Service s) {
    int desired = s.desiredCount() == null ? 0 : s.desiredCount();
    int running = s.runningCount() == null ? 0 : s.runningCount();
    return desired > 0 && running == desired;
  }

  private static String tasks(Service s) {
    return (s.runningCount() == null ? 0 : s.runningCount())
        + "/"
        + (s.desiredCount() == null ? 0 : s.desiredCount())
        + " tasks running";
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> m = new LinkedHashMap<>();
    tags.forEach(t -> m.put(t.key(), t.value()));
    return m;
  }
}
