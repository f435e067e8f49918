package dev.berth.aws.dns;

import dev.berth.aws.Claims;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code aws.route53.record}: one record set. Route 53 records carry no comment, so ownership is a
 * companion TXT record {@code _berth.<name>} with the value {@code "berth stack=<stack> id=<logical
 * id> lineage=<state lineage>"} (berth before lineages wrote it without {@code lineage=}), written
 * and removed in the same change batch as the record. A record is this state's when its marker
 * names this stack, logical id and lineage; a marker without a lineage counts only for a record the
 * state already records (never for a create or a find). A record without a marker is never
 * overwritten or deleted unless the run adopts DNS records ({@code ResourceContext#options()}); one
 * another berth stack or state marks is never taken over, not even then, since that stack's destroy
 * would then delete it. Create and update wait until the change is INSYNC. The physical id is
 * {@code <zoneId>/<name>/<type>}.
 */
public final class Route53RecordHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = Route53RecordKeys.DESCRIPTOR.type();

  /** Route 53 allows about five requests a second per account: poll gently. */
  private static final String PROVIDER = "Route 53";

  static final Backoff INSYNC_POLL =
      new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(15), 1.5, 0.2);

  static final Duration INSYNC_TIMEOUT = Duration.ofMinutes(10);
  private static final long MARKER_TTL = 300;
  private static final long DEFAULT_TTL = 300;

  private final Route53Client r53;

  public Route53RecordHandler(Route53Client r53) {
    this.r53 = r53;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return Route53RecordKeys.DESCRIPTOR;
  }

  static String markerName(String name) {
    return "_berth." + name;
  }

  static String markerValue(ResourceContext ctx) {
    return markerValue(ctx.stack(), ctx.logicalId(), ctx.lineage());
  }

  static String markerValue(String stack, String logicalId, String lineage) {
    return "\"" + Ownership.markerWords(stack, logicalId, lineage) + "\"";
  }

  /**
   * The owner a marker value names, as tags ({@link Ownership#STACK}, {@link Ownership#ID} and,
   * when it has one, {@link Ownership#LINEAGE}); empty when the value is not berth's marker.
   */
  public static Optional<Map<String, String>> markerTags(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? Ownership.fromMarkerWords(value.substring(1, value.length() - 1))
        : Optional.empty();
  }

  /** The owner the marker set names; an empty map for a TXT set there that is not berth's. */
  private static Map<String, String> owner(ResourceRecordSet marker) {
    return marker.resourceRecords().stream()
        .map(r -> markerTags(r.value()))
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(Map.of());
  }

  /**
   * Whether a record the state records is this stack's: its marker names this stack and logical id,
   * and this lineage or none (a berth before lineages wrote it; {@link #tag} adds it). A null
   * {@code lineage} (not known to the caller) matches on stack and id alone.
   */
  private static boolean recordedOurs(
      String stack, String logicalId, String lineage, Map<String, String> owner) {
    return stack.equals(owner.get(Ownership.STACK))
        && logicalId.equals(owner.get(Ownership.ID))
        && (lineage == null
            || owner.get(Ownership.LINEAGE) == null
            || lineage.equals(owner.get(Ownership.LINEAGE)));
  }

  private static boolean recordedOurs(ResourceContext ctx, Map<String, String> owner) {
    return recordedOurs(ctx.stack(), ctx.logicalId(), ctx.lineage(), owner);
  }

  /**
   * As {@link #refuseForeignRecord(String, String, String, Map)} without knowing the state's
   * lineage: a marker of this stack and logical id counts as its own whatever lineage it names
   * ({@link #create} then decides with the lineage).
   */
  public void refuseForeignRecord(
      String stack, String logicalId, boolean adopt, Map<String, Object> props) {
    refuseForeignRecord(stack, logicalId, null, adopt, props);
  }

  /**
   * Refuses, as {@link #create} would, when a record that this stack's {@code logicalId} (of the
   * state of {@code lineage}) did not create stands where the record of {@code props} would go: one
   * berth did not make unless {@code adopt} (the run adopts DNS records); one another berth stack
   * or state marks, always. Reads only {@code zone}, {@code name} and {@code type}, so it can run
   * before anything is created, when an alias's target is not known yet.
   */
  public void refuseForeignRecord(
      String stack, String logicalId, String lineage, boolean adopt, Map<String, Object> props) {
    String name = Route53Zones.normalize(Route53RecordKeys.NAME.text(props));
    String type = Route53RecordKeys.TYPE.get(props).toUpperCase(Locale.ROOT);
    Route53Zones.Zone zone;
    try {
      zone = Route53Zones.find(r53, name, Route53RecordKeys.ZONE.get(props));
    } catch (BerthException e) {
      return; // no zone: create says so
    }
    List<ResourceRecordSet> conflicts =
        setsAt(zone.id(), name).stream().filter(s -> conflicts(type, s)).toList();
    Optional<ResourceRecordSet> marker = marker(zone.id(), name);
    Map<String, String> owner = marker.map(Route53RecordHandler::owner).orElse(Map.of());
    if (marker.isPresent() && recordedOurs(stack, logicalId, lineage, owner)) {
      return;
    }
    boolean berths = owner.containsKey(Ownership.STACK);
    if (berths || !adopt && !conflicts.isEmpty()) {
      throw refusal(name, zone, conflicts, owner);
    }
  }

  /**
   * The refusal to take the place of {@code conflicts} at {@code name}: the owner their marker
   * names ({@code owner}, empty for a record berth did not make) and the ways forward.
   */
  private static ForeignRecordException refusal(
      String name,
      Route53Zones.Zone zone,
      List<ResourceRecordSet> conflicts,
      Map<String, String> owner) {
    String where =
        conflicts.isEmpty()
            ? " is claimed in Route 53 zone " + display(zone.name())
            : " ("
                + conflicts.get(0).typeAsString()
                + ") already exists in Route 53 zone "
                + display(zone.name());
    if (!owner.containsKey(Ownership.STACK)) {
      return new ForeignRecordException(
          "DNS record " + display(name) + where + " and was not created by berth",
          display(name),
          PROVIDER,
          display(zone.name()),
          ForeignRecordException.Situation.NOT_MADE_BY_BERTH,
          owner);
    }
    return new ForeignRecordException(
        "DNS record "
            + display(name)
            + where
            + (conflicts.isEmpty() ? " by " : " and is managed by ")
            + Ownership.describe(owner)
            + ", as its TXT record "
            + markerName(display(name))
            + " says; berth did not change it",
        display(name),
        PROVIDER,
        display(zone.name()),
        ForeignRecordException.Situation.OTHER_STATE,
        owner);
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    ResourceRecordSet want = desired(props);
    Route53Zones.Zone zone = Route53Zones.find(r53, want.name(), Route53RecordKeys.ZONE.get(props));
    List<ResourceRecordSet> conflicts =
        setsAt(zone.id(), want.name()).stream()
            .filter(s -> conflicts(want.typeAsString(), s))
            .toList();
    Optional<ResourceRecordSet> marker = marker(zone.id(), want.name());
    Map<String, String> owner = marker.map(Route53RecordHandler::owner).orElse(Map.of());
    // Only this state's own marker makes an existing record ours: an older berth's (no lineage)
    // or another state's is not taken over, and a record berth did not make only with adopt.
    boolean ours = marker.isPresent() && Ownership.ours(ctx, owner);
    boolean adopt = ctx.options().adoptsDns(want.name());
    List<Change> changes = new ArrayList<>();
    if (!ours
        && (owner.containsKey(Ownership.STACK)
            || !adopt && (!conflicts.isEmpty() || marker.isPresent()))) {
      throw refusal(want.name(), zone, conflicts, owner);
    }
    if (!conflicts.isEmpty() && !ours) {
      ctx.progress("adopting existing DNS record " + display(want.name()));
    }
    for (ResourceRecordSet c : conflicts) {
      if (!c.typeAsString().equals(want.typeAsString())) {
        // Adopted (or our own, half-done) records of a type that cannot coexist with ours.
        changes.add(change(ChangeAction.DELETE, c));
      }
    }
    boolean exists = conflicts.stream().anyMatch(c -> c.typeAsString().equals(want.typeAsString()));
    changes.add(change(exists ? ChangeAction.UPSERT : ChangeAction.CREATE, want));
    changes.add(
        change(
            marker.isPresent() ? ChangeAction.UPSERT : ChangeAction.CREATE,
            markerSet(ctx, want.name())));
    String changeId = submit(zone.id(), changes, "berth " + ctx.stack() + " " + ctx.logicalId());
    awaitInsync(ctx, changeId, want.name());
    return observed(zone.id(), want, props);
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    Id id = Id.parse(physicalId);
    try {
      Optional<ResourceRecordSet> set = find(id.zoneId(), id.name(), id.type());
      if (set.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> owner =
          marker(id.zoneId(), id.name()).map(Route53RecordHandler::owner).orElse(Map.of());
      return Optional.of(observed(id.zoneId(), set.get(), props).withTags(owner));
    } catch (NoSuchHostedZoneException e) {
      return Optional.empty();
    }
  }

  /**
   * The record set at the name (of the type, or a CNAME standing where it would go), with its
   * marker's owner as tags; empty when the name is free, and, with {@code adopt}, when what is
   * there is not berth's (adopt takes it over). A marker alone, its record gone, still holds the
   * name.
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> literal = Claims.literal(props, "name");
    if (literal.isEmpty() || Route53RecordKeys.TYPE.get(props) == null) {
      return Optional.empty();
    }
    String name = Route53Zones.normalize(literal.get());
    String type = Route53RecordKeys.TYPE.get(props).toUpperCase(Locale.ROOT);
    Route53Zones.Zone zone;
    try {
      zone = Route53Zones.find(r53, name, Route53RecordKeys.ZONE.get(props));
    } catch (BerthException e) {
      return Optional.empty(); // no zone: create says so
    }
    List<ResourceRecordSet> conflicts =
        setsAt(zone.id(), name).stream().filter(s -> conflicts(type, s)).toList();
    Optional<ResourceRecordSet> marker = marker(zone.id(), name);
    Map<String, String> owner = marker.map(Route53RecordHandler::owner).orElse(Map.of());
    if (conflicts.isEmpty() && marker.isEmpty()
        || ctx.options().adoptsDns(name) && !owner.containsKey(Ownership.STACK)) {
      return Optional.empty();
    }
    String what =
        "Route 53 record "
            + display(name)
            + (conflicts.isEmpty() ? "" : " (" + conflicts.get(0).typeAsString() + ")")
            + " in zone "
            + display(zone.name());
    return Optional.of(new Holder(what, owner));
  }

  /**
   * Writes this state's marker (with its lineage) beside a recorded record, as create does: a
   * marker of an older berth of this stack and id is rewritten, a missing one written; one another
   * stack or state wrote is refused.
   */
  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    Id id = Id.parse(physicalId);
    if (find(id.zoneId(), id.name(), id.type()).isEmpty()) {
      return;
    }
    Optional<ResourceRecordSet> marker = marker(id.zoneId(), id.name());
    Map<String, String> owner = marker.map(Route53RecordHandler::owner).orElse(Map.of());
    if (marker.isPresent() && !recordedOurs(ctx, owner)) {
      throw refusal(id.name(), new Route53Zones.Zone(id.zoneId(), id.zoneId()), List.of(), owner);
    }
    if (marker.isPresent() && isOurs(markerValue(ctx), marker.get())) {
      return;
    }
    submit(
        id.zoneId(),
        List.of(
            change(
                marker.isPresent() ? ChangeAction.UPSERT : ChangeAction.CREATE,
                markerSet(ctx, id.name()))),
        "berth " + ctx.stack() + " " + ctx.logicalId() + " lineage");
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    Id id = Id.parse(physicalId);
    ResourceRecordSet want = desired(newProps);
    Optional<ResourceRecordSet> marker = marker(id.zoneId(), id.name());
    Map<String, String> owner = marker.map(Route53RecordHandler::owner).orElse(Map.of());
    boolean berths = owner.containsKey(Ownership.STACK);
    if (marker.isPresent()
        && !recordedOurs(ctx, owner)
        && (berths || !ctx.options().adoptsDns(id.name()))) {
      throw new ForeignRecordException(
          "DNS record "
              + display(id.name())
              + " in Route 53 is now marked as "
              + (berths ? Ownership.describe(owner) + "'s" : "not this stack's")
              + ", as its TXT record "
              + markerName(display(id.name()))
              + " says; berth did not change it",
          display(id.name()),
          PROVIDER,
          null,
          berths
              ? ForeignRecordException.Situation.REMARKED_BY_OTHER_STATE
              : ForeignRecordException.Situation.MARKER_LOST,
          owner);
    }
    List<Change> changes = new ArrayList<>();
    changes.add(change(ChangeAction.UPSERT, want));
    changes.add(change(ChangeAction.UPSERT, markerSet(ctx, want.name())));
    String changeId = submit(id.zoneId(), changes, "berth " + ctx.stack() + " " + ctx.logicalId());
    awaitInsync(ctx, changeId, want.name());
    return observed(id.zoneId(), want, newProps);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    Id id = Id.parse(physicalId);
    Optional<ResourceRecordSet> marker;
    Optional<ResourceRecordSet> record;
    try {
      marker = marker(id.zoneId(), id.name());
      record = find(id.zoneId(), id.name(), id.type());
    } catch (NoSuchHostedZoneException e) {
      return;
    }
    if (marker.isEmpty() || !recordedOurs(ctx, owner(marker.get()))) {
      if (record.isPresent()) {
        ctx.progress(
            "left DNS record "
                + display(id.name())
                + " in place: it is not marked as this stack's");
      }
      return;
    }
    List<Change> changes = new ArrayList<>();
    record.ifPresent(r -> changes.add(change(ChangeAction.DELETE, r)));
    changes.add(change(ChangeAction.DELETE, marker.get()));
    submit(id.zoneId(), changes, "berth " + ctx.stack() + " " + ctx.logicalId() + " delete");
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) throws Exception {
    ResourceRecordSet want = desired(props);
    Route53Zones.Zone zone;
    try {
      zone = Route53Zones.find(r53, want.name(), Route53RecordKeys.ZONE.get(props));
    } catch (BerthException e) {
      return Optional.empty();
    }
    Optional<ResourceRecordSet> marker = marker(zone.id(), want.name());
    if (marker.isEmpty() || !Ownership.ours(ctx, owner(marker.get()))) {
      return Optional.empty();
    }
    return find(zone.id(), want.name(), want.typeAsString())
        .map(s -> observed(zone.id(), s, props));
  }

  // ---- Route 53 calls

  private String submit(String zoneId, List<Change> changes, String comment) {
    return r53.changeResourceRecordSets(
            b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.comment(comment).changes(changes)))
        .changeInfo()
        .id()
        .replaceFirst("^/?change/", "");
  }

  private void awaitInsync(ResourceContext ctx, String changeId, String name) throws Exception {
    ctx.await(
        "Route 53 change for " + display(name) + " to be INSYNC",
        INSYNC_TIMEOUT,
        INSYNC_POLL,
        () ->
            r53.getChange(b -> b.id(changeId)).changeInfo().status() == ChangeStatus.INSYNC
                ? WaitStep.done(changeId)
                : WaitStep.pending("Route 53 change " + changeId + " is PENDING"));
  }

  /** The record sets named exactly {@code name}, of every type. */
  private List<ResourceRecordSet> setsAt(String zoneId, String name) {
    List<ResourceRecordSet> out = new ArrayList<>();
    String startName = name;
    RRType startType = null;
    while (true) {
      String n = startName;
      RRType t = startType;
      ListResourceRecordSetsResponse resp =
          r53.listResourceRecordSets(
              b -> b.hostedZoneId(zoneId).startRecordName(n).startRecordType(t).maxItems("20"));
      for (ResourceRecordSet s : resp.resourceRecordSets()) {
        if (!Route53Zones.normalize(s.name()).equals(name)) {
          return out;
        }
        out.add(s);
      }
      if (!Boolean.TRUE.equals(resp.isTruncated())) {
        return out;
      }
      startName = resp.nextRecordName();
      startType = resp.nextRecordType();
    }
  }

  private Optional<ResourceRecordSet> find(String zoneId, String name, String type) {
    return setsAt(zoneId, name).stream().filter(s -> s.typeAsString().equals(type)).findFirst();
  }

  private Optional<ResourceRecordSet> marker(String zoneId, String name) {
    return find(zoneId, markerName(name), "TXT");
  }

  // ---- values

  private static boolean isOurs(String mine, ResourceRecordSet marker) {
    return marker.resourceRecords().stream().anyMatch(r -> r.value().equals(mine));
  }

  /** Whether an existing set stands where one of type {@code a} would go. */
  private static boolean conflicts(String a, ResourceRecordSet s) {
    String b = s.typeAsString();
    return a.equals(b) || a.equals("CNAME") || b.equals("CNAME");
  }

  private static ResourceRecordSet markerSet(ResourceContext ctx, String name) {
    return ResourceRecordSet.builder()
        .name(markerName(name))
        .type(RRType.TXT)
        .ttl(MARKER_TTL)
        .resourceRecords(ResourceRecord.builder().value(markerValue(ctx)).build())
        .build();
  }

  private static ResourceRecordSet desired(Map<String, Object> props) {
    String name = Route53RecordKeys.NAME.text(props);
    String type = Route53RecordKeys.TYPE.get(props);
    if (name == null || type == null) {
      throw new BerthException(
          "aws.route53.record needs name and type",
          "this is a bug in the blueprint",
          FailureKind.BAD_INPUT,
          null);
    }
    String t = type.toUpperCase(Locale.ROOT);
    ResourceRecordSet.Builder b =
        ResourceRecordSet.builder().name(Route53Zones.normalize(name)).type(t);
    Map<String, Object> alias = Route53RecordKeys.ALIAS.get(props);
    if (!alias.isEmpty()) {
      return b.aliasTarget(
              AliasTarget.builder()
                  .dnsName(Route53Zones.normalize(Props.string(alias, "dnsName")))
                  .hostedZoneId(Props.string(alias, "hostedZoneId"))
                  .evaluateTargetHealth(false)
                  .build())
          .build();
    }
    Object value = Route53RecordKeys.VALUE.get(props);
    List<String> values = new ArrayList<>();
    if (value instanceof List<?> l) {
      l.forEach(v -> values.add(String.valueOf(v)));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
    if (values.isEmpty()) {
      throw new BerthException(
          "aws.route53.record " + name + " needs a value or an alias",
          "this is a bug in the blueprint",
          FailureKind.BAD_INPUT,
          null);
    }
    return b.ttl((long) Route53RecordKeys.TTL.get(props))
        .resourceRecords(
            values.stream()
                .map(v -> t.equals("TXT") && !v.startsWith("\"") ? "\"" + v + "\"" : v)
                .map(v -> ResourceRecord.builder().value(v).build())
                .toList())
        .build();
  }

  private static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  private static String display(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /**
   * What Route 53 reports, in the spelling of {@code props} where it means the same: Route 53 adds
   * trailing dots and lower-cases names, so {@code _x.App.example.org} would otherwise read back as
   * changed outside berth.
   */
  private static Observed observed(String zoneId, ResourceRecordSet s, Map<String, Object> props) {
    String name = Route53Zones.normalize(s.name());
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("name", sameName(Route53RecordKeys.NAME.text(props), display(name)));
    seen.put("type", s.typeAsString());
    if (s.aliasTarget() != null) {
      Object given = Route53RecordKeys.ALIAS.get(props).get("dnsName");
      seen.put(
          "alias",
          Map.of(
              "dnsName",
                  sameName(
                      given == null ? null : String.valueOf(given),
                      display(s.aliasTarget().dnsName())),
              "hostedZoneId", s.aliasTarget().hostedZoneId()));
    } else {
      List<String> values = s.resourceRecords().stream().map(ResourceRecord::value).toList();
      boolean hostname = s.typeAsString().equals("CNAME") && values.size() == 1;
      seen.put(
          "value",
          hostname
              ? sameName(Route53RecordKeys.VALUE.text(props), values.get(0))
              : values.size() == 1 ? values.get(0) : values);
      seen.put("ttl", s.ttl());
    }
    return new Observed(
        zoneId + "/" + name + "/" + s.typeAsString(), Map.of("zoneId", zoneId), seen, "INSYNC");
  }

  private static String sameName(String asGiven, String reported) {
    return asGiven != null
            && reported != null
            && Route53Zones.normalize(asGiven).equals(Route53Zones.normalize(reported))
        ? asGiven
        : reported;
  }

  /** The parts of a physical id {@code <zoneId>/<name>/<type>}. */
  private record Id(String zoneId, String name, String type) {
    static Id parse(String physicalId) {
      String[] p = physicalId.split("/");
      if (p.length != 3) {
        throw new BerthException(
            "bad Route 53 record id " + physicalId + " (expected <zoneId>/<name>/<type>)",
            "the state file was edited by hand",
            FailureKind.BAD_INPUT,
            null);
      }
      return new Id(p[0], Route53Zones.normalize(p[1]), p[2]);
    }
  }
}
