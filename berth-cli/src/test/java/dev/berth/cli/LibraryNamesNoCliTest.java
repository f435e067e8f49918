package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library (core, the providers, the app module) raises failures carrying facts; only the CLI
 * words them with its flags and commands ({@link Advice}). This scans the string literals of their
 * main sources for command-line flags ({@code --adopt-dns}) and {@code berth <command>} words, and
 * names each one found as {@code file:line}.
 */
class LibraryNamesNoCliTest {
  private static final List<String> MODULES =
      List.of("berth-core", "berth-aws", "berth-cloudflare", "berth-app");
  private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]+");

  /**
   * Literals that match but are not the command line, each with why: {@code file name → literal
   * fragment → reason}.
   */
  private static final Map<String, Map<String, String>> ALLOWED =
      Map.of(
          "WebServiceStack.java",
          Map.of(
              "berth deploy ",
              "the lock holder's label: what the run holding the state does, for another run to"
                  + " show",
              "berth destroy ",
              "the lock holder's label: what the run holding the state does, for another run to"
                  + " show"),
          "FileStateStore.java",
          Map.of(
              "berth state unlock",
              "the lock holder's label of the short lock taken to break a stale lock"));

  @Test
  void libraryStringLiterals_nameNoFlagOrCommand() throws IOException {
    Set<String> commands = Main.commandLine().getSubcommands().keySet();
    Pattern command = Pattern.compile("\\bberth (" + String.join("|", commands) + ")\\b");
    List<String> found = new ArrayList<>();
    for (String module : MODULES) {
      Path root = Path.of("..", module, "src", "main", "java");
      assertTrue(Files.isDirectory(root), root + " not found from " + Path.of("").toAbsolutePath());
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path f : files) {
        for (Literal l : literals(Files.readString(f))) {
          for (Pattern p : List.of(FLAG, command)) {
            Matcher m = p.matcher(l.text());
            while (m.find()) {
              if (!allowed(f, l.text())) {
                found.add(module + "/" + root.relativize(f) + ":" + l.line() + ": " + m.group());
              }
            }
          }
        }
      }
    }
    assertEquals(
        List.of(),
        found,
        "library strings that name the CLI; raise a failure with facts and word it in Advice:\n"
            + found.stream().collect(Collectors.joining("\n")));
  }

  @Test
  void scanner_findsLiteralsNotComments() {
    List<Literal> l =
        literals(
            "// \"--in-comment\"\n/* \"berth logs\" */ String a = \"x --flag\" + 'c';\n"
                + "String b = \"\"\"\n  berth logs\n  \"\"\"; String c = \"q\\\"--esc\";");
    assertEquals(
        List.of(
            new Literal("x --flag", 2),
            new Literal("\n  berth logs\n  ", 3),
            new Literal("q\\\"--esc", 5)),
        l);
  }

  private static boolean allowed(Path file, String literal) {
    Map<String, String> a = ALLOWED.get(file.getFileName().toString());
    return a != null && a.keySet().stream().anyMatch(literal::contains);
  }

  record Literal(String text, int line) {}

  /** The string literals (and text blocks) of a Java source, with the line each starts on. */
  static List<Literal> literals(String src) {
    List<Literal> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        while (end > 0 && src.charAt(end - 1) == '\\') {
          end = src.indexOf("\"\"\"", end + 1);
        }
        end = end < 0 ? n : end;
        out.add(new Literal(src.substring(i + 3, end), line));
        line += count(src, i, end);
        i = Math.min(n, end + 3);
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          out.add(new Literal(src.substring(i + 1, Math.min(j, n)), line));
        }
        i = j + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  private static int count(String s, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        k++;
      }
    }
    return k;
  }
}
