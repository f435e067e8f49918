package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.time.BerthClock;
import dev.berth.core.time.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code .berth} folder as a user's machine may have it: a link where the lock or state should
 * be, a folder that cannot be written, a folder that goes away in the middle of a deploy.
 */
class StateFilesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  private Path berthDir() {
    return h.dir().resolve(".berth");
  }

  @Test
  void deploy_whenTheLockFileIsASymlink_exits2AndLeavesItsTargetAndTheCloudUntouched()
      throws IOException {
    Files.createDirectories(berthDir());
    Path victim = Files.writeString(h.dir().resolve("notes.txt"), "the user's own notes\n");
    Path lock = berthDir().resolve("hello.lock");
    Files.createSymbolicLink(lock, victim);
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(lock + " is a symbolic link"), r::toString);
    assertTrue(r.err().contains("remove the link (rm '" + lock + "')"), r::toString);
    assertEquals("the user's own notes\n", Files.readString(victim));
    assertEquals(List.of(), h.mutatingCallsSince(mark));

    h.berth("destroy", "--yes"); // nothing recorded, so nothing to lock or destroy
    assertEquals("the user's own notes\n", Files.readString(victim));
    assertEquals(List.of(), h.mutatingCallsSince(mark));
  }

  @Test
  void deploy_whenTheStateFileIsASymlink_exits2BeforeAnyCall() throws IOException {
    Files.createDirectories(berthDir());
    Path elsewhere = Files.writeString(h.dir().resolve("other.json"), "{}");
    Path state = h.stateFile("hello");
    Files.createSymbolicLink(state, elsewhere);
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(state + " is a symbolic link"), r::toString);
    assertEquals("{}", Files.readString(elsewhere));
    assertEquals(List.of(), h.callsSince(mark).stream().map(JsonNode::toString).toList());
  }

  @Test
  void deploy_whenTheStateFolderIsAFile_exits2NamingItBeforeAnyMutatingCall() throws IOException {
    Files.writeString(berthDir(), "not a folder\n");
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.err().contains("The state folder " + berthDir() + " is not a folder"), r::toString);
    assertFalse(r.err().contains("bug in berth"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));
  }

  @Test
  void deploy_whenTheStateFolderIsReadOnly_exits2NamingItAndTheFix() throws IOException {
    Files.createDirectories(berthDir());
    Files.setPosixFilePermissions(berthDir(), PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(berthDir()), "root writes to read-only folders");
      int mark = h.mark();

      CliHarness.Run r = h.berth("deploy");

      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains(berthDir() + " cannot be written"), r::toString);
      assertTrue(r.err().contains("chmod u+w '" + berthDir() + "'"), r::toString);
      assertEquals(List.of(), h.mutatingCallsSince(mark));
    } finally {
      Files.setPosixFilePermissions(berthDir(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * The folder is moved away and a file put in its place while the ECS service rolls out (root
   * ignores {@code chmod}, so this is how the test takes the folder away). The report must say what
   * exists that the state cannot show, remove nothing, and the next deploy, with the folder back,
   * must finish the stack without making anything twice.
   */
  @Test
  void
      deploy_whenTheStateFolderGoesAwayMidRun_reportsWhatItCouldNotRecordAndTheNextDeployConverges()
          throws Exception {
    Path away = h.dir().resolve(".berth-away");
    int mark = h.mark();
    CliHarness.Run r;
    try (Watcher w =
        Watcher.start(
            h.clock(),
            h.stateFile("hello"),
            () -> status(h.stateFile("hello"), "service").equals("CREATING"),
            () -> {
              Files.move(berthDir(), away);
              Files.writeString(berthDir(), "in the way\n");
            })) {
      r = h.berth("deploy");
      assertTrue(w.fired(), "the deploy ended before the service was started: " + r);
    }

    assertEquals(1, r.exitCode(), r::toString);
    String err = r.err();
    assertFalse(err.contains("removed again"), r::toString);
    assertTrue(
        err.contains("The state could not be written: The state folder " + berthDir()),
        r::toString);
    assertTrue(err.contains("Nothing was rolled back"), r::toString);
    assertTrue(
        err.contains("service (aws.ecs.service, arn:aws:ecs:")
            && err.contains("exists; the state records only the intent to create it"),
        r::toString);
    assertTrue(
        err.contains("What to do: make " + berthDir() + " a folder you can write"), r::toString);
    List<String> deletes =
        h.mutatingCallsSince(mark).stream().filter(c -> c.contains(":Delete")).toList();
    assertEquals(List.of(), deletes, "nothing was deleted");
    assertEquals("CREATING", status(away.resolve("hello.state.json"), "service"));
    assertEquals(1, services().size(), "the service the report names exists");

    Files.delete(berthDir());
    Files.move(away, berthDir());
    CliHarness.Run again = h.berth("deploy");

    assertEquals(0, again.exitCode(), again::toString);
    WebServiceAssertions.assertDeployed(h, HelloCloudflareIT.HELLO);
    assertEquals(1, services().size(), "the service was found, not made twice");
    assertEquals(1, count("loadbalancer"));
    assertTrue(
        Files.exists(berthDir().resolve("hello.state.json.backup")), "the previous state is kept");
  }

  private List<JsonNode> services() {
    return h.inventory().stream()
        .filter(x -> x.path("service").asText().equals("ecs"))
        .filter(x -> x.path("type").asText().equals("service"))
        .filter(x -> !CliHarness.isTombstone(x))
        .toList();
  }

  private long count(String type) {
    return h.inventory().stream()
        .filter(x -> x.path("type").asText().equals(type))
        .filter(x -> !CliHarness.isTombstone(x))
        .count();
  }

  /** The recorded status of {@code id}, or "" if the file or the entry is missing. */
  private static String status(Path stateFile, String id) {
    try {
      JsonNode s = JSON.readTree(Files.readString(stateFile));
      return s.path("resources").path(id).path("status").asText("");
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A thread that waits (on file system events, without a clock) for the state file to appear, so
   * that the run's workers are on the virtual clock, then checks a condition every virtual second
   * and acts once when it holds: registered, so time does not run past a check.
   */
  static final class Watcher implements AutoCloseable {
    interface Action {
      void run() throws IOException;
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean fired = new AtomicBoolean();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final WatchService files;
    private final Thread thread;

    private Watcher(VirtualClock clock, Path stateFile, BooleanSupplier when, Action then)
        throws IOException {
      Files.createDirectories(stateFile.getParent());
      files = stateFile.getFileSystem().newWatchService();
      stateFile.getParent().register(files, StandardWatchEventKinds.ENTRY_CREATE);
      thread =
          new Thread(
              () -> {
                try {
                  while (!Files.exists(stateFile)) {
                    files.take().reset();
                  }
                  try (BerthClock.Registration me = clock.register()) {
                    while (!stop.get()) {
                      clock.sleep(Duration.ofSeconds(1));
                      if (when.getAsBoolean()) {
                        then.run();
                        fired.set(true);
                        return;
                      }
                    }
                  }
                } catch (ClosedWatchServiceException e) {
                  // the run ended before writing any state
                } catch (Throwable t) {
                  error.set(t);
                }
              },
              "state-watcher");
      thread.setDaemon(true);
      thread.start();
    }

    static Watcher start(VirtualClock clock, Path stateFile, BooleanSupplier when, Action then)
        throws IOException {
      return new Watcher(clock, stateFile, when, then);
    }

    boolean fired() {
      return fired.get();
    }

    @Override
    public void close() throws InterruptedException, IOException {
      stop.set(true);
      files.close();
      thread.join(60_000);
      if (error.get() != null) {
        throw new AssertionError("the watcher failed", error.get());
      }
    }
  }
}
