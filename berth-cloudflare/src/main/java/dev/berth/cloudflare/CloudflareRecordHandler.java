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
    return marker(ctx.stack(), ctx.logicalId());
  }

  static String marker(String stack, String logicalId) {
    return "managed by berth stack=" + stack + " id=" + logicalId;
  }

  /**
   * Refuses, as {@link #create} would, when a record that this stack's {@code logicalId} did not
   * create stands where the record of {@code props} would go (unless {@code adopt}). Reads only
   * {@code zone}, {@code name}, {@code type} and {@code adopt}, so it can run before anything is
   * created, when the record's content is not known yet.
   */
  public void refuseForeignRecord(String stack, String logicalId, Map<String, Object> props)
      throws InterruptedException {
    if (adopt(props)) {
      return;
    }
    String name = CloudflareClient.normalize(Props.string(props, "name"));
    String type = Props.string(props, "type").toUpperCase(Locale.ROOT);
    Optional<Zone> zone = lookupZone(props, name);
    if (zone.isEmpty()) {
      return;
    }
    String marker = marker(stack, logicalId);
    List<DnsRecord> foreign =
        client.listRecords(zone.get(), Map.of("name", name)).stream()
            .filter(r -> conflicts(type, null, r))
            .filter(r -> !marker.equals(r.comment()))
            .toList();
    if (!foreign.isEmpty()) {
      throw refusal(name, zone.get(), foreign);
    }
  }

  private static BerthException refusal(String name, Zone zone, List<DnsRecord> records) {
    DnsRecord r = records.get(0);
    return new BerthException(
        "DNS record "
            + name
            + " ("
            + r.type()
            + " "
            + r.content()
            + ") already exists in Cloudflare zone "
            + zone.name()
            + " and was not created by berth",
        "delete it, choose another hostname, or run with --adopt-dns to let berth take it over"
            + " (it is then the stack's, and destroy removes it)");
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    RecordInput want = desired(ctx, props);
    Zone zone = zoneFor(props, want.name());
    List<DnsRecord> conflicts =
        client.listRecords(zone, Map.of("name", want.name())).stream()
            .filter(r -> conflicts(want.type(), want.content(), r))
            .toList();
    String marker = marker(ctx);
    Optional<DnsRecord> ours =
        conflicts.stream().filter(r -> marker.equals(r.comment())).findFirst();
    if (ours.isPresent()) {
      // A run that crashed after creating the record: take it up again.
      return observed(
          zone,
          same(ours.get(), want) ? ours.get() : client.updateRecord(zone, ours.get().id(), want),
          props);
    }
    if (!conflicts.isEmpty()) {
      if (!adopt(props)) {
        throw refusal(want.name(), zone, conflicts);
      }
      DnsRecord taken =
          conflicts.stream()
              .filter(r -> r.type().equals(want.type()))
              .findFirst()
              .orElse(conflicts.get(0));
      ctx.progress("adopting existing DNS record " + want.name() + " (" + taken.type() + ")");
      return observed(zone, client.updateRecord(zone, taken.id(), want), props);
    }
    return observed(zone, client.createRecord(zone, want), props);
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    Zone zone = zoneOf(physicalId, props);
    return client.getRecord(zone, recordId(physicalId)).map(r -> observed(zone, r, props));
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
    return observed(zone, client.updateRecord(zone, id, want), newProps);
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
        .map(r -> observed(zone.get(), r, props));
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

  /**
   * Whether an existing record stands where one of {@code type} and {@code content} would go; a
   * null content (not known yet) conflicts with every record of the type.
   */
  private static boolean conflicts(String type, String content, DnsRecord r) {
    if (ADDRESS.contains(type) && ADDRESS.contains(r.type())) {
      return type.equals("CNAME") || r.type().equals("CNAME") || type.equals(r.type());
    }
    return type.equals(r.type()) && (content == null || content.equalsIgnoreCase(r.content()));
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
   * What Cloudflare reports, in the spelling of {@code props} where it means the same: Cloudflare
   * drops the trailing dot and lower-cases names, so an ACM validation name such as {@code
   * _x.hello.example.com.} would otherwise read back as changed outside berth.
   */
  private static Observed observed(Zone zone, DnsRecord r, Map<String, Object> props) {
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("name", sameName(Props.string(props, "name"), r.name()));
    seen.put("type", r.type());
    seen.put(
        "content",
        r.type().equals("CNAME")
            ? sameName(Props.string(props, "content"), r.content())
            : r.content());
    seen.put("ttl", r.ttl());
    seen.put("proxied", r.proxied());
    return new Observed(zone.id() + "/" + r.id(), Map.of("zoneId", zone.id()), seen, "active");
  }

  private static String sameName(String asGiven, String reported) {
    return asGiven != null
            && reported != null
            && CloudflareClient.normalize(asGiven).equals(CloudflareClient.normalize(reported))
        ? asGiven
        : reported;
  }
}
