package dev.berth.core.failure;

/** How the engine treats an error a handler raised. */
public enum ErrorKind {
  /** Throttling, 5xx, eventual consistency: retry with backoff until a deadline. */
  TRANSIENT,
  /** Something else must go first (DependencyViolation, ResourceInUse, DeleteConflict): wait. */
  DEPENDENCY,
  /** The resource does not exist: success for delete, empty for read. */
  GONE,
  /** Bad input, access denied, anything else: stop and report. */
  FATAL
}
