package dev.berth.aws.sweep;

import dev.berth.core.graph.Props;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource found in the cloud that carries berth's ownership marks: the tags {@code
 * berth:stack}/{@code berth:id}, or, for DNS records, the handlers' ownership markers.
 *
 * @param stack the stack named by {@code berth:stack}
 * @param logicalId the resource's id in its stack's graph ({@code berth:id}); null when the mark
 *     does not carry one (a route, which AWS cannot tag, found through its internet gateway)
 * @param type berth's resource type, naming the handler that deletes it (docs/internals.md)
 * @param physicalId the id that handler's {@code read}/{@code delete} take, as the state records it
 * @param region the region it lives in; {@code global} for IAM and Route 53
 * @param createdAt when it was created, or null where the API does not say (EC2, target groups,
 *     listeners, rules, ECS clusters, DNS records)
 * @param props the properties the handler's {@code delete} reads (an ECS service's {@code cluster},
 *     a load balancer's {@code name}); usually empty
 * @param outputs the outputs the handler's {@code delete} reads, as the state would record them
 * @param uses physical ids of other resources this one refers to, which must outlive it (the groups
 *     a security group's rules admit); orders resources of the same type
 * @param description a short human description, for example {@code load balancer hello-1a2b3c}
 * @param lineage the state lineage its marks name, null when they name none (a berth before
 *     lineages); for a Cloudflare record, the marker's first characters of it
 */
public record TaggedResource(
    String stack,
    String logicalId,
    String type,
    String physicalId,
    String region,
    Instant createdAt,
    Map<String, Object> props,
    Map<String, String> outputs,
    Set<String> uses,
    String description,
    String lineage) {

  /** The region given to global services' resources. */
  public static final String GLOBAL = "global";

  public TaggedResource {
    props = Props.immutableCopy(props);
    outputs = Map.copyOf(outputs);
    uses = Set.copyOf(uses);
  }

  public TaggedResource(
      String stack,
      String logicalId,
      String type,
      String physicalId,
      String region,
      Instant createdAt,
      Map<String, Object> props,
      Map<String, String> outputs,
      Set<String> uses,
      String description) {
    this(
        stack,
        logicalId,
        type,
        physicalId,
        region,
        createdAt,
        props,
        outputs,
        uses,
        description,
        null);
  }

  /** A resource whose delete needs nothing but its physical id. */
  static TaggedResource of(
      Owner owner,
      String type,
      String physicalId,
      String region,
      Instant createdAt,
      String description) {
    return new TaggedResource(
        owner.stack(),
        owner.logicalId(),
        type,
        physicalId,
        region,
        createdAt,
        Map.of(),
        Map.of(),
        Set.of(),
        description,
        owner.lineage());
  }

  TaggedResource withProps(Map<String, Object> p) {
    return new TaggedResource(
        stack,
        logicalId,
        type,
        physicalId,
        region,
        createdAt,
        p,
        outputs,
        uses,
        description,
        lineage);
  }

  TaggedResource withOutputs(Map<String, String> o) {
    return new TaggedResource(
        stack,
        logicalId,
        type,
        physicalId,
        region,
        createdAt,
        props,
        o,
        uses,
        description,
        lineage);
  }

  TaggedResource withUses(Set<String> u) {
    return new TaggedResource(
        stack,
        logicalId,
        type,
        physicalId,
        region,
        createdAt,
        props,
        outputs,
        u,
        description,
        lineage);
  }

  /** How long it has existed at {@code now}; empty when its creation time is unknown. */
  public Optional<Duration> age(Instant now) {
    return createdAt == null ? Optional.empty() : Optional.of(Duration.between(createdAt, now));
  }
}
