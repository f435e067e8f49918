package dev.berth.core.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/** DNS hostname syntax (RFC 1123), for names already in lower case without a trailing dot. */
final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private Hostnames() {}

  /** Why {@code name} is not a fully qualified hostname, or empty if it is one. */
  static Optional<String> problem(String name) {
    if (name.length() > 253) {
      return Optional.of("it is longer than 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.of("it has a single label; a public name needs a domain too");
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        return Optional.of("it has an empty label (two dots in a row, or a leading dot)");
      }
      if (label.length() > 63) {
        return Optional.of("the label \"" + label + "\" is longer than 63 characters");
      }
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(
            "the label \""
                + label
                + "\" may use only letters, digits and hyphens, and not start or end with a"
                + " hyphen");
      }
    }
    if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
      return Optional.of("it ends in a number; an IP address is not a hostname");
    }
    return Optional.empty();
  }
}
