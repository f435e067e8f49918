package dev.berth.core.resource;

import java.util.Map;

/**
 * What a handler reports of a live resource.
 *
 * @param physicalId the provider's id (an ARN, a VPC id, a record id)
 * @param outputs values other resources may reference, for example {@code arn} or {@code dnsName}
 * @param properties observed values of the resource's properties, for drift detection; may be empty
 * @param status a short live status for display, for example {@code active}, may be null
 * @param tags the resource's tags where the handler reads them (to tell whose it is); null where it
 *     does not
 */
public record Observed(
    String physicalId,
    Map<String, String> outputs,
    Map<String, Object> properties,
    String status,
    Map<String, String> tags) {
  public Observed {
    outputs = Map.copyOf(outputs);
    properties = dev.berth.core.graph.Props.immutableCopy(properties);
    tags = tags == null ? null : Map.copyOf(tags);
  }

  public Observed(
      String physicalId,
      Map<String, String> outputs,
      Map<String, Object> properties,
      String status) {
    this(physicalId, outputs, properties, status, null);
  }

  /** This observation with the resource's tags. */
  public Observed withTags(Map<String, String> t) {
    return new Observed(physicalId, outputs, properties, status, t);
  }

  public static Observed of(String physicalId, Map<String, String> outputs) {
    return new Observed(physicalId, outputs, Map.of(), null);
  }
}
