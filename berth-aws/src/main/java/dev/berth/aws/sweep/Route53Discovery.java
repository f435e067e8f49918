package dev.berth.aws.sweep;

import dev.berth.aws.dns.Route53Zones;
import dev.berth.core.sweep.DnsDiscovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53 records berth created, in every public hosted zone of the account: each TXT marker
 * {@code _berth.<name>} = {@code "berth stack=<stack> id=<id> lineage=<uuid>"} (without the lineage
 * before berth recorded one) that {@code Route53RecordHandler} writes beside its record names the
 * record at {@code <name>}. The marker does not name the record's type; berth makes one record per
 * name, so the set at {@code <name>} is it (see {@link #recordType}). A marker whose record is gone
 * is still reported, so its deletion removes the marker. Physical ids are the handler's {@code
 * <zoneId>/<name.>/<type>}.
 */
public final class Route53Discovery implements DnsDiscovery {
  public static final String MARKER_PREFIX = "_berth.";
  private static final List<String> PREFERRED = List.of("CNAME", "A", "AAAA");

  private final Route53Client r53;

  public Route53Discovery(Route53Client r53) {
    this.r53 = r53;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    List<TaggedResource> out = new ArrayList<>();
    for (HostedZone z : r53.listHostedZonesPaginator(r -> {}).hostedZones()) {
      if (z.config() != null && Boolean.TRUE.equals(z.config().privateZone())) {
        continue;
      }
      out.addAll(records(z, stack));
    }
    return out;
  }

  private List<TaggedResource> records(HostedZone zone, Optional<String> stack) {
    String zoneId = zone.id().replaceFirst("^/?hostedzone/", "");
    Map<String, List<ResourceRecordSet>> byName = new LinkedHashMap<>();
    List<ResourceRecordSet> all =
        Gone.unlessGone(
                () ->
                    r53
                        .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId))
                        .resourceRecordSets()
                        .stream()
                        .toList())
            .orElse(List.of());
    for (ResourceRecordSet s : all) {
      byName.computeIfAbsent(Route53Zones.normalize(s.name()), k -> new ArrayList<>()).add(s);
    }
    List<TaggedResource> out = new ArrayList<>();
    byName.forEach(
        (name, sets) -> {
          if (!name.startsWith(MARKER_PREFIX)) {
            return;
          }
          Optional<Owner> owner =
              sets.stream()
                  .filter(s -> "TXT".equals(s.typeAsString()))
                  .flatMap(s -> s.resourceRecords().stream())
                  .map(ResourceRecord::value)
                  .map(Route53Discovery::owner)
                  .flatMap(Optional::stream)
                  .filter(o -> stack.isEmpty() || stack.get().equals(o.stack()))
                  .findFirst();
          if (owner.isEmpty()) {
            return;
          }
          String target = name.substring(MARKER_PREFIX.length());
          List<ResourceRecordSet> there = byName.getOrDefault(target, List.of());
          String type = recordType(there);
          TaggedResource r =
              TaggedResource.of(
                      owner.get(),
                      Types.ROUTE53_RECORD,
                      zoneId + "/" + target + "/" + type,
                      TaggedResource.GLOBAL,
                      null,
                      "Route 53 record " + target + " " + type + " in " + zone.name())
                  .withOutputs(Map.of("zoneId", zoneId));
          boolean present = there.stream().anyMatch(s -> type.equals(s.typeAsString()));
          out.add(
              DnsDiscovery.isValidationRecord(target)
                  ? r
                  : r.withServing(
                      present, present ? "present" : "missing (only its marker is left)"));
        });
    return out;
  }

  /** The stack, logical id and lineage a marker value (a quoted TXT string) names, if berth's. */
  static Optional<Owner> owner(String markerValue) {
    if (markerValue.length() < 2 || !markerValue.startsWith("\"") || !markerValue.endsWith("\"")) {
      return Optional.empty();
    }
    return Owner.ofMarker(markerValue.substring(1, markerValue.length() - 1));
  }

  /**
   * The type of berth's record among the sets at its name: CNAME, A or AAAA (what the blueprint
   * makes), else the only set there. CNAME when that leaves none or several: the handler then
   * removes only the marker, never a record that may not be berth's.
   */
  private static String recordType(List<ResourceRecordSet> sets) {
    for (String t : PREFERRED) {
      if (sets.stream().anyMatch(s -> t.equals(s.typeAsString()))) {
        return t;
      }
    }
    return sets.size() == 1 ? sets.get(0).typeAsString() : "CNAME";
  }
}
