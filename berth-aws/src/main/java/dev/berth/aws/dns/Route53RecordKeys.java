package dev.berth.aws.dns;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.Map;

/**
 * The contract of {@code aws.route53.record}, served by {@link Route53RecordHandler}: its
 * properties and outputs.
 */
public final class Route53RecordKeys {
  public static final PropertyKey<String> ZONE =
      PropertyKey.string("zone")
          .forcesReplacement()
          .optional()
          .note("name: longest public match of `name`");
  public static final PropertyKey<Object> NAME = PropertyKey.any("name").forcesReplacement();
  public static final PropertyKey<String> TYPE = PropertyKey.string("type").forcesReplacement();
  public static final PropertyKey<Object> VALUE =
      PropertyKey.any("value").optional().note("string or list");
  public static final PropertyKey<Map<String, Object>> ALIAS =
      PropertyKey.map("alias").optional().note("`{dnsName, hostedZoneId}`");
  public static final PropertyKey<Integer> TTL = PropertyKey.integer("ttl").withDefault(300);
  public static final OutputKey ZONE_ID = OutputKey.of("zoneId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.route53.record")
          .properties(ZONE, NAME, TYPE, VALUE, ALIAS, TTL)
          .outputs(ZONE_ID)
          .note(
              "Route53RecordHandler: waits for `INSYNC`; physical id `<zoneId>/<name.>/<type>`; ownership marker: TXT `_berth.<name>` = `\"berth stack=<stack> id=<id> lineage=<lineage>\"` in the same change batch")
          .build();

  private Route53RecordKeys() {}
}
