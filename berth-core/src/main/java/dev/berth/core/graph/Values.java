package dev.berth.core.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Comparison and traversal of JSON-like property values. */
public final class Values {
  private Values() {}

  /**
   * Deep equality where numbers compare by value, so that {@code 443} read back from JSON as an
   * Integer equals a Long {@code 443} from a spec.
   */
  public static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!equal(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!equal(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** Every {@link Ref} inside {@code value}, at any depth, in encounter order. */
  public static List<Ref> refs(Object value) {
    List<Ref> out = new ArrayList<>();
    collectRefs(value, out);
    return out;
  }

  private static void collectRefs(Object v, List<Ref> out) {
    if (v instanceof Ref r) {
      out.add(r);
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> collectRefs(x, out));
    } else if (v instanceof List<?> l) {
      l.forEach(x -> collectRefs(x, out));
    }
  }

  /**
   * A copy of {@code value} with every {@link Ref} replaced by {@code resolve.apply(ref)}; maps
   * keep their order.
   */
  public static Object replaceRefs(Object value, Function<Ref, Object> resolve) {
    if (value instanceof Ref r) {
      return resolve.apply(r);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), replaceRefs(v, resolve)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(replaceRefs(v, resolve)));
      return out;
    }
    return value;
  }

  /**
   * A copy of {@code value} with numbers in one representation per kind, so that values compare
   * equal after a trip through JSON: whole numbers as Long (BigInteger if too large), others as
   * Double (BigDecimal if given so).
   */
  public static Object canonical(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return value;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }
}
