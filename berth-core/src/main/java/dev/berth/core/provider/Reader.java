package dev.berth.core.provider;

import java.util.concurrent.Callable;

/**
 * Runs read-only calls made outside the engine's steps (preflight, status), retrying what is
 * transient on the engine's clock as the engine would.
 */
public interface Reader {

  /** Runs {@code call}, retrying transient errors; other errors are thrown as they are. */
  <T> T get(String what, Callable<T> call);
}
