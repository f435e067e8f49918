package dev.berth.core.sweep;

import dev.berth.core.graph.Props;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource found in the cloud that carries berth's ownership marks: the tags {@code
 * berth:stack}/{@code berth:id}/{@code berth:lineage}/{@code berth:origin}, or, for DNS records,
 * the handlers' ownership markers.
 *
 * @param stack the stack named by {@code berth:stack}
 * @param logicalId the resource's id in its stack's graph ({@code berth:id}); null when the mark
 *     does not carry one (a route, which AWS cannot tag, found through its internet gateway)
 * @param lineage the lineage of the state that made it ({@code berth:lineage}; a Cloudflare
 *     record's marker holds only its first 8 characters); null for what berth made before it
 *     recorded lineages
 * @param origin who made it when ({@code berth:origin}, {@code "<user>@<host> <instant>"}), or null
 * @param type berth's resource type, naming the handler that deletes it (docs/internals.md)
 * @param physicalId the id that handler's {@code read}/{@code delete} take, as the state records it
 * @param region the region it lives in; {@code global} for IAM and Route 53
 * @param createdAt when it was created, as the provider reports it or else as its origin says; null
 *     when neither does (EC2, target groups, listeners, rules, ECS clusters, DNS records)
 * @param props the properties the handler's {@code delete} reads (an ECS service's {@code cluster},
 *     a load balancer's {@code name}); usually empty
 * @param outputs the outputs the handler's {@code delete} reads, as the state would record them
 * @param uses physical ids of other resources this one refers to, which must outlive it (the groups
 *     a security group's rules admit); orders resources of the same type
 * @param description a short human description, for example {@code load balancer hello-1a2b3c}
 * @param serving for the parts a live stack needs (load balancer, ECS service, DNS record), whether
 *     this one is up, as read when it was found; null for the others
 */
public record TaggedResource(
    String stack,
    String logicalId,
    String lineage,
    String origin,
    String type,
    String physicalId,
    String region,
    Instant createdAt,
    Map<String, Object> props,
    Map<String, String> outputs,
    Set<String> uses,
    String description,
    Serving serving) {

  /** The region given to global services' resources. */
  public static final String GLOBAL = "global";

  /**
   * Whether a load balancer, ECS service or DNS record is up.
   *
   * @param up active / running tasks == desired > 0 / the record exists
   * @param detail what was seen, for example {@code active} or {@code 0/2 tasks running}
   */
  public record Serving(boolean up, String detail) {}

  public TaggedResource {
    props = Props.immutableCopy(props);
    outputs = Map.copyOf(outputs);
    uses = Set.copyOf(uses);
  }

  /** A resource whose delete needs nothing but its physical id. */
  public static TaggedResource of(
      Owner owner,
      String type,
      String physicalId,
      String region,
      Instant createdAt,
      String description) {
    return new TaggedResource(
        owner.stack(),
        owner.logicalId(),
        owner.lineage(),
        owner.origin(),
        type,
        physicalId,
        region,
        createdAt != null ? createdAt : owner.originInstant().orElse(null),
        Map.of(),
        Map.of(),
        Set.of(),
        description,
        null);
  }

  public TaggedResource withProps(Map<String, Object> p) {
    return new TaggedResource(
        stack,
        logicalId,
        lineage,
        origin,
        type,
        physicalId,
        region,
        createdAt,
        p,
        outputs,
        uses,
        description,
        serving);
  }

  public TaggedResource withOutputs(Map<String, String> o) {
    return new TaggedResource(
        stack,
        logicalId,
        lineage,
        origin,
        type,
        physicalId,
        region,
        createdAt,
        props,
        o,
        uses,
        description,
        serving);
  }

  public TaggedResource withUses(Set<String> u) {
    return new TaggedResource(
        stack,
        logicalId,
        lineage,
        origin,
        type,
        physicalId,
        region,
        createdAt,
        props,
        outputs,
        u,
        description,
        serving);
  }

  public TaggedResource withServing(boolean up, String detail) {
    return new TaggedResource(
        stack,
        logicalId,
        lineage,
        origin,
        type,
        physicalId,
        region,
        createdAt,
        props,
        outputs,
        uses,
        description,
        new Serving(up, detail));
  }

  /** How long it has existed at {@code now}; empty when its creation time is unknown. */
  public Optional<Duration> age(Instant now) {
    return createdAt == null ? Optional.empty() : Optional.of(Duration.between(createdAt, now));
  }
}
