package dev.berth.core.spec;

/** The public hostname, its DNS provider and the optional zone. */
final class DomainRules {
  private static final String HOSTNAME_FIX = "use a fully qualified name like app.example.com";

  private DomainRules() {}

  static void check(DomainSpec domain, Problems problems) {
    if (domain == null) {
      problems.add(
          "domain",
          "a domain is required: berth serves the service over HTTPS on a hostname",
          "add domain: with hostname: (e.g. app.example.com) and dns: (cloudflare or route53)");
      return;
    }
    String hostname = domain.hostname();
    if (hostname == null || hostname.isEmpty()) {
      problems.add("domain.hostname", "the hostname is missing", HOSTNAME_FIX);
    } else {
      Hostnames.problem(hostname)
          .ifPresent(
              why ->
                  problems.add(
                      "domain.hostname",
                      "\"%s\" is not a valid hostname: %s".formatted(hostname, why),
                      Hostnames.asciiForm(hostname)
                          .map(ascii -> "use its ASCII (punycode) form: " + ascii)
                          .orElse(HOSTNAME_FIX)));
    }
    if (domain.dns() == null) {
      problems.add(
          "domain.dns",
          "the DNS provider is missing",
          "add dns: cloudflare or dns: route53, wherever the zone of the hostname is served");
    }
    String zone = domain.zone();
    if (zone == null) {
      return;
    }
    var zoneProblem = Hostnames.problem(zone);
    if (zoneProblem.isPresent()) {
      problems.add(
          "domain.zone",
          "\"%s\" is not a valid zone name: %s".formatted(zone, zoneProblem.get()),
          Hostnames.asciiForm(zone)
              .map(ascii -> "use its ASCII (punycode) form: " + ascii)
              .orElse("use the zone's domain name, e.g. example.com, or leave zone out"));
    } else if (hostname != null && !hostname.equals(zone) && !hostname.endsWith("." + zone)) {
      problems.add(
          "domain.zone",
          "the hostname %s is not in the zone %s".formatted(hostname, zone),
          "use the zone that contains the hostname, or leave zone out to find it");
    }
  }
}
