package dev.berth.aws.dns;

import dev.berth.core.engine.Backoff;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.Observed;
import dev.berth.core.engine.ResourceContext;
import dev.berth.core.engine.ResourceHandler;
import dev.berth.core.engine.WaitStep;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceType;
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
 * id>"}, written and removed in the same change batch as the record. A record without this stack's
 * marker is never overwritten or deleted unless {@code adopt} is true. Create and update wait until
 * the change is INSYNC. The physical id is {@code <zoneId>/<name>/<type>}.
 */
public final class Route53RecordHandler implements ResourceHandler {
  public static final ResourceType TYPE =
      ResourceType.of("aws.route53.record", "zone", "name", "type");

  /** Route 53 allows about five requests a second per account: poll gently. */
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

  static String markerName(String name) {
    return "_berth." + name;
  }

  static String markerValue(ResourceContext ctx) {
    return "\"berth stack=" + ctx.stack() + " id=" + ctx.logicalId() + "\"";
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    ResourceRecordSet want = desired(props);
    Route53Zones.Zone zone = Route53Zones.find(r53, want.name(), Props.string(props, "zone"));
    List<ResourceRecordSet> conflicts =
        setsAt(zone.id(), want.name()).stream().filter(s -> conflicts(want, s)).toList();
    Optional<ResourceRecordSet> marker = marker(zone.id(), want.name());
    boolean ours = marker.isPresent() && isOurs(ctx, marker.get());
    boolean adopt = adopt(props);
    List<Change> changes = new ArrayList<>();
    if (!ours && !adopt && (!conflicts.isEmpty() || marker.isPresent())) {
      throw new BerthException(
          "DNS record "
              + display(want.name())
              + " already exists in Route 53 zone "
              + display(zone.name())
              + " and was not created by berth",
          "delete it, choose another hostname, or run with --adopt-dns");
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
    return observed(zone.id(), want);
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    Id id = Id.parse(physicalId);
    try {
      return find(id.zoneId(), id.name(), id.type())
          .map(s -> spelledAs(observed(id.zoneId(), s), props));
    } catch (NoSuchHostedZoneException e) {
      return Optional.empty();
    }
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
    if (marker.isPresent() && !isOurs(ctx, marker.get()) && !adopt(newProps)) {
      throw new BerthException(
          "DNS record " + display(id.name()) + " in Route 53 is now marked as another stack's",
          "check the "
              + markerName(display(id.name()))
              + " TXT record; run with --adopt-dns to"
              + " take the record back");
    }
    List<Change> changes = new ArrayList<>();
    changes.add(change(ChangeAction.UPSERT, want));
    changes.add(change(ChangeAction.UPSERT, markerSet(ctx, want.name())));
    String changeId = submit(id.zoneId(), changes, "berth " + ctx.stack() + " " + ctx.logicalId());
    awaitInsync(ctx, changeId, want.name());
    return observed(id.zoneId(), want);
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
    if (marker.isEmpty() || !isOurs(ctx, marker.get())) {
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
      zone = Route53Zones.find(r53, want.name(), Props.string(props, "zone"));
    } catch (BerthException e) {
      return Optional.empty();
    }
    Optional<ResourceRecordSet> marker = marker(zone.id(), want.name());
    if (marker.isEmpty() || !isOurs(ctx, marker.get())) {
      return Optional.empty();
    }
    return find(zone.id(), want.name(), want.typeAsString())
        .map(s -> spelledAs(observed(zone.id(), s), props));
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

  private static boolean isOurs(ResourceContext ctx, ResourceRecordSet marker) {
    String mine = markerValue(ctx);
    return marker.resourceRecords().stream().anyMatch(r -> r.value().equals(mine));
  }

  /** Whether an existing set stands where {@code want} would go. */
  private static boolean conflicts(ResourceRecordSet want, ResourceRecordSet s) {
    String a = want.typeAsString();
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
    String name = Props.string(props, "name");
    String type = Props.string(props, "type");
    if (name == null || type == null) {
      throw new BerthException(
          "aws.route53.record needs name and type", "this is a bug in the blueprint", 2, null);
    }
    String t = type.toUpperCase(Locale.ROOT);
    ResourceRecordSet.Builder b =
        ResourceRecordSet.builder().name(Route53Zones.normalize(name)).type(t);
    Map<String, Object> alias = Props.map(props, "alias");
    if (!alias.isEmpty()) {
      return b.aliasTarget(
              AliasTarget.builder()
                  .dnsName(Route53Zones.normalize(Props.string(alias, "dnsName")))
                  .hostedZoneId(Props.string(alias, "hostedZoneId"))
                  .evaluateTargetHealth(false)
                  .build())
          .build();
    }
    Object value = props.get("value");
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
          2,
          null);
    }
    return b.ttl((long) Props.integer(props, "ttl", (int) DEFAULT_TTL))
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

  private static boolean adopt(Map<String, Object> props) {
    return Boolean.parseBoolean(String.valueOf(props.getOrDefault("adopt", false)));
  }

  private static String display(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /**
   * The observation with names spelled as {@code props} spell them where they name the same thing
   * (trailing dot, case), so that a record read back is not taken for drift.
   */
  static Observed spelledAs(Observed o, Map<String, Object> props) {
    Map<String, Object> seen = new LinkedHashMap<>(o.properties());
    keepSpelling(seen, props, "name");
    if ("CNAME".equals(seen.get("type"))) {
      keepSpelling(seen, props, "value");
    }
    if (seen.get("alias") instanceof Map<?, ?> a && props.get("alias") instanceof Map<?, ?> want) {
      Map<String, Object> alias = new LinkedHashMap<>();
      a.forEach((k, v) -> alias.put(String.valueOf(k), v));
      Map<String, Object> wanted = new LinkedHashMap<>();
      want.forEach((k, v) -> wanted.put(String.valueOf(k), v));
      keepSpelling(alias, wanted, "dnsName");
      seen.put("alias", alias);
    }
    return new Observed(o.physicalId(), o.outputs(), seen, o.status());
  }

  private static void keepSpelling(
      Map<String, Object> seen, Map<String, Object> props, String key) {
    if (seen.get(key) instanceof String got
        && props.get(key) instanceof String want
        && Route53Zones.normalize(got).equals(Route53Zones.normalize(want))) {
      seen.put(key, want);
    }
  }

  private static Observed observed(String zoneId, ResourceRecordSet s) {
    String name = Route53Zones.normalize(s.name());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", display(name));
    props.put("type", s.typeAsString());
    if (s.aliasTarget() != null) {
      props.put(
          "alias",
          Map.of(
              "dnsName", display(s.aliasTarget().dnsName()),
              "hostedZoneId", s.aliasTarget().hostedZoneId()));
    } else {
      List<String> values = s.resourceRecords().stream().map(ResourceRecord::value).toList();
      props.put("value", values.size() == 1 ? values.get(0) : values);
      props.put("ttl", s.ttl());
    }
    return new Observed(
        zoneId + "/" + name + "/" + s.typeAsString(), Map.of("zoneId", zoneId), props, "INSYNC");
  }

  /** The parts of a physical id {@code <zoneId>/<name>/<type>}. */
  private record Id(String zoneId, String name, String type) {
    static Id parse(String physicalId) {
      String[] p = physicalId.split("/");
      if (p.length != 3) {
        throw new BerthException(
            "bad Route 53 record id " + physicalId + " (expected <zoneId>/<name>/<type>)",
            "the state file was edited by hand",
            2,
            null);
      }
      return new Id(p[0], Route53Zones.normalize(p[1]), p[2]);
    }
  }
}
