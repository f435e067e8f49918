package dev.berth.core.provider;

import dev.berth.core.spec.ServiceSpec;

/**
 * A read-only check a provider runs before anything changes: credentials, region, zones, an
 * existing network, a DNS zone. It fails with a {@link dev.berth.core.failure.BerthException} that
 * says what to fix, and records what it learned in {@link PreflightFacts}. A check that does not
 * concern the spec (Route 53's zone for a Cloudflare stack) does nothing.
 */
@FunctionalInterface
public interface PreflightCheck {

  /**
   * @param spec the service being deployed, region resolved
   * @param needZones whether the availability zones must be listed (the network is not recorded
   *     yet)
   * @param reads retries throttled or failed reads as the engine would
   * @param facts what earlier checks learned; this one adds to it
   */
  void check(ServiceSpec spec, int zonesWanted, Reader reads, PreflightFacts facts);
}
