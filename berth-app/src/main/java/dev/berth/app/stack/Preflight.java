package dev.berth.app.stack;

import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.PreflightFacts;
import dev.berth.core.provider.Reader;
import dev.berth.core.spec.ServiceSpec;
import java.util.List;

/**
 * Read-only checks before anything changes, assembled from the providers' checks (credentials and
 * account, region, availability zones, an existing network, the DNS provider's token and zone).
 * Each failure is bad input (exit 2) with the fix, and happens before the first mutating call; an
 * endpoint that cannot be reached is reported as such (exit 1), never as bad credentials.
 */
public final class Preflight {

  /** What the checks learned. */
  public record Result(
      String account, String region, List<String> availabilityZones, String zone) {}

  private Preflight() {}

  static Result check(
      ServiceSpec spec, List<PreflightCheck> checks, int zonesWanted, Reader reads) {
    PreflightFacts facts = new PreflightFacts();
    for (PreflightCheck c : checks) {
      c.check(spec, zonesWanted, reads, facts);
    }
    return new Result(facts.account(), spec.region(), facts.availabilityZones(), facts.dnsZone());
  }
}
