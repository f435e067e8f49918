package dev.berth.app.sweep;

import dev.berth.aws.sweep.Types;
import dev.berth.cloudflare.CloudflareRecordHandler;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a sweep deletes: what uses a resource goes before it. A rank per type, then,
 * among resources of one type, those that refer to others ({@link TaggedResource#uses()}) first.
 * Types this table does not know go last.
 */
final class DeletionOrder {

  /** Dependents first; each comment says what the type waits for or what waits for it. */
  private static final List<String> RANKS =
      List.of(
          // Runs tasks in the target group, subnets and security groups.
          Types.SERVICE,
          // Deregistered once no service runs it.
          Types.TASK_DEFINITION,
          // ClusterContainsServicesException until its services are INACTIVE.
          Types.CLUSTER,
          // Names that point at the load balancer; nothing depends on them, so they go early.
          Types.ROUTE53_RECORD,
          CloudflareRecordHandler.TYPE.name(),
          // Forwards to the target group.
          Types.LISTENER_RULE,
          // Uses the certificate; its rules go with it.
          Types.LISTENER,
          // ResourceInUse while a listener or rule forwards to it.
          Types.TARGET_GROUP,
          // Its network interfaces hold subnets and security groups for minutes after it goes.
          Types.LOAD_BALANCER,
          // ResourceInUseException until shortly after its listeners are gone.
          Types.CERTIFICATE_VALIDATION,
          Types.CERTIFICATE,
          Types.LOG_GROUP,
          // DependencyViolation while interfaces of the load balancer or tasks use it.
          Types.SECURITY_GROUP,
          Types.SUBNET,
          Types.ROUTE,
          // Detaching fails while public addresses are mapped in the VPC.
          Types.INTERNET_GATEWAY,
          // DependencyViolation while anything is left in it.
          Types.VPC,
          // Identities last: deleting a role detaches its policies first, then the policies go
          // (detached from anything left), then the secret the policy granted.
          Types.ROLE,
          Types.POLICY,
          Types.SECRET);

  private DeletionOrder() {}

  static int rank(String type) {
    int i = RANKS.indexOf(type);
    return i < 0 ? RANKS.size() : i;
  }

  static List<TaggedResource> sort(List<TaggedResource> resources) {
    List<TaggedResource> sorted = new ArrayList<>(resources);
    sorted.sort(
        Comparator.comparingInt((TaggedResource r) -> rank(r.type()))
            .thenComparing(TaggedResource::type)
            .thenComparing(TaggedResource::stack)
            .thenComparing(TaggedResource::physicalId));
    Map<String, List<TaggedResource>> byType = new LinkedHashMap<>();
    sorted.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
    List<TaggedResource> out = new ArrayList<>();
    byType.values().forEach(group -> out.addAll(usersFirst(group)));
    return out;
  }

  /**
   * The group reordered so that a resource comes before those it uses, otherwise keeping its order
   * (a cycle is broken at the first resource of the remaining ones).
   */
  private static List<TaggedResource> usersFirst(List<TaggedResource> group) {
    List<TaggedResource> left = new ArrayList<>(group);
    List<TaggedResource> out = new ArrayList<>();
    while (!left.isEmpty()) {
      TaggedResource next =
          left.stream()
              .filter(
                  r ->
                      left.stream()
                          .noneMatch(other -> other != r && other.uses().contains(r.physicalId())))
              .findFirst()
              .orElse(left.get(0));
      left.remove(next);
      out.add(next);
    }
    return out;
  }
}
