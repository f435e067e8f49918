package dev.berth.aws.dns;

import dev.berth.core.failure.BerthException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;

/** Finds the public Route 53 hosted zone a hostname belongs to. */
public final class Route53Zones {
  private Route53Zones() {}

  /** A hosted zone: its bare id ({@code Z…}) and its name with a trailing dot. */
  public record Zone(String id, String name) {}

  /**
   * The public hosted zone named {@code explicitZone}, or else the one whose name is the longest
   * suffix of {@code hostname}.
   *
   * @throws BerthException when no public zone matches
   */
  public static Zone find(Route53Client r53, String hostname, String explicitZone) {
    List<String> candidates =
        explicitZone != null ? List.of(normalize(explicitZone)) : candidates(hostname);
    for (String name : candidates) {
      String dnsName = name;
      String zoneId = null;
      while (true) {
        String start = dnsName;
        String startId = zoneId;
        ListHostedZonesByNameResponse resp =
            r53.listHostedZonesByName(b -> b.dnsName(start).hostedZoneId(startId).maxItems("20"));
        boolean past = false;
        for (HostedZone z : resp.hostedZones()) {
          if (!normalize(z.name()).equals(name)) {
            past = true;
            break;
          }
          if (z.config() == null || !Boolean.TRUE.equals(z.config().privateZone())) {
            return new Zone(bareId(z.id()), name);
          }
        }
        if (past || !Boolean.TRUE.equals(resp.isTruncated()) || resp.nextDNSName() == null) {
          break;
        }
        dnsName = resp.nextDNSName();
        zoneId = resp.nextHostedZoneId();
        if (!normalize(dnsName).equals(name)) {
          break;
        }
      }
    }
    String what =
        explicitZone != null
            ? "no public Route 53 hosted zone named " + normalize(explicitZone)
            : "no public Route 53 hosted zone found for " + normalize(hostname);
    throw new BerthException(
        what,
        "create a public hosted zone for the domain in Route 53, or set the zone explicitly to an"
            + " existing one");
  }

  /** {@code a.b.example.com} → {@code [a.b.example.com., b.example.com., example.com.]}. */
  static List<String> candidates(String hostname) {
    String n = normalize(hostname);
    String[] labels = n.substring(0, n.length() - 1).split("\\.");
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 2 <= labels.length; i++) {
      out.add(String.join(".", Arrays.copyOfRange(labels, i, labels.length)) + ".");
    }
    return out;
  }

  /** Lower case with a trailing dot, as Route 53 names zones and records. */
  public static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  static String bareId(String id) {
    return id.replaceFirst("^/?hostedzone/", "");
  }
}
