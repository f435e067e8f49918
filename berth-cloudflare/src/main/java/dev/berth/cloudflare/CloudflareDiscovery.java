package dev.berth.cloudflare;

import dev.berth.core.sweep.DnsDiscovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cloudflare records berth made, in the zones given: those whose comment is berth's marker ({@code
 * managed by berth stack=<stack> id=<logical id> lineage=<first 8 characters of the lineage>},
 * without the lineage before berth recorded one). Cloudflare has no account-wide search by comment,
 * so the caller names the zones (the CLI: the spec's zone).
 */
public final class CloudflareDiscovery implements DnsDiscovery {
  private static final String PREFIX = "managed by ";

  private final CloudflareClient client;
  private final List<CloudflareClient.Zone> zones;

  public CloudflareDiscovery(CloudflareClient client, List<CloudflareClient.Zone> zones) {
    this.client = client;
    this.zones = List.copyOf(zones);
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) throws Exception {
    List<TaggedResource> out = new ArrayList<>();
    for (CloudflareClient.Zone zone : zones) {
      for (CloudflareClient.DnsRecord r : client.listRecords(zone, Map.of())) {
        Optional<Owner> o = owner(r.comment());
        if (o.isEmpty() || stack.isPresent() && !stack.get().equals(o.get().stack())) {
          continue;
        }
        TaggedResource found =
            new TaggedResource(
                o.get().stack(),
                o.get().logicalId(),
                o.get().lineage(),
                null,
                CloudflareRecordHandler.TYPE.name(),
                zone.id() + "/" + r.id(),
                TaggedResource.GLOBAL,
                null,
                Map.of("zone", zone.name(), "name", r.name(), "type", r.type()),
                Map.of("zoneId", zone.id()),
                Set.of(),
                "Cloudflare " + r.type() + " record " + r.name(),
                null);
        out.add(
            DnsDiscovery.isValidationRecord(r.name()) ? found : found.withServing(true, "present"));
      }
    }
    return out;
  }

  /** The owner a record's comment names, if it is berth's marker. */
  static Optional<Owner> owner(String comment) {
    return comment == null || !comment.startsWith(PREFIX)
        ? Optional.empty()
        : Owner.ofMarker(comment.substring(PREFIX.length()));
  }
}
