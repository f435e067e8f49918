package dev.berth.core.spec;

import java.util.Locale;
import java.util.Optional;

/**
 * The public hostname, the DNS provider that serves it, and optionally the zone that holds it
 * (otherwise the longest matching zone is used). Names are normalised to lower case without a
 * trailing dot, because DNS is case-insensitive and ACM and the host-header rule compare strings.
 */
public record DomainSpec(String hostname, DnsProvider dns, String zone) {
  public DomainSpec {
    hostname = normalise(hostname);
    zone = normalise(zone);
  }

  public Optional<String> zoneName() {
    return Optional.ofNullable(zone);
  }

  private static String normalise(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
