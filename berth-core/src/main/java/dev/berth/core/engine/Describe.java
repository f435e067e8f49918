package dev.berth.core.engine;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorClassifier;

/** Secret-free one-line descriptions of errors, for failures and events. */
final class Describe {
  private Describe() {}

  static String message(ErrorClassifier classifier, Throwable e) {
    if (e instanceof BerthException) {
      return e.getMessage();
    }
    String d = classifier.describe(e);
    if (d != null) {
      return d;
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
