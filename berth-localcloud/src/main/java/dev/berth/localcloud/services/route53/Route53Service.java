package dev.berth.localcloud.services.route53;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route 53 (REST-XML): hosted zones are read-only here (created through the control API); record
 * sets live in the zone's {@code records} attribute; a change turns INSYNC after {@code
 * route53.insync}.
 */
public final class Route53Service implements AwsService {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  private static final Pattern ZONE =
      Pattern.compile("^/2013-04-01/hostedzone/+(?:hostedzone/+)?([^/]+)(/rrset)?/*$");
  private static final Pattern CHANGE =
      Pattern.compile("^/2013-04-01/change/+(?:change/+)?([^/]+)/*$");
  private static final Comparator<Res> ZONE_ORDER =
      Comparator.<Res, String>comparing(z -> z.name, DnsNames.ORDER).thenComparing(z -> z.id);
  private static final Comparator<RecordSet> RECORD_ORDER =
      Comparator.comparing(RecordSet::name, DnsNames.ORDER).thenComparing(RecordSet::type);

  @Override
  public String signingName() {
    return "route53";
  }

  @Override
  public Protocol protocol() {
    return Protocol.REST_XML;
  }

  @Override
  public String action(Request req) {
    String p = req.path();
    String m = req.method();
    if (p.matches("^/2013-04-01/hostedzonesbyname/*$") && m.equals("GET")) {
      return "ListHostedZonesByName";
    }
    if (p.matches("^/2013-04-01/hostedzone/*$") && m.equals("GET")) {
      return "ListHostedZones";
    }
    Matcher z = ZONE.matcher(p);
    if (z.matches()) {
      if (z.group(2) == null) {
        return m.equals("GET") ? "GetHostedZone" : m.equals("DELETE") ? "DeleteHostedZone" : null;
      }
      return m.equals("POST")
          ? "ChangeResourceRecordSets"
          : m.equals("GET") ? "ListResourceRecordSets" : null;
    }
    if (CHANGE.matcher(p).matches() && m.equals("GET")) {
      return "GetChange";
    }
    return null;
  }

  @Override
  public void tick(World world) {
    world
        .of("route53", "hostedzone")
        .filter(z -> !z.attrs.containsKey("records"))
        .forEach(z -> seed(world, z));
  }

  /** NS and SOA records every new zone has, and the zone's ARN. */
  private static void seed(World world, Res zone) {
    List<RecordSet> sets = new ArrayList<>();
    int n = 1 + (int) (Math.abs((long) zone.id.hashCode()) % 2000);
    List<String> servers =
        List.of(
            "ns-" + n + ".awsdns-" + (n % 64) + ".com.",
            "ns-" + (n + 512) + ".awsdns-" + (n % 64) + ".net.",
            "ns-" + (n + 1024) + ".awsdns-" + (n % 64) + ".org.",
            "ns-" + (n + 1536) + ".awsdns-" + (n % 64) + ".co.uk.");
    sets.add(new RecordSet(zone.name, "NS", 172800L, servers, null));
    sets.add(
        new RecordSet(
            zone.name,
            "SOA",
            900L,
            List.of(servers.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
            null));
    store(zone, sets);
    if (zone.arn == null) {
      zone.arn = "arn:aws:route53:::hostedzone/" + zone.id;
    }
    zone.attrs.putIfAbsent("callerReference", "localcloud-" + zone.id);
  }

  @Override
  public Response handle(Request req, World world) {
    tick(world);
    String action = req.action();
    if (action == null) {
      throw new AwsException(
          404,
          "UnknownOperationException",
          "No such operation: " + req.method() + " " + req.path());
    }
    return switch (action) {
      case "ListHostedZonesByName" -> listHostedZonesByName(req, world);
      case "ListHostedZones" -> listHostedZones(req, world);
      case "GetHostedZone" -> getHostedZone(zone(req, world));
      case "ChangeResourceRecordSets" -> changeResourceRecordSets(req, world);
      case "ListResourceRecordSets" -> listResourceRecordSets(req, world);
      case "GetChange" -> getChange(req, world);
      default ->
          throw AwsException.client(
              "InvalidAction", "localcloud does not emulate Route 53 " + action);
    };
  }

  private Response listHostedZonesByName(Request req, World world) {
    String dnsName = req.query().get("dnsname");
    String zoneId = req.query().get("hostedzoneid");
    if (zoneId != null && dnsName == null) {
      throw AwsException.client(
          "InvalidInput", "The input is not valid: hostedzoneid requires dnsname");
    }
    int max = maxItems(req, 100);
    String start = dnsName == null ? null : DnsNames.normalize(dnsName);
    List<Res> zones =
        world
            .of("route53", "hostedzone")
            .sorted(ZONE_ORDER)
            .filter(
                z -> {
                  if (start == null) {
                    return true;
                  }
                  int c = DnsNames.ORDER.compare(z.name, start);
                  return c > 0 || c == 0 && (zoneId == null || z.id.compareTo(bare(zoneId)) >= 0);
                })
            .toList();
    boolean truncated = zones.size() > max;
    Xml x = new Xml().open("ListHostedZonesByNameResponse", NS);
    x.list("HostedZones", "HostedZone", zones.subList(0, Math.min(max, zones.size())), this::zone);
    x.leaf("DNSName", dnsName == null ? null : start);
    x.leaf("HostedZoneId", zoneId == null ? null : bare(zoneId));
    x.leaf("IsTruncated", truncated);
    if (truncated) {
      x.leaf("NextDNSName", zones.get(max).name);
      x.leaf("NextHostedZoneId", zones.get(max).id);
    }
    x.leaf("MaxItems", max);
    return x.response();
  }

  private Response listHostedZones(Request req, World world) {
    String marker = req.query().get("marker");
    int max = maxItems(req, 100);
    List<Res> all = world.of("route53", "hostedzone").sorted(ZONE_ORDER).toList();
    int from = 0;
    if (marker != null) {
      from = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id.equals(bare(marker))) {
          from = i;
        }
      }
      if (from < 0) {
        throw AwsException.client("InvalidInput", "The marker is not valid: " + marker);
      }
    }
    List<Res> page = all.subList(from, Math.min(all.size(), from + max));
    boolean truncated = from + max < all.size();
    Xml x = new Xml().open("ListHostedZonesResponse", NS);
    x.list("HostedZones", "HostedZone", page, this::zone);
    x.leaf("Marker", marker);
    x.leaf("IsTruncated", truncated);
    x.leaf("NextMarker", truncated ? all.get(from + max).id : null);
    x.leaf("MaxItems", max);
    return x.response();
  }

  private Response getHostedZone(Res zone) {
    Xml x = new Xml().open("GetHostedZoneResponse", NS);
    x.open("HostedZone");
    zone(x, zone);
    x.close();
    if (!zone.bool("private")) {
      x.open("DelegationSet").open("NameServers");
      records(zone).stream()
          .filter(r -> r.name().equals(zone.name) && r.type().equals("NS"))
          .flatMap(r -> r.values().stream())
          .forEach(v -> x.leaf("NameServer", v.replaceAll("\\.$", "")));
      x.close().close();
    }
    return x.response();
  }

  private Response changeResourceRecordSets(Request req, World world) {
    Res zone = zone(req, world);
    ChangeBatch batch = ChangeBatch.parse(req.body());
    List<RecordSet> updated;
    try {
      updated = batch.apply(zone.name, records(zone));
    } catch (InvalidChangeBatch e) {
      // Route 53 once answered these with an <InvalidChangeBatch> root; today it is a standard
      // ErrorResponse whose message lists every problem in brackets.
      throw AwsException.client("InvalidChangeBatch", e.messages().toString());
    }
    store(zone, updated);
    Res change = new Res("route53", "change", world.newId("C", 20).toUpperCase());
    long now = world.nowMillis();
    change.attrs.put("submittedAt", now);
    change.attrs.put("insyncAt", now + world.delayMillis("route53.insync"));
    change.attrs.put("hostedZoneId", zone.id);
    if (batch.comment != null) {
      change.attrs.put("comment", batch.comment);
    }
    change.refs.add(zone.id);
    change.state = "PENDING";
    world.put(change);
    return changeInfo("ChangeResourceRecordSetsResponse", change, world);
  }

  private Response getChange(Request req, World world) {
    Matcher m = CHANGE.matcher(req.path());
    String id = m.matches() ? m.group(1) : "";
    Res change =
        world
            .get("route53", "change", id)
            .orElseThrow(
                () ->
                    new AwsException(
                        404,
                        "NoSuchChange",
                        "A change with the specified change ID does not exist."));
    return changeInfo("GetChangeResponse", change, world);
  }

  private Response changeInfo(String root, Res change, World world) {
    boolean insync = world.nowMillis() >= change.num("insyncAt", 0);
    change.state = insync ? "INSYNC" : "PENDING";
    return new Xml()
        .open(root, NS)
        .open("ChangeInfo")
        .leaf("Id", "/change/" + change.id)
        .leaf("Status", change.state)
        .leaf("SubmittedAt", Instant.ofEpochMilli(change.num("submittedAt", 0)).toString())
        .leaf("Comment", change.str("comment"))
        .close()
        .response();
  }

  private Response listResourceRecordSets(Request req, World world) {
    Res zone = zone(req, world);
    String name = req.query().get("name");
    String type = req.query().get("type");
    if (type != null && name == null) {
      throw AwsException.client(
          "InvalidInput", "The input is not valid: type requires name (StartRecordName)");
    }
    if (type != null && !ChangeBatch.TYPES.contains(type)) {
      throw AwsException.client("InvalidInput", "The input is not valid: unknown type " + type);
    }
    int max = maxItems(req, 300);
    String start = name == null ? null : DnsNames.normalize(name);
    List<RecordSet> sets =
        records(zone).stream()
            .sorted(RECORD_ORDER)
            .filter(
                r -> {
                  if (start == null) {
                    return true;
                  }
                  int c = DnsNames.ORDER.compare(r.name(), start);
                  return c > 0 || c == 0 && (type == null || r.type().compareTo(type) >= 0);
                })
            .toList();
    boolean truncated = sets.size() > max;
    Xml x = new Xml().open("ListResourceRecordSetsResponse", NS);
    x.list(
        "ResourceRecordSets",
        "ResourceRecordSet",
        sets.subList(0, Math.min(max, sets.size())),
        Route53Service::recordSet);
    x.leaf("IsTruncated", truncated);
    if (truncated) {
      x.leaf("NextRecordName", DnsNames.escape(sets.get(max).name()));
      x.leaf("NextRecordType", sets.get(max).type());
    }
    x.leaf("MaxItems", max);
    return x.response();
  }

  private static void recordSet(Xml x, RecordSet r) {
    x.leaf("Name", DnsNames.escape(r.name())).leaf("Type", r.type());
    if (r.alias() != null) {
      x.open("AliasTarget")
          .leaf("HostedZoneId", r.alias().hostedZoneId())
          .leaf("DNSName", r.alias().dnsName())
          .leaf("EvaluateTargetHealth", r.alias().evaluateTargetHealth())
          .close();
    } else {
      x.leaf("TTL", r.ttl());
      x.list("ResourceRecords", "ResourceRecord", r.values(), (xx, v) -> xx.leaf("Value", v));
    }
  }

  private void zone(Xml x, Res z) {
    x.leaf("Id", "/hostedzone/" + z.id)
        .leaf("Name", z.name)
        .leaf("CallerReference", z.attrs.getOrDefault("callerReference", "localcloud-" + z.id))
        .open("Config");
    if (z.str("comment") != null) {
      x.leaf("Comment", z.str("comment"));
    }
    x.leaf("PrivateZone", z.bool("private")).close();
    x.leaf("ResourceRecordSetCount", records(z).size());
  }

  private static Res zone(Request req, World world) {
    Matcher m = ZONE.matcher(req.path());
    String id = m.matches() ? m.group(1) : "";
    return world
        .get("route53", "hostedzone", id)
        .orElseThrow(
            () -> new AwsException(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id));
  }

  static List<RecordSet> records(Res zone) {
    return zone.listAttr("records").stream().map(RecordSet::fromMap).toList();
  }

  private static void store(Res zone, List<RecordSet> sets) {
    List<Object> list = new ArrayList<>();
    sets.forEach(s -> list.add(s.toMap()));
    zone.attrs.put("records", list);
  }

  private static String bare(String id) {
    return id.replaceFirst("^/?hostedzone/", "");
  }

  private static int maxItems(Request req, int dflt) {
    String v = req.query().get("maxitems");
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return Math.min(n, dflt);
    } catch (NumberFormatException e) {
      throw AwsException.client("InvalidInput", "The input is not valid: maxitems " + v);
    }
  }
}
