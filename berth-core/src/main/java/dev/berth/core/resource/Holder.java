package dev.berth.core.resource;

import java.util.Map;

/**
 * A resource that holds a name a stack needs.
 *
 * @param what the resource as a person names it, for example {@code IAM role berth-web-execution}
 * @param tags its tags (berth's among them, if berth made it); empty for something untagged
 */
public record Holder(String what, Map<String, String> tags) {
  public Holder {
    tags = Map.copyOf(tags);
  }
}
