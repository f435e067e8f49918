package dev.berth.localcloud.services.route53;

import java.util.Comparator;
import java.util.Locale;

/** Route 53's treatment of DNS names: lower case, trailing dot, octal escapes, label order. */
final class DnsNames {
  private DnsNames() {}

  /** Lower case with a trailing dot; {@code \052} and other octal escapes decoded. */
  static String normalize(String name) {
    String n = unescape(name.trim()).toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** Route 53 answers names with characters outside {@code a-z0-9-_.} as octal escapes. */
  static String escape(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
        sb.append(c);
      } else {
        sb.append('\\').append(String.format("%03o", (int) c));
      }
    }
    return sb.toString();
  }

  static String unescape(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\'
          && i + 3 < name.length()
          && name.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
        sb.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** True if {@code name} is {@code zone} or below it (both normalised). */
  static boolean inZone(String name, String zone) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  /**
   * Route 53's sort order: by name with the labels reversed ({@code com.example.www.}), label by
   * label.
   */
  static final Comparator<String> ORDER =
      (a, b) -> {
        String[] x = labels(a);
        String[] y = labels(b);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
          int c = x[i].compareTo(y[i]);
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(x.length, y.length);
      };

  private static String[] labels(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (n.isEmpty()) {
      return new String[0];
    }
    String[] parts = n.split("\\.");
    String[] reversed = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      reversed[i] = parts[parts.length - 1 - i];
    }
    return reversed;
  }
}
