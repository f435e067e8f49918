package dev.berth.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the library modules (core, the providers, the application) form no cycle: the
 * handler API ({@code core.resource}), the shared errors ({@code core.failure}) and the runner
 * ({@code core.engine}) depend one way, and so do the modules' own packages. Read from the sources'
 * imports, so a cycle fails here before review. The CLI and the emulator are programs, not
 * libraries, and are left out.
 */
class PackageCyclesTest {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package (dev\\.berth[\\w.]*);");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?(dev\\.berth(?:\\.[a-z]\\w*)+)\\.[A-Z]");

  private static final Set<String> LIBRARIES =
      Set.of("berth-core", "berth-aws", "berth-cloudflare", "berth-app");

  @Test
  void packages_ofEveryModule_formNoCycle() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path m : modules.filter(p -> LIBRARIES.contains(p.getFileName().toString())).toList()) {
        Path src = m.resolve("src/main/java");
        if (Files.isDirectory(src)) {
          read(src, deps);
        }
      }
    }
    assertEquals(List.of(), cycles(deps), "package cycles (a -> b means a imports b)");
  }

  @Test
  void corePackages_dependInTheDesignedDirection() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    read(Path.of("src/main/java"), deps);
    assertEquals(Set.of(), deps.getOrDefault("dev.berth.core.failure", Set.of()));
    assertEquals(
        Set.of(),
        intersect(
            deps.getOrDefault("dev.berth.core.resource", Set.of()),
            Set.of("dev.berth.core.engine", "dev.berth.core.plan", "dev.berth.core.state")));
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.retainAll(b);
    return out;
  }

  private static void read(Path src, Map<String, Set<String>> deps) throws IOException {
    try (Stream<Path> files = Files.walk(src)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              f -> {
                String text;
                try {
                  text = Files.readString(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                Matcher p = PACKAGE.matcher(text);
                if (!p.find()) {
                  return;
                }
                Set<String> out = deps.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                Matcher i = IMPORT.matcher(text);
                while (i.find()) {
                  if (!i.group(1).equals(p.group(1))) {
                    out.add(i.group(1));
                  }
                }
              });
    }
  }

  /** Each cycle found by a depth-first walk, as {@code a -> b -> a}. */
  private static List<String> cycles(Map<String, Set<String>> deps) {
    List<String> found = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : deps.keySet()) {
      walk(start, deps, new ArrayList<>(), done, found);
    }
    return found;
  }

  private static void walk(
      String at,
      Map<String, Set<String>> deps,
      List<String> path,
      Set<String> done,
      List<String> found) {
    if (path.contains(at)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
      cycle.add(at);
      found.add(String.join(" -> ", cycle));
      return;
    }
    if (!done.add(at)) {
      return;
    }
    path.add(at);
    for (String next : deps.getOrDefault(at, Set.of())) {
      walk(next, deps, path, done, found);
    }
    path.remove(path.size() - 1);
  }
}
