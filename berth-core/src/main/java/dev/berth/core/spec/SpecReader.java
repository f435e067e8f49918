package dev.berth.core.spec;

import java.util.List;
import java.util.Optional;

/**
 * Turns the YAML tree into a {@link ServiceSpec}, filling in defaults and recording problems of
 * shape (unknown keys, wrong types, missing variables). Rules about values are {@link
 * SpecValidator}'s.
 */
final class SpecReader {
  static final List<String> SERVICE_KEYS =
      List.of(
          "name",
          "region",
          "image",
          "port",
          "cpu",
          "memory",
          "instances",
          "command",
          "entrypoint",
          "env",
          "secrets",
          "healthCheck",
          "deregistrationDelay",
          "domain",
          "network",
          "logRetentionDays",
          "tags");
  static final List<String> IMAGE_KEYS = List.of("name", "credentials");
  static final List<String> CREDENTIALS_KEYS = List.of("username", "password");
  static final List<String> HEALTH_CHECK_KEYS =
      List.of("path", "intervalSeconds", "healthyThreshold", "gracePeriodSeconds");
  static final List<String> DOMAIN_KEYS = List.of("hostname", "dns", "zone");
  static final List<String> NETWORK_KEYS = List.of("vpc", "subnets");

  private final Interpolator interpolator;

  SpecReader(Interpolator interpolator) {
    this.interpolator = interpolator;
  }

  /** The spec in {@code root}, or empty if the document is not a mapping at all. */
  Optional<ServiceSpec> read(YamlNode root, Problems problems) {
    if (!(root instanceof YamlNode.Mapping mapping)) {
      problems.add(
          SpecProblem.DOCUMENT,
          "the file must be a mapping of keys such as name:, image: and domain:, but it is "
              + root.describe(),
          SpecProblem.START_OVER);
      return Optional.empty();
    }
    MappingReader r = MappingReader.open("", mapping, SERVICE_KEYS, interpolator, problems);
    return Optional.of(
        new ServiceSpec(
            r.text("name"),
            r.text("region"),
            image(r),
            r.integer("port", ServiceSpec.DEFAULT_PORT),
            r.integer("cpu", ServiceSpec.DEFAULT_CPU),
            r.integer("memory", ServiceSpec.DEFAULT_MEMORY),
            r.integer("instances", ServiceSpec.DEFAULT_INSTANCES),
            r.textList("command"),
            r.textList("entrypoint"),
            r.textMap("env"),
            r.textMap("secrets"),
            healthCheck(r),
            r.integer("deregistrationDelay", ServiceSpec.DEFAULT_DEREGISTRATION_DELAY),
            domain(r, problems),
            r.section("network", NETWORK_KEYS)
                .map(n -> new NetworkSpec(n.text("vpc"), n.textList("subnets")))
                .orElse(null),
            r.integer("logRetentionDays", ServiceSpec.DEFAULT_LOG_RETENTION_DAYS),
            r.textMap("tags")));
  }

  /** Either {@code image: ref} or {@code image: {name, credentials: {username, password}}}. */
  private static ImageSpec image(MappingReader r) {
    if (r.node("image").filter(YamlNode.Mapping.class::isInstance).isEmpty()) {
      String ref = r.text("image");
      return ref == null ? null : ImageSpec.of(ref);
    }
    return r.section("image", IMAGE_KEYS)
        .map(
            i ->
                new ImageSpec(
                    i.text("name"),
                    i.section("credentials", CREDENTIALS_KEYS)
                        .map(c -> new RegistryCredentials(c.text("username"), c.text("password")))
                        .orElse(null)))
        .orElse(null);
  }

  private static HealthCheckSpec healthCheck(MappingReader r) {
    return r.section("healthCheck", HEALTH_CHECK_KEYS)
        .map(
            h ->
                new HealthCheckSpec(
                    Optional.ofNullable(h.text("path")).orElse(HealthCheckSpec.DEFAULT_PATH),
                    h.integer("intervalSeconds", HealthCheckSpec.DEFAULT_INTERVAL_SECONDS),
                    h.integer("healthyThreshold", HealthCheckSpec.DEFAULT_HEALTHY_THRESHOLD),
                    h.integer("gracePeriodSeconds", HealthCheckSpec.DEFAULT_GRACE_PERIOD_SECONDS)))
        .orElse(HealthCheckSpec.defaults());
  }

  private static DomainSpec domain(MappingReader r, Problems problems) {
    return r.section("domain", DOMAIN_KEYS)
        .map(d -> new DomainSpec(d.text("hostname"), dns(d, problems), d.text("zone")))
        .orElse(null);
  }

  private static DnsProvider dns(MappingReader d, Problems problems) {
    String name = d.text("dns");
    if (name == null || name.isBlank()) {
      return null;
    }
    Optional<DnsProvider> provider = DnsProvider.fromYaml(name);
    if (provider.isEmpty()) {
      problems.add(
          d.field("dns"),
          "\"" + name + "\" is not a DNS provider berth supports",
          "use dns: cloudflare or dns: route53");
    }
    return provider.orElse(null);
  }
}
