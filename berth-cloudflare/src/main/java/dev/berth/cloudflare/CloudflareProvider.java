package dev.berth.cloudflare;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.provider.MissingProviderHandler;
import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.Provider;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.sweep.Discovery;
import java.util.List;
import java.util.Optional;

/**
 * Cloudflare as a provider: its DNS record handler, error classification, the discovery of the
 * records berth marked, and the check of the token and the zone before a deploy. Without a token
 * ({@code client} empty) a Cloudflare record fails with how to configure one, and a stack that
 * keeps its records in Route 53 needs none.
 */
public final class CloudflareProvider implements Provider {
  private final Optional<CloudflareClient> client;

  public CloudflareProvider(Optional<CloudflareClient> client) {
    this.client = client;
  }

  /** The client, when a token is configured. */
  public Optional<CloudflareClient> client() {
    return client;
  }

  @Override
  public String name() {
    return "cloudflare";
  }

  @Override
  public List<ResourceHandler> handlers() {
    return client.isPresent()
        ? CloudflareHandlers.all(client.get())
        : List.of(new MissingProviderHandler(CloudflareRecordHandler.TYPE, MISSING_TOKEN));
  }

  @Override
  public ErrorClassifier classifier() {
    return new CloudflareErrorClassifier();
  }

  /**
   * The spec's zone (Cloudflare cannot be searched account-wide by comment); nothing without a
   * token.
   */
  @Override
  public List<Discovery> discoveries(ServiceSpec spec) throws Exception {
    if (client.isEmpty()) {
      return List.of();
    }
    CloudflareClient cf = client.get();
    Optional<CloudflareClient.Zone> zone =
        spec.domain().zoneName().isPresent()
            ? cf.zone(spec.domain().zoneName().get())
            : cf.findZone(spec.domain().hostname());
    return zone.<List<Discovery>>map(z -> List.of(new CloudflareDiscovery(cf, List.of(z))))
        .orElse(List.of());
  }

  @Override
  public List<PreflightCheck> checks() {
    return List.of(new CloudflarePreflight(client));
  }

  /** What a Cloudflare record fails with when no token is configured. */
  public static final BerthException MISSING_TOKEN =
      new BerthException(
          "CLOUDFLARE_API_TOKEN is not set, and this stack keeps its DNS records in Cloudflare",
          "create an API token with Zone.DNS edit permission on the zone and export it as"
              + " CLOUDFLARE_API_TOKEN",
          FailureKind.BAD_INPUT,
          null);
}
