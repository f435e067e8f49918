package dev.berth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No wall-clock wait is reachable from a virtual-time test: every wait goes through a {@code
 * BerthClock}, and the only real sleep is the system clock's. Scans the main sources of every
 * module (the test runs in berth-app, so its siblings are in {@code ..}).
 */
class NoWallClockSleepTest {

  /** A real wait: a sleep, a park, or a timed wait on a monitor, a latch, a queue or a lock. */
  private static final Pattern WALL_CLOCK_WAIT =
      Pattern.compile(
          "Thread\\.sleep\\s*\\("
              + "|TimeUnit\\.\\w+\\.sleep\\s*\\("
              + "|LockSupport\\.park"
              + "|\\bwait\\s*\\(\\s*[^)\\s]"
              + "|\\b(await|poll|offer|tryAcquire|tryLock|awaitTermination|join|get)\\s*\\([^;]*"
              + "TimeUnit\\.");

  /**
   * The allowed places, file to the number of matches in it, each with why. localcloud's own server
   * code needs none: it answers at once and never sleeps.
   */
  private static final Map<String, Integer> ALLOWED =
      Map.of(
          // BerthClock.system()'s sleep: the one place berth waits in real time, behind the
          // clock every engine, waiter and provider client is given.
          "berth-core/src/main/java/dev/berth/core/time/BerthClock.java", 1);

  @Test
  void noWallClockWait_outsideTheSystemClock() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> mains = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(m -> Files.isDirectory(m.resolve("src/main/java")))
          .forEach(m -> mains.add(m.resolve("src/main/java")));
    }
    assertTrue(
        mains.stream().anyMatch(m -> m.startsWith(root.resolve("berth-core"))),
        "found no module sources under " + root + ": " + mains);
    List<String> found = new ArrayList<>();
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Path main : mains) {
      try (Stream<Path> files = Files.walk(main)) {
        for (Path f :
            (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String rel = root.relativize(f).toString().replace('\\', '/');
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String code = line.strip();
            if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
              continue; // documentation may name what it avoids
            }
            if (WALL_CLOCK_WAIT.matcher(line).find()) {
              counts.merge(rel, 1, Integer::sum);
              if (!ALLOWED.containsKey(rel)) {
                found.add(rel + ":" + (i + 1) + ": " + code);
              }
            }
          }
        }
      }
    }
    assertEquals(
        List.of(),
        found,
        "a wall-clock wait outside BerthClock.system(): wait on the injected BerthClock instead");
    for (Map.Entry<String, Integer> a : ALLOWED.entrySet()) {
      assertEquals(a.getValue(), counts.getOrDefault(a.getKey(), 0), "allowed waits in " + a);
    }
  }
}
