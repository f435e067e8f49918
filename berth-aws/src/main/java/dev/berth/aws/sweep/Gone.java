package dev.berth.aws.sweep;

import dev.berth.aws.AwsErrorClassifier;
import dev.berth.core.failure.ErrorKind;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads about a resource that was listed a moment ago: someone may delete it in between (a destroy
 * running beside the sweep), and then it is simply no longer there to report.
 */
final class Gone {
  private static final AwsErrorClassifier CLASSIFIER = new AwsErrorClassifier();

  private Gone() {}

  /** The call's answer, or empty if AWS says the resource is gone. */
  static <T> Optional<T> unlessGone(Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (RuntimeException e) {
      if (CLASSIFIER.classify(e) == ErrorKind.GONE) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
