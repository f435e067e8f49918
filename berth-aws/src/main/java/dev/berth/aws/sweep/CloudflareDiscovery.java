package dev.berth.aws.sweep;

import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareRecordHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare records berth made, in the zones given: those whose comment is berth's marker ({@code
 * managed by berth stack=<stack> id=<logical id>}). Cloudflare has no account-wide search by
 * comment, so the caller names the zones (the CLI: the spec's zone).
 */
public final class CloudflareDiscovery implements DnsDiscovery {
  private static final Pattern MARKER = Pattern.compile("managed by berth stack=(\\S+) id=(\\S+)");

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
        Matcher m = r.comment() == null ? null : MARKER.matcher(r.comment());
        if (m == null || !m.matches() || stack.isPresent() && !stack.get().equals(m.group(1))) {
          continue;
        }
        out.add(
            new TaggedResource(
                m.group(1),
                m.group(2),
                CloudflareRecordHandler.TYPE.name(),
                zone.id() + "/" + r.id(),
                TaggedResource.GLOBAL,
                null,
                Map.of("zone", zone.name(), "name", r.name(), "type", r.type()),
                Map.of("zoneId", zone.id()),
                Set.of(),
                "Cloudflare " + r.type() + " record " + r.name()));
      }
    }
    return out;
  }
}
