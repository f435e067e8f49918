package dev.berth.cli;

import java.io.PrintStream;

/**
 * Text from the spec or the cloud made safe to print: control characters and Unicode direction
 * overrides are written out visibly ({@code \n}, {@code \u001b}, {@code \u202e}), so that a value
 * cannot forge a line of berth's output, move the cursor, recolour the terminal or reorder what is
 * shown (the "Trojan Source" overrides). The escapes are also JSON's, so JSON output passed through
 * {@link #text} stays valid and means the same.
 */
public final class Printable {
  private Printable() {}

  /** {@code value} on one line: line breaks and tabs are escaped too. */
  public static String of(Object value) {
    return escape(String.valueOf(value), false);
  }

  /** Text whose line breaks are meant (a log line, a message): only they and tabs are kept. */
  public static String text(String value) {
    return escape(String.valueOf(value), true);
  }

  /**
   * Multi-line {@code text} with every line after the first indented by {@code indent}, so that no
   * line of it can pass for one of berth's own.
   */
  public static String block(String text, String indent) {
    return text(text).replace("\n", "\n" + indent);
  }

  /** {@code target} with everything printed through it passed through {@link #text}. */
  public static PrintStream stream(PrintStream target) {
    return target instanceof EscapingPrintStream ? target : new EscapingPrintStream(target);
  }

  private static String escape(String s, boolean keepLines) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escaped = keepLines && keeps(s, i) ? null : escaped(c);
      if (escaped == null) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      out.append(escaped);
    }
    return out == null ? s : out.toString();
  }

  /** Line feeds and tabs; a carriage return only as the first half of a CRLF line end. */
  private static boolean keeps(String s, int i) {
    char c = s.charAt(i);
    return c == '\n' || c == '\t' || (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n');
  }

  /** How {@code c} is printed, or null if as itself. */
  static String escaped(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    // Embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, and the Unicode line and
    // paragraph separators, which some terminals and viewers break lines at.
    boolean layout =
        (c >= '\u202a' && c <= '\u202e')
            || (c >= '\u2066' && c <= '\u2069')
            || c == '\u2028'
            || c == '\u2029';
    return control || layout ? String.format("\\u%04x", (int) c) : null;
  }
}
