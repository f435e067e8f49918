package dev.berth.core.engine;

import dev.berth.core.plan.Action;

/**
 * One handler step of a run.
 *
 * @param node the step's unique name in the run's graph
 * @param key the state key it works on
 * @param action reported in events and failures
 * @param moveAside for the create of a create-before-destroy replacement: the current entry is kept
 *     as {@code <id>~old} until the delete step of the old copy
 */
record Step(String node, Kind kind, String key, Action action, boolean moveAside) {
  enum Kind {
    CREATE,
    UPDATE,
    DELETE
  }
}
