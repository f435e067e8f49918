package dev.berth.core.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the hostname's DNS records live. */
public enum DnsProvider {
  CLOUDFLARE("cloudflare"),
  ROUTE53("route53");

  private final String yamlName;

  DnsProvider(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in berth.yaml. */
  public String yamlName() {
    return yamlName;
  }

  /** The provider named {@code name} in berth.yaml, ignoring case. */
  public static Optional<DnsProvider> fromYaml(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.yamlName.equals(wanted)).findFirst();
  }

  @Override
  public String toString() {
    return yamlName;
  }
}
