package dev.berth.localcloud.services.route53;

import dev.berth.localcloud.core.AwsException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed {@code ChangeResourceRecordSetsRequest} and the rules Route 53 applies to it. Changes
 * apply in order to a working copy, so a DELETE followed by a CREATE of the same set is valid; the
 * batch is atomic: any failure rejects all of it with every message collected.
 */
final class ChangeBatch {
  static final Set<String> TYPES =
      Set.of(
          "A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF",
          "SRV", "SSHFP", "SVCB", "TLSA", "TXT");
  private static final Set<String> ACTIONS = Set.of("CREATE", "DELETE", "UPSERT");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern TXT = Pattern.compile("(\"([^\"\\\\]|\\\\.)*\"\\s*)+|[^\\s\"]+");

  record Change(String action, RecordSet rrset) {}

  final String comment;
  final List<Change> changes;

  private ChangeBatch(String comment, List<Change> changes) {
    this.comment = comment;
    this.changes = changes;
  }

  static ChangeBatch parse(byte[] body) {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = f.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (Exception e) {
      throw AwsException.client("InvalidInput", "Invalid XML ; The request body is not valid XML");
    }
    Element batch = child(root, "ChangeBatch");
    Element list = batch == null ? null : child(batch, "Changes");
    List<Element> items = list == null ? List.of() : children(list, "Change");
    if (items.isEmpty()) {
      throw AwsException.client(
          "InvalidInput",
          "1 validation error detected: Value null at 'changeBatch.changes' failed to satisfy"
              + " constraint: Member must have length greater than or equal to 1");
    }
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      changes.add(parseChange(items.get(i), i + 1));
    }
    return new ChangeBatch(text(batch, "Comment"), changes);
  }

  private static Change parseChange(Element c, int index) {
    String action = text(c, "Action");
    Element set = child(c, "ResourceRecordSet");
    String prefix = "changeBatch.changes." + index + ".member.";
    if (action == null || !ACTIONS.contains(action)) {
      throw AwsException.client(
          "InvalidInput",
          "1 validation error detected: Value '"
              + action
              + "' at '"
              + prefix
              + "action' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [CREATE, DELETE, UPSERT]");
    }
    if (set == null || text(set, "Name") == null) {
      throw AwsException.client(
          "InvalidInput",
          "1 validation error detected: Value null at '"
              + prefix
              + "resourceRecordSet.name' failed to satisfy constraint: Member must not be null");
    }
    String name = DnsNames.normalize(text(set, "Name"));
    String type = text(set, "Type");
    if (type == null || !TYPES.contains(type)) {
      throw AwsException.client(
          "InvalidInput",
          "1 validation error detected: Value '"
              + type
              + "' at '"
              + prefix
              + "resourceRecordSet.type' failed to satisfy constraint: Member must satisfy enum"
              + " value set: "
              + new java.util.TreeSet<>(TYPES));
    }
    String ttlText = text(set, "TTL");
    Element records = child(set, "ResourceRecords");
    Element aliasEl = child(set, "AliasTarget");
    boolean plain = ttlText != null && records != null;
    if (plain == (aliasEl != null) || aliasEl != null && (ttlText != null || records != null)) {
      throw AwsException.client(
          "InvalidInput",
          "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and"
              + " ResourceRecords]], but found "
              + (plain || aliasEl != null ? "more than one" : "none")
              + " in Change with [Action="
              + action
              + ", Name="
              + name
              + ", Type="
              + type
              + ", SetIdentifier=null]");
    }
    RecordSet.Alias alias = null;
    Long ttl = null;
    List<String> values = new ArrayList<>();
    if (aliasEl != null) {
      String zoneId = text(aliasEl, "HostedZoneId");
      String dnsName = text(aliasEl, "DNSName");
      if (zoneId == null || dnsName == null) {
        throw AwsException.client(
            "InvalidInput", "Invalid request: AliasTarget requires HostedZoneId and DNSName");
      }
      alias =
          new RecordSet.Alias(
              zoneId.replaceFirst("^/hostedzone/", ""),
              DnsNames.normalize(dnsName),
              Boolean.parseBoolean(text(aliasEl, "EvaluateTargetHealth")));
    } else {
      try {
        ttl = Long.parseLong(ttlText.trim());
      } catch (NumberFormatException e) {
        ttl = -1L;
      }
      if (ttl < 0 || ttl > 2147483647L) {
        throw AwsException.client(
            "InvalidInput",
            "1 validation error detected: Value '"
                + ttlText
                + "' at '"
                + prefix
                + "resourceRecordSet.tTL' failed to satisfy constraint: Member must have value"
                + " between 0 and 2147483647");
      }
      for (Element r : children(records, "ResourceRecord")) {
        String v = text(r, "Value");
        values.add(v == null ? "" : v);
      }
      if (values.isEmpty()) {
        throw AwsException.client(
            "InvalidInput",
            "1 validation error detected: Value '[]' at '"
                + prefix
                + "resourceRecordSet.resourceRecords' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 1");
      }
    }
    return new Change(action, new RecordSet(name, type, ttl, values, alias));
  }

  /** Applies the batch to {@code current}, returning the new record list or failing whole. */
  List<RecordSet> apply(String zone, List<RecordSet> current) {
    List<RecordSet> sets = new ArrayList<>(current);
    List<String> errors = new ArrayList<>();
    for (Change c : changes) {
      RecordSet r = c.rrset();
      String key = "[name='" + DnsNames.escape(r.name()) + "', type='" + r.type() + "']";
      RecordSet existing = sets.stream().filter(r::sameKey).findFirst().orElse(null);
      if (c.action().equals("DELETE")) {
        if (existing == null) {
          errors.add("Tried to delete resource record set " + key + " but it was not found");
        } else if (!existing.matches(r)) {
          errors.add(
              "Tried to delete resource record set "
                  + key
                  + " but the values provided do not match the current values");
        } else if (r.name().equals(zone) && r.type().equals("NS")) {
          errors.add("A HostedZone must contain at least one NS record for the zone itself.");
        } else if (r.name().equals(zone) && r.type().equals("SOA")) {
          errors.add("A HostedZone must contain exactly one SOA record.");
        } else {
          sets.remove(existing);
        }
        continue;
      }
      List<String> problems = validate(zone, r, sets);
      if (c.action().equals("CREATE") && existing != null) {
        problems.add(0, "Tried to create resource record set " + key + " but it already exists");
      }
      if (!problems.isEmpty()) {
        errors.addAll(problems);
        continue;
      }
      if (existing != null) {
        sets.set(sets.indexOf(existing), r);
      } else {
        sets.add(r);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidChangeBatch(errors);
    }
    return sets;
  }

  private static List<String> validate(String zone, RecordSet r, List<RecordSet> sets) {
    List<String> problems = new ArrayList<>();
    String n = DnsNames.escape(r.name());
    if (!DnsNames.inZone(r.name(), zone)) {
      problems.add("RRSet with DNS name " + n + " is not permitted in zone " + zone);
      return problems;
    }
    if (r.type().equals("CNAME") && r.name().equals(zone)) {
      problems.add(
          "RRSet of type CNAME with DNS name " + n + " is not permitted at apex in zone " + zone);
    }
    if (r.type().equals("CNAME")
        && sets.stream().anyMatch(s -> s.name().equals(r.name()) && !s.type().equals("CNAME"))) {
      problems.add(
          "RRSet of type CNAME with DNS name "
              + n
              + " is not permitted as it conflicts with other records with the same DNS name in"
              + " zone "
              + zone);
    }
    if (!r.type().equals("CNAME")
        && sets.stream().anyMatch(s -> s.name().equals(r.name()) && s.type().equals("CNAME"))) {
      problems.add(
          "RRSet of type "
              + r.type()
              + " with DNS name "
              + n
              + " is not permitted because a conflicting RRSet of type CNAME with the same DNS name"
              + " already exists in zone "
              + zone);
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String v : r.values()) {
      if (!seen.add(v)) {
        problems.add("Duplicate Resource Record: '" + v + "'");
      }
      String bad = badValue(r.type(), v);
      if (bad != null) {
        problems.add(
            "Invalid Resource Record: 'FATAL problem: " + bad + " encountered with '" + v + "''");
      }
    }
    if (r.type().equals("CNAME") && r.values().size() > 1) {
      problems.add(
          "Invalid Resource Record: 'FATAL problem: RRSetTooManyRecords (Only one resource"
              + " record is allowed in an RRSet of type CNAME) encountered with '"
              + r.values().get(1)
              + "''");
    }
    return problems;
  }

  private static String badValue(String type, String v) {
    return switch (type) {
      case "A" ->
          IPV4.matcher(v).matches()
              ? null
              : "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)";
      case "AAAA" ->
          v.contains(":") && v.matches("[0-9a-fA-F:.]+")
              ? null
              : "AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)";
      case "TXT", "SPF" ->
          TXT.matcher(v).matches()
              ? null
              : "InvalidCharacterString (Value should be enclosed in quotation marks)";
      case "CNAME" ->
          v.matches("[A-Za-z0-9_*.-]+\\.?") && !v.isEmpty()
              ? null
              : "DomainLabelEmpty (Domain label is empty)";
      default -> null;
    };
  }

  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName(e).equals(name)) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName(e).equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent();
  }

  private static String localName(Element e) {
    String n = e.getTagName();
    int colon = n.indexOf(':');
    return colon < 0 ? n : n.substring(colon + 1);
  }
}
