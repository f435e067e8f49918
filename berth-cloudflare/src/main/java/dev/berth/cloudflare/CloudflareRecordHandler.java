package dev.berth.cloudflare;

import dev.berth.cloudflare.CloudflareClient.DnsRecord;
import dev.berth.cloudflare.CloudflareClient.RecordInput;
import dev.berth.cloudflare.CloudflareClient.Zone;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.Observed;
import dev.berth.core.engine.ResourceContext;
import dev.berth.core.engine.ResourceHandler;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cloudflare.dns-record}: one DNS record, marked as berth's by its comment {@code managed by
 * berth stack=<stack> id=<logical id>}. A record of the same name that berth did not create is
 * never overwritten or deleted unless {@code adopt} is true. The physical id is {@code
 * <zoneId>/<recordId>}, so reads need no zone lookup.
 */
public final class CloudflareRecordHandler implements ResourceHandler {
  public static final ResourceType TYPE = ResourceType.of("cloudflare.dns-record", "zone", "name");
  private static final Set<String> ADDRESS = Set.of("A", "AAAA", "CNAME");
  private static final int MAX_COMMENT = 100;

  private final CloudflareClient client;

  public CloudflareRecordHandler(CloudflareClient client) {
    this.client = client;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  /** The comment that marks a record as created by this stack for this resource. */
  static String marker(ResourceContext ctx) {
    return "managed by berth stack=" + ctx.stack() + " id=" + ctx.logicalId();
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    RecordInput want = desired(ctx, props);
    Zone zone = zoneFor(props, want.name());
    List<DnsRecord> conflicts =
        client.listRecords(zone, Map.of("name", want.name())).stream()
            .filter(r -> conflicts(want, r))
            .toList();
    String marker = marker(ctx);
    Optional<DnsRecord> ours =
        conflicts.stream().filter(r -> marker.equals(r.comment())).findFirst();
    if (ours.isPresent()) {
      // A run that crashed after creating the record: take it up again.
      return observed(
          zone,
          same(ours.get(), want) ? ours.get() : client.updateRecord(zone, ours.get().id(), want));
    }
    if (!conflicts.isEmpty()) {
      if (!adopt(props)) {
        throw new BerthException(
            "DNS record "
                + want.name()
                + " already exists in Cloudflare zone "
                + zone.name()
                + " and was not created by berth",
            "delete it, choose another hostname, or run with --adopt-dns");
      }
      DnsRecord taken =
          conflicts.stream()
              .filter(r -> r.type().equals(want.type()))
              .findFirst()
              .orElse(conflicts.get(0));
      ctx.progress("adopting existing DNS record " + want.name() + " (" + taken.type() + ")");
      return observed(zone, client.updateRecord(zone, taken.id(), want));
    }
    return observed(zone, client.createRecord(zone, want));
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    Zone zone = zoneOf(physicalId, props);
    return client
        .getRecord(zone, recordId(physicalId))
        .map(r -> spelledAs(observed(zone, r), props));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    RecordInput want = desired(ctx, newProps);
    Zone zone = zoneOf(physicalId, newProps);
    String id = recordId(physicalId);
    Optional<DnsRecord> current = client.getRecord(zone, id);
    if (current.isPresent() && !marker(ctx).equals(current.get().comment()) && !adopt(newProps)) {
      throw new BerthException(
          "DNS record "
              + current.get().name()
              + " in Cloudflare is no longer marked as created by berth",
          "someone changed its comment; delete it, choose another hostname, or run with"
              + " --adopt-dns");
    }
    return observed(zone, client.updateRecord(zone, id, want));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    Zone zone = zoneOf(physicalId, props);
    Optional<DnsRecord> current = client.getRecord(zone, recordId(physicalId));
    if (current.isEmpty()) {
      return;
    }
    if (!marker(ctx).equals(current.get().comment())) {
      ctx.progress(
          "left DNS record "
              + current.get().name()
              + " in place: it is not marked as this stack's");
      return;
    }
    client.deleteRecord(zone, current.get().id());
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String name = CloudflareClient.normalize(Props.string(props, "name"));
    Optional<Zone> zone = lookupZone(props, name);
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    String marker = marker(ctx);
    return client.listRecords(zone.get(), Map.of("name", name)).stream()
        .filter(r -> marker.equals(r.comment()))
        .findFirst()
        .map(r -> spelledAs(observed(zone.get(), r), props));
  }

  // ---- helpers

  private RecordInput desired(ResourceContext ctx, Map<String, Object> props) {
    String name = Props.string(props, "name");
    String type = Props.string(props, "type");
    String content = Props.string(props, "content");
    if (name == null || type == null || content == null) {
      throw new BerthException(
          "cloudflare.dns-record " + ctx.logicalId() + " needs name, type and content",
          "this is a bug in the blueprint",
          2,
          null);
    }
    String marker = marker(ctx);
    if (marker.length() > MAX_COMMENT) {
      throw new BerthException(
          "the stack name and resource id are too long to mark a Cloudflare record ("
              + marker.length()
              + " > "
              + MAX_COMMENT
              + " characters)",
          "choose a shorter service name",
          2,
          null);
    }
    boolean proxied = Boolean.parseBoolean(String.valueOf(props.getOrDefault("proxied", false)));
    int ttl = Props.integer(props, "ttl", 1);
    return new RecordInput(
        CloudflareClient.normalize(name),
        type.toUpperCase(Locale.ROOT),
        stripDot(content),
        ttl,
        proxied,
        marker);
  }

  /** Whether an existing record stands where {@code want} would go. */
  private static boolean conflicts(RecordInput want, DnsRecord r) {
    if (ADDRESS.contains(want.type()) && ADDRESS.contains(r.type())) {
      return want.type().equals("CNAME")
          || r.type().equals("CNAME")
          || want.type().equals(r.type());
    }
    return want.type().equals(r.type()) && want.content().equalsIgnoreCase(r.content());
  }

  private static boolean same(DnsRecord r, RecordInput want) {
    return r.type().equals(want.type())
        && r.content().equalsIgnoreCase(want.content())
        && r.ttl() == want.ttl()
        && r.proxied() == want.proxied();
  }

  private Zone zoneFor(Map<String, Object> props, String name) throws InterruptedException {
    return lookupZone(props, name)
        .orElseThrow(
            () ->
                new BerthException(
                    "no Cloudflare zone found for "
                        + name
                        + (Props.string(props, "zone") == null
                            ? ""
                            : " (zone " + Props.string(props, "zone") + ")"),
                    "add the domain to Cloudflare, or check that CLOUDFLARE_API_TOKEN can read"
                        + " its zone (Zone.Zone read, Zone.DNS edit)"));
  }

  private Optional<Zone> lookupZone(Map<String, Object> props, String name)
      throws InterruptedException {
    String zone = Props.string(props, "zone");
    return zone != null ? client.zone(zone) : client.findZone(name);
  }

  /** The zone from the physical id; its name from the properties, for messages. */
  private static Zone zoneOf(String physicalId, Map<String, Object> props) {
    int slash = physicalId.indexOf('/');
    if (slash < 0) {
      throw new BerthException(
          "bad Cloudflare record id " + physicalId + " (expected <zoneId>/<recordId>)",
          "the state file was edited by hand",
          2,
          null);
    }
    String zoneName = Props.string(props, "zone");
    return new Zone(
        physicalId.substring(0, slash),
        zoneName == null ? null : CloudflareClient.normalize(zoneName));
  }

  private static String recordId(String physicalId) {
    return physicalId.substring(physicalId.indexOf('/') + 1);
  }

  private static boolean adopt(Map<String, Object> props) {
    return Boolean.parseBoolean(String.valueOf(props.getOrDefault("adopt", false)));
  }

  private static String stripDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * The observation with name and target spelled as {@code props} spell them where they name the
   * same thing (trailing dot, case), so that a record read back is not taken for drift.
   */
  static Observed spelledAs(Observed o, Map<String, Object> props) {
    Map<String, Object> seen = new LinkedHashMap<>(o.properties());
    for (String key : List.of("name", "content")) {
      if (seen.get(key) instanceof String got
          && props.get(key) instanceof String want
          && CloudflareClient.normalize(got).equals(CloudflareClient.normalize(want))) {
        seen.put(key, want);
      }
    }
    return new Observed(o.physicalId(), o.outputs(), seen, o.status());
  }

  private static Observed observed(Zone zone, DnsRecord r) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", r.name());
    props.put("type", r.type());
    props.put("content", r.content());
    props.put("ttl", r.ttl());
    props.put("proxied", r.proxied());
    return new Observed(zone.id() + "/" + r.id(), Map.of("zoneId", zone.id()), props, "active");
  }
}
