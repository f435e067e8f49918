package dev.berth.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FileStateStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;

  private Path berthDir() {
    return tmp.resolve(".berth");
  }

  private static State first(String stack) {
    return State.initial(stack, T0).with(StateProcesses.entry("vpc", 1)).successor(T0);
  }

  @Test
  void besideSpec_usesTheDotBerthDirectoryNextToTheSpec() {
    FileStateStore store = FileStateStore.besideSpec(tmp.resolve("berth.yaml"), "hello");
    assertEquals(tmp.resolve(".berth/hello.state.json"), store.stateFile());
    assertEquals(tmp.resolve(".berth/hello.lock"), store.lockFile());
  }

  @Test
  void load_whenNothingSaved_isEmpty() {
    assertTrue(new FileStateStore(berthDir(), "hello").load().isEmpty());
  }

  @Test
  void save_thenLoad_roundTripsWithOwnerOnlyMode() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    store.save(null, s1);

    assertEquals(s1, store.load().orElseThrow());
    assumeTrue(AtomicFiles.POSIX);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(store.stateFile())));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(berthDir())));
  }

  @Test
  void save_whenStoredSerialMoved_throwsConflictAndKeepsTheWinner() {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    store.save(null, s1);
    State winner = s1.without("vpc").successor(T0);
    store.save(s1, winner);

    StateConflictException e =
        assertThrows(StateConflictException.class, () -> store.save(s1, s1.successor(T0)));
    assertTrue(e.getMessage().contains("expected serial 1, found 2"), e.getMessage());
    assertEquals(3, e.exitCode());
    assertEquals(winner, store.load().orElseThrow());
  }

  @Test
  void save_whenNothingStoredButExpectingAState_throwsConflict() {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    assertThrows(StateConflictException.class, () -> store.save(s1, s1.successor(T0)));
  }

  @Test
  void save_whenCrashBetweenTempWriteAndRename_keepsTheOldFileIntact() throws IOException {
    AtomicBoolean crash = new AtomicBoolean();
    FileStateStore store =
        new FileStateStore(
            berthDir(),
            "hello",
            Clock.systemUTC(),
            () -> {
              if (crash.get()) {
                throw new SimulatedCrash();
              }
            });
    State s1 = first("hello");
    store.save(null, s1);
    String before = Files.readString(store.stateFile());

    crash.set(true);
    assertThrows(SimulatedCrash.class, () -> store.save(s1, s1.without("vpc").successor(T0)));

    assertEquals(before, Files.readString(store.stateFile()));
    assertEquals(s1, store.load().orElseThrow());
    try (Stream<Path> files = Files.list(berthDir())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void save_whenWriterProcessIsKilledMidLoop_fileAlwaysParses() throws Exception {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    long lastSeen = 0;
    for (int round = 0; round < 3; round++) {
      Process writer =
          StateProcesses.spawn(tmp.resolve("writer.err"), "write", berthDir().toString(), "hello");
      long target = lastSeen + 40 + round * 7;
      long serial = readSerialsUntil(writer, target);
      writer.destroyForcibly();
      writer.waitFor();

      State s = store.load().orElseThrow();
      assertTrue(s.serial() >= serial, "serial " + s.serial() + " >= " + serial);
      assertEquals(s, StateJson.read(Files.readString(store.stateFile())));
      lastSeen = s.serial();
    }
  }

  @Test
  void lock_whenAnotherProcessHoldsIt_throwsNamingTheHolder() throws Exception {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Process child =
        StateProcesses.spawn(
            tmp.resolve("locker.err"), "lock", berthDir().toString(), "hello", "berth deploy");
    BufferedReader out = reader(child);
    assertEquals("locked", out.readLine(), () -> stderr("locker.err"));

    StateLockedException e =
        assertThrows(StateLockedException.class, () -> store.lock("berth destroy"));
    assertEquals(child.pid(), e.holder().pid());
    assertEquals("berth deploy", e.holder().command());
    assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
    assertTrue(e.getMessage().contains("running 'berth deploy'"), e.getMessage());
    assertEquals(3, e.exitCode());
    assertThrows(StateLockedException.class, store::forceUnlock);

    child.getOutputStream().close();
    assertEquals(0, child.waitFor());
    store.lock("berth destroy").close();
  }

  @Test
  void lock_whenHolderProcessWasKilled_staleLockFileDoesNotBlock() throws Exception {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Process child =
        StateProcesses.spawn(
            tmp.resolve("locker.err"), "lock", berthDir().toString(), "hello", "berth deploy");
    assertEquals("locked", reader(child).readLine(), () -> stderr("locker.err"));
    child.destroyForcibly();
    child.waitFor();
    assertTrue(Files.readString(store.lockFile()).contains("berth deploy"), "stale holder left");

    try (StateStore.Lock lock = store.lock("berth plan")) {
      assertTrue(Files.readString(store.lockFile()).contains("berth plan"));
    }
    assertEquals("", Files.readString(store.lockFile()));
  }

  @Test
  void lock_twiceInOneProcess_throwsUntilReleased() {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    StateStore.Lock lock = store.lock("first");
    StateLockedException e =
        assertThrows(
            StateLockedException.class,
            () -> new FileStateStore(berthDir(), "hello").lock("second"));
    assertEquals("first", e.holder().command());

    lock.close();
    lock.close();
    store.lock("third").close();
  }

  @Test
  void forceUnlock_whenLockFileIsStale_clearsIt() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Files.writeString(store.lockFile(), LockHolder.current("dead run", T0).toJson());

    store.forceUnlock();

    assertEquals("", Files.readString(store.lockFile()));
  }

  @Test
  void load_whenFileIsCorrupt_throwsWithTheFileName() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Files.writeString(store.stateFile(), "{\"version\":1,");
    var e = assertThrows(dev.berth.core.engine.BerthException.class, store::load);
    assertTrue(e.getMessage().contains("hello.state.json"), e.getMessage());
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private long readSerialsUntil(Process writer, long target) throws IOException {
    BufferedReader out = reader(writer);
    long serial = 0;
    String line;
    while (serial < target && (line = out.readLine()) != null) {
      serial = Long.parseLong(line.trim());
    }
    assertTrue(serial >= target, () -> "writer stopped at " + stderr("writer.err"));
    return serial;
  }

  private String stderr(String name) {
    try {
      return Files.readString(tmp.resolve(name));
    } catch (IOException e) {
      return e.toString();
    }
  }

  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash");
    }
  }
}
