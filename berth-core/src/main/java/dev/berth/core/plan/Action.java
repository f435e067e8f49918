package dev.berth.core.plan;

/** What a plan does with one resource. */
public enum Action {
  CREATE,
  /** Change in place. */
  UPDATE,
  /** Create a new one and delete the old (or the reverse, for types that cannot coexist). */
  REPLACE,
  DELETE,
  KEEP
}
