package dev.berth.aws.sweep;

import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareRecordHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cloudflare records berth made, in the zones given: those whose comment is berth's marker ({@code
 * managed by berth stack=<stack> id=<logical id> lineage=<short lineage>}, without the lineage from
 * a berth before lineages). Cloudflare has no account-wide search by comment, so the caller names
 * the zones (the CLI: the spec's zone).
 */
public final class CloudflareDiscovery implements DnsDiscovery {
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
        Optional<Owner> owner =
            CloudflareRecordHandler.markerTags(r.comment()).flatMap(t -> Owner.of(t, stack));
        if (owner.isEmpty()) {
          continue;
        }
        out.add(
            new TaggedResource(
                owner.get().stack(),
                owner.get().logicalId(),
                CloudflareRecordHandler.TYPE.name(),
                zone.id() + "/" + r.id(),
                TaggedResource.GLOBAL,
                null,
                Map.of("zone", zone.name(), "name", r.name(), "type", r.type()),
                Map.of("zoneId", zone.id()),
                Set.of(),
                "Cloudflare " + r.type() + " record " + r.name(),
                owner.get().lineage()));
      }
    }
    return out;
  }
}
