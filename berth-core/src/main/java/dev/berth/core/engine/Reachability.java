package dev.berth.core.engine;

import dev.berth.core.failure.ErrorClassifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers one run gave up reaching ({@link ErrorClassifier#unreachable} descriptions). Once
 * one call has waited out {@link EngineOptions#unreachableDeadline()} for an endpoint, every later
 * call of the run that cannot reach it fails at once, instead of each waiting its own deadline in
 * turn.
 */
public final class Reachability {
  private final Set<String> gaveUp = ConcurrentHashMap.newKeySet();

  /** Whether the run already gave up on what {@code unreachable} describes. */
  public boolean gaveUp(String unreachable) {
    return gaveUp.contains(unreachable);
  }

  void giveUp(String unreachable) {
    gaveUp.add(unreachable);
  }

  /** Whether the run gave up on any provider. */
  public boolean any() {
    return !gaveUp.isEmpty();
  }

  /** The hint of a failure to reach a provider. */
  static String hint(EngineOptions options) {
    return "No answer for "
        + options.unreachableDeadline().toSeconds()
        + " s: check the endpoint URL, the network and any proxy (HTTPS_PROXY). What exists is"
        + " recorded in the state; run the command again once the endpoint answers.";
  }
}
