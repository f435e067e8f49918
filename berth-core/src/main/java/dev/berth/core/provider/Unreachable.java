package dev.berth.core.provider;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.EndpointUnreachableException;
import dev.berth.core.failure.ErrorClassifier;

/** The failure that says a provider's endpoint could not be reached. */
public final class Unreachable {
  private Unreachable() {}

  /** The failure to report when {@code e} means the provider could not be reached, or null. */
  public static BerthException failure(ErrorClassifier classifier, String what, Exception e) {
    String u = classifier.unreachable(e);
    if (u == null) {
      return null;
    }
    return new EndpointUnreachableException(u, what);
  }
}
