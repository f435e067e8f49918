package dev.berth.cloudflare;

import dev.berth.core.resource.ResourceHandler;
import java.util.List;

/** The handlers berth-cloudflare provides. */
public final class CloudflareHandlers {
  private CloudflareHandlers() {}

  public static List<ResourceHandler> all(CloudflareClient client) {
    return List.of(new CloudflareRecordHandler(client));
  }
}
