package dev.berth.app.stack;

import dev.berth.aws.dns.Route53RecordHandler;
import dev.berth.cloudflare.CloudflareRecordHandler;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Removes from a loaded state the properties an older berth recorded that are not properties: the
 * DNS records' {@code adopt}, a run option ({@code RunOptions#adoptDns}) that berth before 0.2 kept
 * in the record's desired properties. Left in, every plan of such a state would show {@code
 * changed: adopt} and make a change batch for nothing.
 */
final class LegacyProperties {
  private static final Set<String> DNS_TYPES =
      Set.of(Route53RecordHandler.TYPE.name(), CloudflareRecordHandler.TYPE.name());
  private static final String ADOPT = "adopt";

  private LegacyProperties() {}

  static State strip(State state) {
    State out = state;
    for (ResourceState r : state.resources().values()) {
      if (DNS_TYPES.contains(r.type()) && r.properties().containsKey(ADOPT)) {
        Map<String, Object> p = new LinkedHashMap<>(r.properties());
        p.remove(ADOPT);
        out = out.with(r.withProperties(p));
      }
    }
    return out;
  }
}
