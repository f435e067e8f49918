package dev.berth.app.sweep;

import dev.berth.core.sweep.TaggedResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resources a sweep found of one stack made by one state lineage: what one state file made, so
 * what one {@code --delete} removes. Resources berth made before it recorded lineages form the
 * stack's group of lineage {@code (none)}.
 *
 * @param stack the stack they name
 * @param lineage the lineage they carry, null for none
 * @param resources the resources, in the order they were found
 */
public record SweepGroup(String stack, String lineage, List<TaggedResource> resources) {
  /** How a missing lineage is shown, and what {@code --lineage} takes to name it. */
  public static final String NO_LINEAGE = "(none)";

  /** A lineage prefix shorter than this names nothing (Cloudflare's markers hold 8 characters). */
  public static final int MIN_LINEAGE_PREFIX = 8;

  public SweepGroup {
    resources = List.copyOf(resources);
  }

  /**
   * The groups of what was found, ordered by stack, then oldest first. A lineage that is a prefix
   * of exactly one other lineage of its stack (a Cloudflare record's 8 characters) joins that one.
   */
  public static List<SweepGroup> of(List<TaggedResource> found) {
    Map<String, Map<String, List<TaggedResource>>> byStack = new LinkedHashMap<>();
    for (TaggedResource r : found) {
      byStack
          .computeIfAbsent(r.stack(), k -> new LinkedHashMap<>())
          .computeIfAbsent(key(r.lineage()), k -> new ArrayList<>())
          .add(r);
    }
    List<SweepGroup> out = new ArrayList<>();
    byStack.forEach(
        (stack, byLineage) -> {
          Map<String, List<TaggedResource>> merged = new LinkedHashMap<>();
          for (Map.Entry<String, List<TaggedResource>> e : byLineage.entrySet()) {
            String into = longerOf(e.getKey(), byLineage.keySet()).orElse(e.getKey());
            merged.computeIfAbsent(into, k -> new ArrayList<>()).addAll(e.getValue());
          }
          merged.forEach((l, rs) -> out.add(new SweepGroup(stack, l.isEmpty() ? null : l, rs)));
        });
    out.sort(
        Comparator.comparing(SweepGroup::stack)
            .thenComparing(g -> g.oldest().orElse(Instant.MAX))
            .thenComparing(SweepGroup::lineageLabel));
    return out;
  }

  private static String key(String lineage) {
    return lineage == null ? "" : lineage.toLowerCase(Locale.ROOT);
  }

  /** The one longer lineage {@code short} is a prefix of, if there is exactly one. */
  private static Optional<String> longerOf(String prefix, Set<String> lineages) {
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    List<String> longer =
        lineages.stream()
            .filter(l -> l.length() > prefix.length() && l.startsWith(prefix))
            .toList();
    return longer.size() == 1 ? Optional.of(longer.get(0)) : Optional.empty();
  }

  /** The lineage, or {@value #NO_LINEAGE}. */
  public String lineageLabel() {
    return lineage == null ? NO_LINEAGE : lineage;
  }

  /**
   * Whether {@code wanted} names this group's lineage: {@code none} or {@value #NO_LINEAGE} for no
   * lineage, else the lineage or a prefix of it (case-insensitive). A group holding only a
   * Cloudflare record's 8 characters is named by the whole lineage too.
   */
  public boolean matchesLineage(String wanted) {
    String w = wanted.trim().toLowerCase(Locale.ROOT);
    if (w.equals("none") || w.equals(NO_LINEAGE)) {
      return lineage == null;
    }
    if (lineage == null || w.length() < MIN_LINEAGE_PREFIX) {
      return false;
    }
    return lineage.startsWith(w) || w.startsWith(lineage) && lineage.length() >= MIN_LINEAGE_PREFIX;
  }

  /** When the oldest resource whose creation time is known was created. */
  public Optional<Instant> oldest() {
    return resources.stream()
        .map(TaggedResource::createdAt)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /** When the newest resource whose creation time is known was created. */
  public Optional<Instant> newest() {
    return resources.stream()
        .map(TaggedResource::createdAt)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder());
  }

  /** The distinct {@code berth:origin} values (who made them, when), oldest resource first. */
  public List<String> origins() {
    Set<String> out = new LinkedHashSet<>();
    resources.stream()
        .filter(r -> r.origin() != null)
        .sorted(Comparator.comparing(r -> r.createdAt() == null ? Instant.MAX : r.createdAt()))
        .forEach(r -> out.add(r.origin()));
    return List.copyOf(out);
  }

  /** Whether the group looks like a complete stack that serves traffic, from what was read. */
  public Health health() {
    return Health.of(resources);
  }
}
