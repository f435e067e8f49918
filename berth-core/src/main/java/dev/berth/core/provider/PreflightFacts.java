package dev.berth.core.provider;

import java.util.List;

/** What the preflight checks learned, filled in as they run. */
public final class PreflightFacts {
  private String account;
  private List<String> availabilityZones = List.of();
  private String dnsZone;

  /** The account the credentials belong to. */
  public String account() {
    return account;
  }

  public void account(String a) {
    this.account = a;
  }

  /** The availability zones to spread the network over (empty when an existing one is used). */
  public List<String> availabilityZones() {
    return availabilityZones;
  }

  public void availabilityZones(List<String> zones) {
    this.availabilityZones = List.copyOf(zones);
  }

  /** The DNS zone that holds the hostname. */
  public String dnsZone() {
    return dnsZone;
  }

  public void dnsZone(String zone) {
    this.dnsZone = zone;
  }
}
