package dev.berth.core.state;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Child JVMs for the cross-process tests of {@link FileStateStore}. */
public final class StateProcesses {
  private StateProcesses() {}

  /**
   * {@code write <dir> <stack>}: saves successive states forever, printing each serial. {@code lock
   * <dir> <stack> <command>}: takes the lock, prints {@code locked}, holds it until stdin closes.
   */
  public static void main(String[] args) throws IOException {
    FileStateStore store = new FileStateStore(Path.of(args[1]), args[2]);
    PrintStream out = System.out;
    if (args[0].equals("write")) {
      State s = store.load().orElse(State.initial(args[2], Instant.EPOCH));
      for (long i = 0; ; i++) {
        State next = s.with(entry("r" + (i % 50), i)).successor(Instant.EPOCH.plusSeconds(i));
        store.save(s, next);
        s = next;
        out.println(s.serial());
        out.flush();
      }
    }
    try (StateStore.Lock lock = store.lock(args[3])) {
      out.println("locked");
      out.flush();
      while (System.in.read() >= 0) {
        // hold the lock until the parent closes our stdin
      }
    }
  }

  static ResourceState entry(String id, long n) {
    List<Object> padding = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      padding.add("value-" + n + "-" + i);
    }
    return new ResourceState(
        id,
        "test.thing",
        ResourceState.Status.CREATED,
        "phys-" + n,
        Map.of("n", n, "padding", padding),
        Map.of("arn", "arn:" + n),
        java.util.Set.of(),
        Instant.EPOCH,
        null);
  }

  /** Starts this class's main in a new JVM with the test classpath. */
  static Process spawn(Path stderr, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StateProcesses.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
  }
}
