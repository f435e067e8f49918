package dev.berth.core.spec;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/** DNS hostname syntax (RFC 1123), for names already in lower case without a trailing dot. */
final class Hostnames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private Hostnames() {}

  /**
   * The ASCII (punycode) form of an internationalised {@code name}, e.g. {@code
   * xn--bcher-kva.example.com} for {@code bücher.example.com}, if it has one that is a valid
   * hostname. DNS, ACM and the load balancer's host rule know only this form. Empty for an ASCII
   * name, and where java.net.IDN (IDNA 2003) would map the name to another one rather than encode
   * it (ß becomes ss there but is kept by IDNA 2008, which browsers and registries use): suggesting
   * that would point at someone else's domain.
   */
  static Optional<String> asciiForm(String name) {
    if (name.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    String ascii;
    try {
      ascii = IDN.toASCII(name, 0);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
    if (!IDN.toUnicode(ascii, 0).equals(composed) || problem(ascii).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }

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
