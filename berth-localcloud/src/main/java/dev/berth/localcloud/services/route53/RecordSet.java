package dev.berth.localcloud.services.route53;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource record set as kept in a hosted zone's {@code records} attribute: {@code {name, type,
 * ttl, values, alias}} with the name normalised (lower case, trailing dot).
 */
record RecordSet(String name, String type, Long ttl, List<String> values, Alias alias) {

  /** An alias target; {@code dnsName} normalised. */
  record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {}

  RecordSet {
    values = values == null ? List.of() : List.copyOf(values);
  }

  boolean sameKey(RecordSet o) {
    return name.equals(o.name) && type.equals(o.type);
  }

  /** Exact equality of everything a DELETE must match. */
  boolean matches(RecordSet o) {
    return sameKey(o)
        && Objects.equals(ttl, o.ttl)
        && Objects.equals(alias, o.alias)
        && values.size() == o.values.size()
        && values.containsAll(o.values);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type);
    m.put("ttl", ttl);
    m.put("values", values);
    if (alias != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("hostedZoneId", alias.hostedZoneId());
      a.put("dnsName", alias.dnsName());
      a.put("evaluateTargetHealth", alias.evaluateTargetHealth());
      m.put("alias", a);
    } else {
      m.put("alias", null);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  static RecordSet fromMap(Object o) {
    Map<String, Object> m = (Map<String, Object>) o;
    Object ttl = m.get("ttl");
    Object values = m.get("values");
    Alias alias = null;
    if (m.get("alias") instanceof Map<?, ?> a) {
      alias =
          new Alias(
              String.valueOf(a.get("hostedZoneId")),
              String.valueOf(a.get("dnsName")),
              Boolean.parseBoolean(String.valueOf(a.get("evaluateTargetHealth"))));
    }
    return new RecordSet(
        String.valueOf(m.get("name")),
        String.valueOf(m.get("type")),
        ttl == null ? null : ((Number) ttl).longValue(),
        values == null ? List.of() : ((List<Object>) values).stream().map(String::valueOf).toList(),
        alias);
  }
}
