package dev.berth.localcloud.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ListSecrets with its filters, as documented: {@code name}, {@code tag-key}, {@code tag-value} are
 * case-sensitive prefix matches, {@code description} a prefix match ignoring case, {@code all} a
 * search of every attribute ignoring case; a value starting with {@code !} negates. Filters are
 * combined with AND, values of one filter with OR. Secrets scheduled for deletion are left out
 * unless IncludePlannedDeletion.
 */
final class SecretSearch {
  private static final Set<String> KEYS =
      Set.of(
          "description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all");

  private SecretSearch() {}

  static Response list(Request req, World w) {
    JsonNode in = req.json();
    int max = in.path("MaxResults").asInt(100);
    if (max < 1 || max > 100) {
      throw AwsException.client(
          "InvalidParameterException", "MaxResults must be between 1 and 100.");
    }
    boolean includeDeleted = in.path("IncludePlannedDeletion").asBoolean(false);
    Predicate<Res> match = r -> includeDeleted || !r.attrs.containsKey("deletedAt");
    for (JsonNode f : in.path("Filters")) {
      match = match.and(filter(f));
    }
    Comparator<Res> order =
        Comparator.comparingLong((Res r) -> r.createdAt).thenComparing(r -> r.arn);
    if ("desc".equals(in.path("SortOrder").asText("asc"))) {
      order = order.reversed();
    }
    Comparator<Res> sorted = order;
    List<Res> all =
        w.of("secretsmanager", "secret", req.region()).filter(match).sorted(sorted).toList();
    int start = 0;
    String token = in.path("NextToken").asText(null);
    if (token != null) {
      Res from = decode(token);
      while (start < all.size() && sorted.compare(all.get(start), from) < 0) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + max);
    ObjectNode out = Secrets.JSON.createObjectNode();
    ArrayNode list = out.putArray("SecretList");
    for (Res s : all.subList(start, end)) {
      ObjectNode e = Secrets.arnAndName(s);
      if (s.str("description") != null) {
        e.put("Description", s.str("description"));
      }
      Secrets.dates(e, s);
      if (!s.tags.isEmpty()) {
        Secrets.writeTags(e.putArray("Tags"), s.tags);
      }
      SecretVersions.writeStages(e.putObject("SecretVersionsToStages"), s);
      e.put("CreatedDate", Secrets.seconds(s.createdAt));
      list.add(e);
    }
    if (end < all.size()) {
      out.put(
          "NextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  (all.get(end).createdAt + "|" + all.get(end).arn)
                      .getBytes(StandardCharsets.UTF_8)));
    }
    return Secrets.json(out);
  }

  private static Predicate<Res> filter(JsonNode f) {
    String key = f.path("Key").asText("");
    if (!KEYS.contains(key)) {
      throw AwsException.client("InvalidParameterException", "Invalid filter key: " + key);
    }
    List<String> positive = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    f.path("Values")
        .forEach(
            v ->
                (v.asText().startsWith("!") ? negative : positive)
                    .add(v.asText().replaceFirst("^!", "")));
    return r -> {
      List<String> fields = fields(r, key);
      boolean ignoreCase = key.equals("description") || key.equals("all");
      Predicate<String> hit =
          v -> fields.stream().anyMatch(x -> matches(x, v, ignoreCase, key.equals("all")));
      return (positive.isEmpty() || positive.stream().anyMatch(hit))
          && negative.stream().noneMatch(hit);
    };
  }

  private static boolean matches(String field, String value, boolean ignoreCase, boolean contains) {
    String f = ignoreCase ? field.toLowerCase(Locale.ROOT) : field;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    return contains ? f.contains(v) : f.startsWith(v);
  }

  private static List<String> fields(Res r, String key) {
    List<String> out = new ArrayList<>();
    switch (key) {
      case "name" -> out.add(r.name);
      case "description" -> {
        if (r.str("description") != null) {
          out.add(r.str("description"));
        }
      }
      case "tag-key" -> out.addAll(r.tags.keySet());
      case "tag-value" -> out.addAll(r.tags.values());
      case "all" -> {
        out.add(r.name);
        out.addAll(fields(r, "description"));
        out.addAll(r.tags.keySet());
        out.addAll(r.tags.values());
      }
      default -> {
        // primary-region and owning-service: localcloud secrets have neither
      }
    }
    return out;
  }

  /** The position a NextToken names: the creation time and ARN of the next secret. */
  private static Res decode(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = s.indexOf('|');
      Res at = new Res();
      at.createdAt = Long.parseLong(s.substring(0, bar));
      at.arn = s.substring(bar + 1);
      return at;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw AwsException.client("InvalidNextTokenException", "The NextToken value is invalid.");
    }
  }
}
