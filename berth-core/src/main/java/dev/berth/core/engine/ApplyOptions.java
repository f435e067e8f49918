package dev.berth.core.engine;

/**
 * Options of one apply.
 *
 * @param noRollback keep what this run created when it fails, to inspect it or to resume
 */
public record ApplyOptions(boolean noRollback) {
  public static final ApplyOptions DEFAULT = new ApplyOptions(false);
}
