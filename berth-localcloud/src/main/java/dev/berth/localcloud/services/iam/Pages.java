package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Marker/MaxItems pagination over a list sorted by {@code key}: the marker names the first key of
 * the next page, so deletions between pages neither skip nor repeat items.
 */
public record Pages<T>(List<T> items, String nextMarker) {

  public boolean truncated() {
    return nextMarker != null;
  }

  public static <T> Pages<T> of(
      List<T> sorted, Function<T, String> key, String marker, String maxItems, int dflt) {
    int max = maxItems == null ? dflt : parseMax(maxItems);
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      String from = decode(marker);
      while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(from) < 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + max);
    String next = end < sorted.size() ? encode(key.apply(sorted.get(end))) : null;
    return new Pages<>(List.copyOf(sorted.subList(start, end)), next);
  }

  private static int parseMax(String s) {
    try {
      int n = Integer.parseInt(s);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the validation error
    }
    throw AwsException.client(
        "ValidationError",
        "1 validation error detected: Value '"
            + s
            + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and"
            + " 1000");
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String marker) {
    try {
      return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AwsException.client("ValidationError", "Invalid Marker.");
    }
  }
}
