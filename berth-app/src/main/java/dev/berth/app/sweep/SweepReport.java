package dev.berth.app.sweep;

import dev.berth.core.sweep.TaggedResource;
import java.util.List;

/**
 * What a sweep's deletion did.
 *
 * @param deleted the resources removed (or found gone), in the order they went
 * @param failed the resources left, each with the reason
 * @param gone those of {@code deleted} that were already gone when the sweep came to delete them
 *     (deleted behind berth's back since they were found)
 */
public record SweepReport(
    List<TaggedResource> deleted, List<Failure> failed, List<TaggedResource> gone) {
  public SweepReport {
    deleted = List.copyOf(deleted);
    failed = List.copyOf(failed);
    gone = List.copyOf(gone);
  }

  public SweepReport(List<TaggedResource> deleted, List<Failure> failed) {
    this(deleted, failed, List.of());
  }

  /** A resource the sweep could not remove, and why (secret-free, from the provider's error). */
  public record Failure(TaggedResource resource, String reason) {}

  /** True when everything was removed. */
  public boolean complete() {
    return failed.isEmpty();
  }
}
