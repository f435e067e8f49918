package dev.berth.app.sweep;

import dev.berth.core.sweep.TaggedResource;

/**
 * Hears what a sweep's deletion is doing to each resource ({@code deleting}, {@code waiting: …},
 * {@code deleted}, {@code failed: …}) so a front end can show it; the sweep itself never prints.
 */
@FunctionalInterface
public interface SweepListener {

  void progress(TaggedResource resource, String message);

  static SweepListener none() {
    return (r, m) -> {};
  }
}
