package dev.berth.core.spec;

import java.util.Optional;

/**
 * Characters a container's environment or command line cannot carry, or that are surely a mistake.
 * Tab, line feed and carriage return pass: multi-line values (a PEM key, a script for {@code sh
 * -c}) are common and legal. Problems name the character and its position, never the value, which
 * may have been interpolated from a secret.
 */
final class ControlCharacters {
  private static final String ALLOWED = "tab, newline and carriage return are allowed";

  private ControlCharacters() {}

  /** Records a problem for {@code field} if {@code value} holds a character it must not. */
  static void check(String field, String value, boolean variable, Problems problems) {
    problem(value)
        .ifPresent(
            why -> {
              String fix;
              if (why.contains("NUL")) {
                fix = "remove it; no program can receive it";
              } else if (variable) {
                fix =
                    "remove it ("
                        + ALLOWED
                        + "); if the program really needs it, keep the value in Secrets Manager"
                        + " and list it under secrets:";
              } else {
                fix = "remove it (" + ALLOWED + ")";
              }
              problems.add(field, why, fix);
            });
  }

  /** Why {@code value} cannot be passed to the container, or empty if it can. */
  static Optional<String> problem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        // execve(2) takes each variable and argument as a NUL-terminated C string: a NUL cuts it.
        return Optional.of(
            ("it contains a NUL character (U+0000) at character %d; a process's environment and"
                    + " arguments cannot hold one")
                .formatted(i + 1));
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return Optional.of(
            "it contains the control character U+%04X at character %d".formatted((int) c, i + 1));
      }
    }
    return Optional.empty();
  }
}
