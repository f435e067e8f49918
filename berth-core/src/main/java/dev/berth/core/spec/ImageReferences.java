package dev.berth.core.spec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container image reference syntax, as Docker and ECS parse it: {@code
 * [registry[:port]/]repository[:tag][@algorithm:digest]}.
 */
final class ImageReferences {
  private static final Pattern HOST_PART =
      Pattern.compile(
          "[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");

  private ImageReferences() {}

  /** Why {@code reference} is not a valid image reference, or empty if it is one. */
  static Optional<String> problem(String reference) {
    if (reference.isBlank()) {
      return Optional.of("the image reference is empty");
    }
    if (!reference.equals(reference.strip())
        || reference.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("it contains whitespace");
    }
    String rest = reference;
    int at = rest.indexOf('@');
    if (at >= 0) {
      if (!DIGEST.matcher(rest.substring(at + 1)).matches()) {
        return Optional.of(
            "the digest after '@' must be sha256: followed by 64 lowercase hex digits");
      }
      rest = rest.substring(0, at);
    }
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      if (!TAG.matcher(rest.substring(colon + 1)).matches()) {
        return Optional.of(
            "the tag after ':' may use letters, digits, '_', '.' and '-' (not first), up to 128");
      }
      rest = rest.substring(0, colon);
    }
    if (rest.length() > 255) {
      return Optional.of("the name is longer than 255 characters");
    }
    return nameProblem(rest);
  }

  private static Optional<String> nameProblem(String name) {
    String[] parts = name.split("/", -1);
    int first = 0;
    if (parts.length > 1 && isRegistry(parts[0])) {
      if (!registryValid(parts[0])) {
        return Optional.of("the registry \"" + parts[0] + "\" is not a valid host[:port]");
      }
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      String component = parts[i];
      if (PATH_COMPONENT.matcher(component).matches()) {
        continue;
      }
      if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of("the repository name must be lower case");
      }
      return Optional.of(
          component.isEmpty()
              ? "the repository name has an empty part"
              : "the repository part \""
                  + component
                  + "\" may use only lower-case letters,"
                  + " digits and single '.', '_' or '-' separators");
    }
    return Optional.empty();
  }

  /** Docker's rule: the first part is a registry if it has a '.', a ':' or is localhost. */
  private static boolean isRegistry(String part) {
    return part.contains(".") || part.contains(":") || part.equals("localhost");
  }

  private static boolean registryValid(String registry) {
    int colon = registry.lastIndexOf(':');
    String host = colon < 0 ? registry : registry.substring(0, colon);
    String port = colon < 0 ? "1" : registry.substring(colon + 1);
    return HOST_PART.matcher(host).matches() && port.matches("[0-9]{1,5}");
  }
}
