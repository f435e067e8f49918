package dev.berth.core.spec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rule for a service name, which becomes part of every AWS resource name berth derives. */
final class ServiceNames {
  /**
   * Load balancer and target group names may have at most 32 characters and berth derives them from
   * this name plus a suffix: 28 leaves room for a hyphen and a suffix of at least 3 characters. A
   * derived name must shorten its hash when the service name is long (a full {@code -<6 hex>}
   * suffix fits only names up to 25 characters).
   */
  static final int MAX_LENGTH = 28;

  private static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");

  private ServiceNames() {}

  /** Why {@code name} cannot be used, or empty if it can. */
  static Optional<String> problem(String name) {
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          "\"%s\" is %d characters long; at most %d fit in the load balancer's name"
              .formatted(name, name.length(), MAX_LENGTH));
    }
    if (VALID.matcher(name).matches()) {
      return Optional.empty();
    }
    if (VALID.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of("\"" + name + "\" must be lower case");
    }
    if (!name.isEmpty() && !Character.isLetter(name.charAt(0))) {
      return Optional.of("\"" + name + "\" must start with a letter");
    }
    if (name.endsWith("-")) {
      return Optional.of("\"" + name + "\" must not end with a hyphen");
    }
    return Optional.of("\"" + name + "\" may use only lower-case letters, digits and hyphens");
  }

  /** A valid name close to {@code name}, for the fix. */
  static String suggest(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceFirst("^[^a-z]+", "");
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH);
    }
    s = s.replaceFirst("-+$", "");
    return s.isEmpty() ? "my-service" : s;
  }
}
