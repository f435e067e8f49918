package dev.berth.cloudflare;

import dev.berth.cloudflare.CloudflareClient.DnsRecord;
import dev.berth.cloudflare.CloudflareClient.RecordInput;
import dev.berth.cloudflare.CloudflareClient.Zone;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cloudflare.dns-record}: one DNS record, marked as berth's by its comment {@code managed by
 * berth stack=<stack> id=<logical id> lineage=<first 8 characters of the state lineage>} (berth
 * before lineages wrote it without {@code lineage=}; comments are at most 100 characters on the
 * free plan, hence the short lineage). A record is this state's when its marker names this stack,
 * logical id and lineage; one without a lineage counts only for a record the state records (never
 * for a create or a find). A record of the same name that berth did not create is never overwritten
 * or deleted unless the run adopts DNS records ({@code ResourceContext#options()}); one another
 * berth stack or state marks is never taken over, not even then, since that stack's destroy would
 * then delete it. The physical id is {@code <zoneId>/<recordId>}, so reads need no zone lookup.
 */
public final class CloudflareRecordHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = CloudflareRecordKeys.DESCRIPTOR.type();
  private static final Set<String> ADDRESS = Set.of("A", "AAAA", "CNAME");
  private static final int MAX_COMMENT = 100;
  private static final int LINEAGE_CHARS = 8;
  private static final String PREFIX = "managed by ";
  private static final String PROVIDER = "Cloudflare";

  private final CloudflareClient client;

  public CloudflareRecordHandler(CloudflareClient client) {
    this.client = client;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return CloudflareRecordKeys.DESCRIPTOR;
  }

  /** The comment that marks a record as created by this state for this resource. */
  static String marker(ResourceContext ctx) {
    return marker(ctx.stack(), ctx.logicalId(), ctx.lineage());
  }

  static String marker(String stack, String logicalId, String lineage) {
    return PREFIX
        + Ownership.markerWords(stack, logicalId, lineage == null ? null : shortLineage(lineage));
  }

  /** The part of a lineage the comment carries. */
  static String shortLineage(String lineage) {
    return lineage.length() <= LINEAGE_CHARS ? lineage : lineage.substring(0, LINEAGE_CHARS);
  }

  /**
   * The owner a record's comment names, as tags ({@link Ownership#STACK}, {@link Ownership#ID} and,
   * when it has one, {@link Ownership#LINEAGE}: the short form the comment carries); empty when the
   * comment is not berth's marker.
   */
  public static Optional<Map<String, String>> markerTags(String comment) {
    return comment != null && comment.startsWith(PREFIX)
        ? Ownership.fromMarkerWords(comment.substring(PREFIX.length()))
        : Optional.empty();
  }

  /**
   * The record's owner as tags, for {@link Observed#tags()} and {@link Holder}: a short lineage
   * that is the start of this state's is reported as this state's whole lineage (so {@link
   * Ownership#ours} answers as for AWS resources); any other is left as the comment has it.
   */
  private static Map<String, String> owner(ResourceContext ctx, DnsRecord r) {
    Map<String, String> tags = new LinkedHashMap<>(markerTags(r.comment()).orElse(Map.of()));
    String l = tags.get(Ownership.LINEAGE);
    if (l != null && ctx.lineage() != null && l.equals(shortLineage(ctx.lineage()))) {
      tags.put(Ownership.LINEAGE, ctx.lineage());
    }
    return tags;
  }

  /** Whether the record carries this state's own marker (stack, logical id and lineage). */
  private static boolean ours(ResourceContext ctx, DnsRecord r) {
    return ctx.lineage() != null && marker(ctx).equals(r.comment());
  }

  /**
   * Whether a record the state records is this stack's: its marker names this stack and logical id,
   * and this lineage or none (a berth before lineages wrote it; {@link #tag} adds it). A null
   * {@code lineage} (not known to the caller) matches on stack and id alone.
   */
  private static boolean recordedOurs(String stack, String logicalId, String lineage, DnsRecord r) {
    Map<String, String> t = markerTags(r.comment()).orElse(Map.of());
    return stack.equals(t.get(Ownership.STACK))
        && logicalId.equals(t.get(Ownership.ID))
        && (lineage == null
            || t.get(Ownership.LINEAGE) == null
            || shortLineage(lineage).equals(t.get(Ownership.LINEAGE)));
  }

  private static boolean recordedOurs(ResourceContext ctx, DnsRecord r) {
    return recordedOurs(ctx.stack(), ctx.logicalId(), ctx.lineage(), r);
  }

  private static boolean berths(DnsRecord r) {
    return markerTags(r.comment()).isPresent();
  }

  /**
   * As {@link #refuseForeignRecord(String, String, String, Map)} without knowing the state's
   * lineage: a marker of this stack and logical id counts as its own whatever lineage it names
   * ({@link #create} then decides with the lineage).
   */
  public void refuseForeignRecord(
      String stack, String logicalId, boolean adopt, Map<String, Object> props)
      throws InterruptedException {
    refuseForeignRecord(stack, logicalId, null, adopt, props);
  }

  /**
   * Refuses, as {@link #create} would, when a record that this stack's {@code logicalId} (of the
   * state of {@code lineage}) did not create stands where the record of {@code props} would go: one
   * berth did not make unless {@code adopt} (the run adopts DNS records); one another berth stack
   * or state marks, always. Reads only {@code zone}, {@code name} and {@code type}, so it can run
   * before anything is created, when the record's content is not known yet.
   */
  public void refuseForeignRecord(
      String stack, String logicalId, String lineage, boolean adopt, Map<String, Object> props)
      throws InterruptedException {
    String name = CloudflareClient.normalize(CloudflareRecordKeys.NAME.text(props));
    String type = CloudflareRecordKeys.TYPE.get(props).toUpperCase(Locale.ROOT);
    Optional<Zone> zone = lookupZone(props, name);
    if (zone.isEmpty()) {
      return;
    }
    List<DnsRecord> foreign =
        client.listRecords(zone.get(), Map.of("name", name)).stream()
            .filter(r -> conflicts(type, null, r))
            .filter(r -> !recordedOurs(stack, logicalId, lineage, r))
            .toList();
    Optional<DnsRecord> berths =
        foreign.stream().filter(CloudflareRecordHandler::berths).findFirst();
    if (berths.isPresent()) {
      throw refusal(name, zone.get(), List.of(berths.get()));
    }
    if (!foreign.isEmpty() && !adopt) {
      throw refusal(name, zone.get(), foreign);
    }
  }

  /**
   * The refusal to take the place of the first of {@code records}: the owner its comment names (a
   * berth stack, or none) and the ways forward.
   */
  private static ForeignRecordException refusal(String name, Zone zone, List<DnsRecord> records) {
    DnsRecord r = records.get(0);
    String what =
        "DNS record "
            + name
            + " ("
            + r.type()
            + " "
            + r.content()
            + ") already exists in Cloudflare zone "
            + zone.name();
    Optional<Map<String, String>> owner = markerTags(r.comment());
    if (owner.isEmpty()) {
      return new ForeignRecordException(
          what + " and was not created by berth",
          name,
          PROVIDER,
          zone.name(),
          ForeignRecordException.Situation.NOT_MADE_BY_BERTH,
          Map.of());
    }
    return new ForeignRecordException(
        what
            + " and is managed by "
            + Ownership.describe(owner.get())
            + "; berth did not change it",
        name,
        PROVIDER,
        zone.name(),
        ForeignRecordException.Situation.OTHER_STATE,
        owner.get());
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    RecordInput want = desired(ctx, props);
    Zone zone = zoneFor(props, want.name());
    List<DnsRecord> conflicts =
        client.listRecords(zone, Map.of("name", want.name())).stream()
            .filter(r -> conflicts(want.type(), want.content(), r))
            .toList();
    Optional<DnsRecord> ours = conflicts.stream().filter(r -> ours(ctx, r)).findFirst();
    if (ours.isPresent()) {
      // A run that crashed after creating the record: take it up again.
      return observed(
          zone,
          same(ours.get(), want) ? ours.get() : client.updateRecord(zone, ours.get().id(), want),
          props);
    }
    if (!conflicts.isEmpty()) {
      // Another state's or an older berth's record is never taken over; one berth did not make
      // only with adopt.
      Optional<DnsRecord> berths =
          conflicts.stream().filter(CloudflareRecordHandler::berths).findFirst();
      if (berths.isPresent()) {
        throw refusal(want.name(), zone, List.of(berths.get()));
      }
      if (!ctx.options().adoptsDns(want.name())) {
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
    return client
        .getRecord(zone, recordId(physicalId))
        .map(r -> observed(zone, r, props).withTags(owner(ctx, r)));
  }

  /**
   * The record standing where one of the type would go (any content), with its marker's owner as
   * tags; empty when the name is free, and, with {@code adopt}, when what is there is not berth's
   * (adopt takes it over).
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props)
      throws InterruptedException {
    if (!(CloudflareRecordKeys.NAME.get(props) instanceof String literal)
        || CloudflareRecordKeys.TYPE.get(props) == null) {
      return Optional.empty();
    }
    String name = CloudflareClient.normalize(literal);
    String type = CloudflareRecordKeys.TYPE.get(props).toUpperCase(Locale.ROOT);
    Optional<Zone> zone = lookupZone(props, name);
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    List<DnsRecord> there =
        client.listRecords(zone.get(), Map.of("name", name)).stream()
            .filter(r -> conflicts(type, null, r))
            .toList();
    if (there.isEmpty()
        || ctx.options().adoptsDns(name)
            && there.stream().noneMatch(CloudflareRecordHandler::berths)) {
      return Optional.empty();
    }
    DnsRecord r = there.stream().filter(x -> !ours(ctx, x)).findFirst().orElse(there.get(0));
    return Optional.of(
        new Holder(
            "Cloudflare record "
                + r.name()
                + " ("
                + r.type()
                + " "
                + r.content()
                + ") in zone "
                + zone.get().name(),
            owner(ctx, r)));
  }

  /**
   * Writes this state's marker (with its lineage) in the comment of a recorded record, as create
   * does: an older berth's marker of this stack and id is rewritten; one another stack or state
   * wrote is refused.
   */
  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws InterruptedException {
    Zone zone = zoneOf(physicalId, props);
    Optional<DnsRecord> current = client.getRecord(zone, recordId(physicalId));
    if (current.isEmpty() || ours(ctx, current.get())) {
      return;
    }
    DnsRecord r = current.get();
    if (berths(r) && !recordedOurs(ctx, r)) {
      throw refusal(
          r.name(), new Zone(zone.id(), zone.name() == null ? zone.id() : zone.name()), List.of(r));
    }
    client.updateRecord(
        zone,
        r.id(),
        new RecordInput(r.name(), r.type(), r.content(), r.ttl(), r.proxied(), marker(ctx)));
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
    if (current.isPresent() && !recordedOurs(ctx, current.get())) {
      if (berths(current.get())) {
        Map<String, String> owner = markerTags(current.get().comment()).orElseThrow();
        throw new ForeignRecordException(
            "DNS record "
                + current.get().name()
                + " in Cloudflare is now marked as "
                + Ownership.describe(owner)
                + "'s; berth did not change it",
            current.get().name(),
            PROVIDER,
            zone.name(),
            ForeignRecordException.Situation.REMARKED_BY_OTHER_STATE,
            owner);
      }
      if (!ctx.options().adoptsDns(current.get().name())) {
        throw new ForeignRecordException(
            "DNS record "
                + current.get().name()
                + " in Cloudflare is no longer marked as created by berth",
            current.get().name(),
            PROVIDER,
            zone.name(),
            ForeignRecordException.Situation.MARKER_LOST,
            Map.of());
      }
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
    if (!recordedOurs(ctx, current.get())) {
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
    String name = CloudflareClient.normalize(CloudflareRecordKeys.NAME.text(props));
    Optional<Zone> zone = lookupZone(props, name);
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    return client.listRecords(zone.get(), Map.of("name", name)).stream()
        .filter(r -> ours(ctx, r))
        .findFirst()
        .map(r -> observed(zone.get(), r, props));
  }

  // ---- helpers

  private RecordInput desired(ResourceContext ctx, Map<String, Object> props) {
    String name = CloudflareRecordKeys.NAME.text(props);
    String type = CloudflareRecordKeys.TYPE.get(props);
    String content = CloudflareRecordKeys.CONTENT.text(props);
    if (name == null || type == null || content == null) {
      throw new BerthException(
          "cloudflare.dns-record " + ctx.logicalId() + " needs name, type and content",
          "this is a bug in the blueprint",
          FailureKind.BAD_INPUT,
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
          FailureKind.BAD_INPUT,
          null);
    }
    boolean proxied = Boolean.parseBoolean(String.valueOf(props.getOrDefault("proxied", false)));
    int ttl = CloudflareRecordKeys.TTL.get(props);
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
                        + (CloudflareRecordKeys.ZONE.get(props) == null
                            ? ""
                            : " (zone " + CloudflareRecordKeys.ZONE.get(props) + ")"),
                    "add the domain to Cloudflare, or check that CLOUDFLARE_API_TOKEN can read"
                        + " its zone (Zone.Zone read, Zone.DNS edit)"));
  }

  private Optional<Zone> lookupZone(Map<String, Object> props, String name)
      throws InterruptedException {
    String zone = CloudflareRecordKeys.ZONE.get(props);
    return zone != null ? client.zone(zone) : client.findZone(name);
  }

  /** The zone from the physical id; its name from the properties, for messages. */
  private static Zone zoneOf(String physicalId, Map<String, Object> props) {
    int slash = physicalId.indexOf('/');
    if (slash < 0) {
      throw new BerthException(
          "bad Cloudflare record id " + physicalId + " (expected <zoneId>/<recordId>)",
          "the state file was edited by hand",
          FailureKind.BAD_INPUT,
          null);
    }
    String zoneName = CloudflareRecordKeys.ZONE.get(props);
    return new Zone(
        physicalId.substring(0, slash),
        zoneName == null ? null : CloudflareClient.normalize(zoneName));
  }

  private static String recordId(String physicalId) {
    return physicalId.substring(physicalId.indexOf('/') + 1);
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
    seen.put("name", sameName(CloudflareRecordKeys.NAME.text(props), r.name()));
    seen.put("type", r.type());
    seen.put(
        "content",
        r.type().equals("CNAME")
            ? sameName(CloudflareRecordKeys.CONTENT.text(props), r.content())
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
