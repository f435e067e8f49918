package dev.berth.core.resource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a resource, as its berth tags record it. A stack is (account, region, name), owned by
 * one state lineage; every resource berth makes carries that lineage, so a resource is this stack's
 * only when stack, logical id and lineage all match. Anything else holding a name berth needs is a
 * foreign claim.
 */
public final class Ownership {
  public static final String STACK = "berth:stack";
  public static final String ID = "berth:id";
  public static final String LINEAGE = "berth:lineage";

  /** {@code <user>@<host> <ISO-8601 instant>}: who created the resource, and when. */
  public static final String ORIGIN = "berth:origin";

  private Ownership() {}

  /** True when {@code tags} name this resource of this stack and this state's lineage. */
  public static boolean ours(ResourceContext ctx, Map<String, String> tags) {
    return ctx.stack().equals(tags.get(STACK))
        && ctx.logicalId().equals(tags.get(ID))
        && sameLineage(ctx, tags);
  }

  /**
   * True when {@code tags} carry this state's lineage (whatever the logical id): the resource is
   * this stack's. A context without a lineage (sweeping what a berth before lineages made) owns
   * only what carries none; the engine's contexts always have one.
   */
  public static boolean sameLineage(ResourceContext ctx, Map<String, String> tags) {
    return Objects.equals(ctx.lineage(), tags.get(LINEAGE));
  }

  /**
   * The owner named by {@code tags}, for a message: "berth stack twin (state lineage 1a2b…, created
   * 2026-12-02T17:00:00Z by alice@laptop)", or "something berth did not create".
   */
  public static String describe(Map<String, String> tags) {
    String stack = tags.get(STACK);
    if (stack == null) {
      return "something berth did not create";
    }
    StringBuilder b = new StringBuilder("berth stack ").append(stack);
    String lineage = tags.get(LINEAGE);
    b.append(
        lineage == null
            ? " (made by a berth version before lineages, or by another state)"
            : " (state lineage " + lineage);
    String origin = tags.get(ORIGIN);
    if (lineage != null) {
      b.append(origin == null ? "" : ", created " + when(origin) + " by " + who(origin));
      b.append(')');
    }
    return b.toString();
  }

  private static final Pattern MARKER =
      Pattern.compile("^berth stack=(\\S+) id=(\\S+?)(?: lineage=(\\S+))?$");

  /**
   * The words a DNS record's ownership marker carries, where a provider has no tags: {@code berth
   * stack=<stack> id=<id> lineage=<lineage>}, without {@code lineage=} when {@code lineage} is
   * null.
   */
  public static String markerWords(String stack, String logicalId, String lineage) {
    return "berth stack="
        + stack
        + " id="
        + logicalId
        + (lineage == null ? "" : " lineage=" + lineage);
  }

  /**
   * The owner {@link #markerWords} name, as tags ({@link #STACK}, {@link #ID} and, when they have
   * one, {@link #LINEAGE}); empty when {@code words} are not berth's marker.
   */
  public static Optional<Map<String, String>> fromMarkerWords(String words) {
    Matcher m = words == null ? null : MARKER.matcher(words);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(STACK, m.group(1));
    tags.put(ID, m.group(2));
    if (m.group(3) != null) {
      tags.put(LINEAGE, m.group(3));
    }
    return Optional.of(tags);
  }

  /** The value of the {@link #ORIGIN} tag for a resource made now. */
  public static String origin(String userAtHost, Instant at) {
    return tagSafe(userAtHost) + " " + at.truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code user@host} of this process, from the environment only (no network lookup). */
  public static String localUser() {
    String user = System.getProperty("user.name");
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
      } catch (java.io.IOException | RuntimeException e) {
        host = System.getenv("COMPUTERNAME");
      }
    }
    return (user == null || user.isBlank() ? "unknown" : user)
        + "@"
        + (host == null || host.isBlank() ? "unknown" : host);
  }

  private static String who(String origin) {
    int sp = origin.indexOf(' ');
    return sp < 0 ? origin : origin.substring(0, sp);
  }

  private static String when(String origin) {
    int sp = origin.indexOf(' ');
    return sp < 0 ? "at an unknown time" : origin.substring(sp + 1);
  }

  /** AWS tag values allow letters, digits, spaces and {@code _ . : / = + - @}. */
  private static String tagSafe(String s) {
    String v =
        s == null || s.isBlank() ? "unknown" : s.replaceAll("[^\\p{L}\\p{N}_.:/=+\\-@]", "-");
    return v.length() > 200 ? v.substring(0, 200) : v;
  }
}
