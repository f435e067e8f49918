package dev.berth.core.sweep;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a resource belongs to, read from berth's marks: the stack ({@code berth:stack}), the logical
 * id ({@code berth:id}), the state lineage ({@code berth:lineage}) and who made it when ({@code
 * berth:origin}, {@code "<user>@<host> <ISO-8601 instant>"}). Resources made before berth recorded
 * lineages carry neither of the last two: they are null then.
 */
public record Owner(String stack, String logicalId, String lineage, String origin) {
  public static final String STACK_TAG = "berth:stack";
  public static final String ID_TAG = "berth:id";
  public static final String LINEAGE_TAG = "berth:lineage";
  public static final String ORIGIN_TAG = "berth:origin";

  /** {@code key=value} words after {@code berth} in a DNS marker; values have no spaces. */
  private static final Pattern MARKER = Pattern.compile("^berth((?: [a-z]+=\\S+)+)$");

  private static final Pattern WORD = Pattern.compile(" ([a-z]+)=(\\S+)");

  public Owner(String stack, String logicalId) {
    this(stack, logicalId, null, null);
  }

  /**
   * The owner named by {@code tags}; empty if they carry no {@code berth:stack} or name a stack
   * other than {@code only}.
   */
  public static Optional<Owner> of(Map<String, String> tags, Optional<String> only) {
    String stack = tags.get(STACK_TAG);
    if (stack == null || stack.isEmpty() || only.isPresent() && !only.get().equals(stack)) {
      return Optional.empty();
    }
    return Optional.of(
        new Owner(
            stack, tags.get(ID_TAG), blankToNull(tags.get(LINEAGE_TAG)), tags.get(ORIGIN_TAG)));
  }

  /**
   * The owner a DNS marker names: {@code berth stack=<stack> id=<id>}, with {@code
   * lineage=<lineage>} since berth records lineages (Route 53: the whole UUID; Cloudflare: its
   * first 8 characters). Words berth may add later are ignored; empty if it is not berth's.
   */
  public static Optional<Owner> ofMarker(String marker) {
    Matcher m = MARKER.matcher(marker);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> words = new LinkedHashMap<>();
    Matcher w = WORD.matcher(m.group(1));
    while (w.find()) {
      words.putIfAbsent(w.group(1), w.group(2));
    }
    if (!words.containsKey("stack") || !words.containsKey("id")) {
      return Optional.empty();
    }
    return Optional.of(new Owner(words.get("stack"), words.get("id"), words.get("lineage"), null));
  }

  /** The same owner without a logical id (a route, known only through its gateway). */
  public Owner withoutLogicalId() {
    return new Owner(stack, null, lineage, origin);
  }

  /** The instant the origin names, if it has one that parses. */
  public Optional<Instant> originInstant() {
    if (origin == null) {
      return Optional.empty();
    }
    String last = origin.substring(origin.lastIndexOf(' ') + 1);
    try {
      return Optional.of(Instant.parse(last));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(last).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
