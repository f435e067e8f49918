package dev.berth.cloudflare;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code cloudflare.dns-record}, served by {@link CloudflareRecordHandler}: its
 * properties and outputs.
 */
public final class CloudflareRecordKeys {
  public static final PropertyKey<String> ZONE =
      PropertyKey.string("zone")
          .forcesReplacement()
          .optional()
          .note("name: longest match of `name`");
  public static final PropertyKey<Object> NAME = PropertyKey.any("name").forcesReplacement();
  public static final PropertyKey<String> TYPE = PropertyKey.string("type");
  public static final PropertyKey<Object> CONTENT = PropertyKey.any("content");
  public static final PropertyKey<Integer> TTL =
      PropertyKey.integer("ttl").withDefault(1).note("1 = auto");
  public static final PropertyKey<Boolean> PROXIED = PropertyKey.bool("proxied").optional();
  public static final OutputKey ZONE_ID = OutputKey.of("zoneId");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("cloudflare.dns-record")
          .properties(ZONE, NAME, TYPE, CONTENT, TTL, PROXIED)
          .outputs(ZONE_ID)
          .note(
              "CloudflareRecordHandler: physical id `<zoneId>/<recordId>`; ownership marker: comment `managed by berth stack=<stack> id=<id> lineage=<first 8 characters of the lineage>`, ≤ 100 characters")
          .build();

  private CloudflareRecordKeys() {}
}
