package dev.berth.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for JSON-like property maps. */
public final class Props {
  private Props() {}

  /** A deep, immutable, order-preserving copy (nulls are dropped). */
  public static Map<String, Object> immutableCopy(Map<String, ?> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, copyValue(v));
          }
        });
    return Collections.unmodifiableMap(out);
  }

  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach(
          (k, x) -> {
            if (x != null) {
              c.put(String.valueOf(k), copyValue(x));
            }
          });
      return Collections.unmodifiableMap(c);
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      for (Object x : l) {
        c.add(copyValue(x));
      }
      return Collections.unmodifiableList(c);
    }
    return v;
  }

  public static String string(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v == null ? null : v.toString();
  }

  public static int integer(Map<String, Object> props, String key, int dflt) {
    Object v = props.get(key);
    return v instanceof Number n ? n.intValue() : v == null ? dflt : Integer.parseInt(v.toString());
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v == null ? List.of() : (List<Object>) v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }
}
