package dev.berth.aws.stack;

import dev.berth.aws.AwsClients;
import dev.berth.aws.dns.Route53RecordHandler;
import dev.berth.aws.ecs.ComputeHandlers;
import dev.berth.aws.elb.ElbHandlers;
import dev.berth.aws.iam.IdentityHandlers;
import dev.berth.aws.network.NetworkHandlers;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareHandlers;
import dev.berth.cloudflare.CloudflareRecordHandler;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.ResourceHandler;
import dev.berth.core.graph.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every handler of the web-service stack, by type name. */
public final class Handlers {
  private Handlers() {}

  /**
   * @param cloudflare empty when no Cloudflare token is configured: Cloudflare records then fail
   *     with a message saying so, and a Route 53 stack needs no token
   */
  public static Map<String, ResourceHandler> all(
      AwsClients aws, Optional<CloudflareClient> cloudflare, boolean waitForRollout) {
    List<ResourceHandler> list = new ArrayList<>();
    list.addAll(IdentityHandlers.all(aws));
    list.addAll(NetworkHandlers.all(aws));
    list.addAll(ElbHandlers.all(aws));
    list.addAll(ComputeHandlers.all(aws, waitForRollout));
    // The only handler that takes a client rather than AwsClients: create it (and the client) late.
    list.add(
        new LazyHandler(Route53RecordHandler.TYPE, () -> new Route53RecordHandler(aws.route53())));
    if (cloudflare.isPresent()) {
      list.addAll(CloudflareHandlers.all(cloudflare.get()));
    } else {
      list.add(new MissingProviderHandler(CloudflareRecordHandler.TYPE, MISSING_TOKEN));
    }
    Map<String, ResourceHandler> byType = new LinkedHashMap<>();
    list.forEach(h -> byType.put(h.type().name(), h));
    return byType;
  }

  public static Map<String, ResourceType> types(Map<String, ResourceHandler> handlers) {
    Map<String, ResourceType> out = new LinkedHashMap<>();
    handlers.forEach((k, h) -> out.put(k, h.type()));
    return out;
  }

  static final BerthException MISSING_TOKEN =
      new BerthException(
          "CLOUDFLARE_API_TOKEN is not set, and this stack keeps its DNS records in Cloudflare",
          "create an API token with Zone.DNS edit permission on the zone and export it as"
              + " CLOUDFLARE_API_TOKEN",
          2,
          null);
}
