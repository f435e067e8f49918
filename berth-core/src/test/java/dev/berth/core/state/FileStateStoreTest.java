package dev.berth.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.core.failure.FailureKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
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
    assertEquals(FailureKind.LOCKED, e.kind());
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
      assertEquals(
          0,
          files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(),
          "no temporary file left behind");
    }
  }

  @Test
  @Tag("process") // starts other JVMs: runs after the concurrent suite, alone
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
  @Tag("process") // starts other JVMs: runs after the concurrent suite, alone
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
    assertEquals(FailureKind.LOCKED, e.kind());
    assertThrows(StateLockedException.class, store::forceUnlock);

    child.getOutputStream().close();
    assertEquals(0, child.waitFor());
    store.lock("berth destroy").close();
  }

  @Test
  @Tag("process") // starts other JVMs: runs after the concurrent suite, alone
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
    var e = assertThrows(dev.berth.core.failure.BerthException.class, store::load);
    assertTrue(e.getMessage().contains("hello.state.json"), e.getMessage());
  }

  @Test
  void save_keepsThePreviousStateAsBackupWithOwnerOnlyMode() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    store.save(null, s1);
    assertFalse(Files.exists(store.backupFile()), "nothing to keep before the first state");
    String firstJson = Files.readString(store.stateFile());
    State s2 = s1.without("vpc").successor(T0);

    store.save(s1, s2);

    assertEquals(tmp.resolve(".berth/hello.state.json.backup"), store.backupFile());
    assertEquals(firstJson, Files.readString(store.backupFile()));
    assertEquals(s1, StateJson.read(Files.readString(store.backupFile())));
    assertEquals(s2, store.load().orElseThrow());
    store.save(s2, s2.successor(T0));
    assertEquals(s2, StateJson.read(Files.readString(store.backupFile())));
    assumeTrue(AtomicFiles.POSIX);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(store.backupFile())));
  }

  @Test
  void lock_whenLockFileIsASymlink_refusesWithExit2AndLeavesTheTargetUntouched()
      throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "the user's own file\n");
    Files.createSymbolicLink(store.lockFile(), victim);

    StateFileException e = assertThrows(StateFileException.class, () -> store.lock("deploy"));

    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(store.lockFile(), e.path());
    assertTrue(e.getMessage().contains(store.lockFile() + " is a symbolic link"), e.getMessage());
    assertTrue(e.getMessage().contains(victim.toString()), e.getMessage());
    assertTrue(e.hint().contains("remove the link (rm '" + store.lockFile()), e.hint());
    assertEquals("the user's own file\n", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(store.lockFile()), "the link is left for the user");
    assertThrows(StateFileException.class, store::forceUnlock);
    assertEquals("the user's own file\n", Files.readString(victim));
  }

  @Test
  void lock_whenLockFileIsADanglingSymlink_refusesAndCreatesNoFile() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Path target = tmp.resolve("created-through-the-link");
    Files.createSymbolicLink(store.lockFile(), target);

    assertThrows(StateFileException.class, () -> store.lock("deploy"));

    assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void lock_whenLockFileIsAHardLinkToAnotherFile_refusesAndLeavesItUntouched() throws IOException {
    assumeTrue(AtomicFiles.POSIX);
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep me\n");
    Files.createLink(store.lockFile(), victim);

    StateFileException e = assertThrows(StateFileException.class, () -> store.lock("deploy"));

    assertTrue(e.getMessage().contains("hard link"), e.getMessage());
    assertEquals("keep me\n", Files.readString(victim));
  }

  @Test
  void load_whenStateFileIsASymlink_refusesWithExit2() throws IOException {
    FileStateStore elsewhere = new FileStateStore(tmp.resolve("elsewhere"), "hello");
    elsewhere.save(null, first("hello"));
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    Files.createDirectories(berthDir());
    Files.createSymbolicLink(store.stateFile(), elsewhere.stateFile());

    StateFileException e = assertThrows(StateFileException.class, store::load);
    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(store.stateFile(), e.path());
    assertThrows(StateFileException.class, () -> store.lock("deploy"));
    assertTrue(Files.isSymbolicLink(store.stateFile()));
  }

  @Test
  void lock_whenBackupIsASymlink_refusesAndSaveNeverWritesThroughIt() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    store.save(null, s1);
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep me\n");
    Files.createSymbolicLink(store.backupFile(), victim);

    StateFileException e = assertThrows(StateFileException.class, () -> store.lock("deploy"));
    assertEquals(store.backupFile(), e.path());

    store.save(s1, s1.successor(T0)); // a library caller without the lock
    assertEquals("keep me\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(store.backupFile()), "the link was replaced, not followed");
    assertEquals(s1, StateJson.read(Files.readString(store.backupFile())));
  }

  @Test
  void lock_whenStateFolderIsAFile_throwsNotWritableWithExit2() throws IOException {
    Files.writeString(berthDir(), "not a folder");
    FileStateStore store = new FileStateStore(berthDir(), "hello");

    StateFileException e = assertThrows(StateFileException.class, () -> store.lock("deploy"));

    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(berthDir(), e.path());
    assertTrue(e.getMessage().contains(berthDir() + " is not a folder"), e.getMessage());
  }

  @Test
  void lock_whenStateFolderIsReadOnly_throwsNotWritableWithExit2() throws IOException {
    assumeTrue(AtomicFiles.POSIX);
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    store.lock("first").close(); // the lock file exists and stays writable
    Files.setPosixFilePermissions(berthDir(), PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(berthDir()), "root writes to read-only folders");
      StateFileException e = assertThrows(StateFileException.class, () -> store.lock("deploy"));
      assertEquals(FailureKind.BAD_INPUT, e.kind());
      assertTrue(e.getMessage().contains("cannot be written (permission denied)"), e.getMessage());
      assertTrue(e.hint().contains("chmod u+w '" + berthDir() + "'"), e.hint());
    } finally {
      Files.setPosixFilePermissions(berthDir(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void save_whenStateFolderIsReplacedByAFileMidRun_throwsStateFileException() throws IOException {
    FileStateStore store = new FileStateStore(berthDir(), "hello");
    State s1 = first("hello");
    store.save(null, s1);
    Files.move(berthDir(), tmp.resolve("moved"));
    Files.writeString(berthDir(), "in the way");

    StateFileException e = assertThrows(StateFileException.class, () -> store.save(null, s1));

    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(berthDir(), e.path());
    assertEquals("in the way", Files.readString(berthDir()));
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
