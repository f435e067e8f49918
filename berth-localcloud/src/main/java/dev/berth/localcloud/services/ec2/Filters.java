package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M}: values of one filter are ORed, filters
 * are ANDed, {@code *} and {@code ?} are wildcards. {@code tag:KEY}, {@code tag-key} and {@code
 * tag-value} work on every taggable type.
 */
final class Filters {
  private Filters() {}

  /** How to read one filterable field of a resource. */
  interface Field extends Function<Res, Collection<String>> {}

  record Filter(String name, List<String> values) {}

  static List<Filter> parse(Map<String, String> form) {
    return Params.structs(form, "Filter").stream()
        .map(s -> new Filter(s.getOrDefault("Name", ""), Params.values(s, "Value")))
        .toList();
  }

  /**
   * A predicate for the request's filters over resources with the given fields;
   * InvalidParameterValue for a filter name the type does not know.
   */
  static Predicate<Res> predicate(List<Filter> filters, Map<String, Field> fields) {
    Predicate<Res> all = r -> true;
    for (Filter f : filters) {
      Field field = field(f.name(), fields);
      List<Pattern> patterns = f.values().stream().map(Filters::glob).toList();
      all =
          all.and(
              r -> {
                Collection<String> have = field.apply(r);
                return have.stream()
                    .anyMatch(
                        v -> v != null && patterns.stream().anyMatch(p -> p.matcher(v).matches()));
              });
    }
    return all;
  }

  private static Field field(String name, Map<String, Field> fields) {
    if (name.startsWith("tag:")) {
      String key = name.substring(4);
      return r -> r.tags.containsKey(key) ? List.of(r.tags.get(key)) : List.of();
    }
    if (name.equals("tag-key")) {
      return r -> r.tags.keySet();
    }
    if (name.equals("tag-value")) {
      return r -> r.tags.values();
    }
    Field f = fields.get(name);
    if (f == null) {
      throw AwsException.client("InvalidParameterValue", "The filter '" + name + "' is invalid");
    }
    return f;
  }

  static Pattern glob(String value) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        re.append(Pattern.quote(String.valueOf(value.charAt(++i))));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** A field holding one attribute's string value. */
  static Field attr(String key) {
    return r -> r.str(key) == null ? List.of() : List.of(r.str(key));
  }

  static Field value(Function<Res, Object> f) {
    return r -> {
      Object v = f.apply(r);
      return v == null ? List.of() : List.of(String.valueOf(v));
    };
  }
}
