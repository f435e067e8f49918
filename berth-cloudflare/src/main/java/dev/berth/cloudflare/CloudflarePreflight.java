package dev.berth.cloudflare;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.PreflightFacts;
import dev.berth.core.provider.Reader;
import dev.berth.core.provider.Unreachable;
import dev.berth.core.spec.DnsProvider;
import dev.berth.core.spec.ServiceSpec;
import java.util.Optional;

/**
 * Before a deploy of a stack whose records are in Cloudflare: the token is valid and sees the zone
 * that holds the hostname. Each refusal is bad input with the fix.
 */
final class CloudflarePreflight implements PreflightCheck {
  private final Optional<CloudflareClient> client;

  CloudflarePreflight(Optional<CloudflareClient> client) {
    this.client = client;
  }

  @Override
  public void check(ServiceSpec spec, int zonesWanted, Reader reads, PreflightFacts facts) {
    if (spec.domain().dns() != DnsProvider.CLOUDFLARE) {
      return;
    }
    String hostname = spec.domain().hostname();
    String explicit = spec.domain().zone();
    CloudflareClient cf = client.orElseThrow(() -> CloudflareProvider.MISSING_TOKEN);
    try {
      // Through reads: the client makes one attempt, a rate limit or 5xx is retried on the
      // engine's clock rather than taken for a refusal.
      reads.get("checking the Cloudflare token", cf::verifyToken);
      var zone =
          reads.get(
              "finding the Cloudflare zone",
              () -> explicit != null ? cf.zone(explicit) : cf.findZone(hostname));
      facts.dnsZone(
          zone.orElseThrow(
                  () ->
                      input(
                          "no Cloudflare zone "
                              + (explicit != null ? "named " + explicit : "holds " + hostname)
                              + " that the token can see",
                          "add the zone to the Cloudflare account, or give the token Zone.DNS edit"
                              + " permission on it"))
              .name());
    } catch (CloudflareException e) {
      BerthException u =
          Unreachable.failure(new CloudflareErrorClassifier(), "checking the Cloudflare token", e);
      if (u != null) {
        throw u;
      }
      throw new BerthException(
          "Cloudflare refused the token: " + e.getMessage(),
          "check CLOUDFLARE_API_TOKEN: it must be an API token with Zone.DNS edit permission",
          FailureKind.BAD_INPUT,
          null);
    }
  }

  private static BerthException input(String message, String hint) {
    return new BerthException(message, hint, FailureKind.BAD_INPUT, null);
  }
}
