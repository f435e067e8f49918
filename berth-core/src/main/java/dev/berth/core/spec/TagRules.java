package dev.berth.core.spec;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The limits AWS puts on tags, checked before any resource is made. */
final class TagRules {
  /**
   * AWS allows 50 tags per resource; berth adds its own ({@code berth:stack}, {@code berth:id}) and
   * keeps room for more, so users get 40.
   */
  static final int MAX_USER_TAGS = 40;

  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final String CHARSET_FIX = "use letters, digits, spaces and _ . : / = + - @ only";

  private TagRules() {}

  static void check(Map<String, String> tags, Problems problems) {
    if (tags.size() > MAX_USER_TAGS) {
      problems.add(
          "tags",
          "%d tags is more than the %d berth allows".formatted(tags.size(), MAX_USER_TAGS),
          "remove at least %d; AWS allows 50 per resource and berth needs some of them"
              .formatted(tags.size() - MAX_USER_TAGS));
    }
    tags.forEach((key, value) -> checkOne(key, value, problems));
  }

  private static void checkOne(String key, String value, Problems problems) {
    String field = "tags." + key;
    String lower = key.toLowerCase(Locale.ROOT);
    if (key.isBlank()) {
      problems.add("tags", "a tag has an empty key", "give every tag a name");
    } else if (key.length() > 128) {
      problems.add(field, "the key is longer than 128 characters", "shorten the key");
    } else if (lower.startsWith("aws:")) {
      problems.add(field, "keys starting with aws: are reserved by AWS", "choose another key");
    } else if (lower.startsWith("berth:")) {
      problems.add(
          field,
          "keys starting with berth: are reserved for berth's own tags",
          "choose another key");
    } else if (!ALLOWED.matcher(key).matches()) {
      problems.add(field, "the key has characters AWS does not allow in tags", CHARSET_FIX);
    }
    if (value.length() > 256) {
      problems.add(field, "the value is longer than 256 characters", "shorten the value");
    } else if (!ALLOWED.matcher(value).matches()) {
      problems.add(field, "the value has characters AWS does not allow in tags", CHARSET_FIX);
    }
  }
}
