package dev.berth.core.state;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default state store: {@code .berth/<stack>.state.json} beside the spec, mode 0600, replaced
 * atomically on every save. The lock is an OS file lock on {@code .berth/<stack>.lock}, which the
 * OS releases when its process dies; the file holds the holder's description. A lock file left by a
 * dead process is therefore not blocking: it is reported in a log line and taken over.
 *
 * <p>Every save first keeps the state it replaces as {@code .berth/<stack>.state.json.backup}. None
 * of these files is ever opened through a symbolic link (a cloned repository could otherwise make
 * berth write over any file its user can write); the folder itself may be a link the user made.
 * Taking the lock also checks that the folder can be written, so that a run stops before its first
 * cloud call rather than at its first save.
 */
public final class FileStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);

  /**
   * The locked byte lies far past the holder text, so that platforms with mandatory locks can still
   * read who holds it.
   */
  private static final long LOCK_POSITION = 0x7FFF_FFF0L;

  /**
   * Locks this process holds. POSIX releases every lock a process has on a file when any of its
   * descriptors for that file is closed, so the process must not even open a lock file it holds.
   */
  private static final Map<Path, LockHolder> HELD = new ConcurrentHashMap<>();

  private static final Set<OpenOption> READ_NO_LINKS =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> LOCK_OPTIONS =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.READ,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);

  private final Path dir;
  private final String stack;
  private final Clock clock;
  private final Runnable beforeRename;

  public FileStateStore(Path berthDir, String stack) {
    this(berthDir, stack, Clock.systemUTC(), () -> {});
  }

  FileStateStore(Path berthDir, String stack, Clock clock, Runnable beforeRename) {
    this.dir = berthDir;
    this.stack = stack;
    this.clock = clock;
    this.beforeRename = beforeRename;
  }

  /** The store of {@code stack} in the {@code .berth} directory beside {@code specFile}. */
  public static FileStateStore besideSpec(Path specFile, String stack) {
    return new FileStateStore(specFile.toAbsolutePath().getParent().resolve(".berth"), stack);
  }

  public Path stateFile() {
    return dir.resolve(stack + ".state.json");
  }

  @Override
  public String describe() {
    return stateFile().toString();
  }

  public Path lockFile() {
    return dir.resolve(stack + ".lock");
  }

  /** The state as it was before the last save: a copy to restore by hand if the state is lost. */
  public Path backupFile() {
    return dir.resolve(stack + ".state.json.backup");
  }

  @Override
  public Optional<State> load() {
    byte[] bytes = readState();
    return bytes == null ? Optional.empty() : Optional.of(parse(bytes));
  }

  /**
   * Saves {@code next}, first copying the stored state to {@link #backupFile()}. Both are replaced
   * by renaming a new file over them, so a link in their place is replaced, never written through.
   *
   * @throws StateFileException if the folder cannot be written
   */
  @Override
  public synchronized void save(State expectedPrevious, State next) {
    byte[] previous = readState();
    StateStore.checkSwap(stack, previous == null ? null : parse(previous), expectedPrevious, next);
    try {
      AtomicFiles.createDirectory(dir);
      if (previous != null) {
        AtomicFiles.replace(backupFile(), previous, () -> {});
      }
      AtomicFiles.replace(
          stateFile(), StateJson.write(next).getBytes(StandardCharsets.UTF_8), beforeRename);
    } catch (IOException e) {
      throw StateFileException.notWritable(dir, e);
    }
  }

  /** The state file's bytes, or null if there is none; never through a link. */
  private byte[] readState() {
    Path f = stateFile();
    try (SeekableByteChannel ch = Files.newByteChannel(f, READ_NO_LINKS)) {
      return Channels.newInputStream(ch).readAllBytes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw StateFileException.notWritable(dir, e);
      }
      if (Files.isSymbolicLink(f)) {
        throw StateFileException.link(f);
      }
      if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
        throw StateFileException.notPlainFile(f, "a folder");
      }
      throw StateFileException.unreadable(f, e);
    }
  }

  private State parse(byte[] bytes) {
    try {
      return StateJson.read(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new BerthException(
          "The state file " + stateFile() + " is not valid: " + e.getMessage(),
          "Restore it from a backup or version control; berth does not overwrite it.",
          FailureKind.BAD_INPUT,
          e);
    }
  }

  @Override
  public Lock lock(String holderDescription) {
    return lock(holderDescription, true);
  }

  private Lock lock(String holderDescription, boolean forWriting) {
    Path key = lockFile().toAbsolutePath().normalize();
    LockHolder me = LockHolder.current(holderDescription, clock.instant());
    LockHolder inProcess = HELD.putIfAbsent(key, me);
    if (inProcess != null) {
      throw new StateLockedException(stack, inProcess);
    }
    FileChannel ch;
    try {
      ch = openLockFile();
    } catch (RuntimeException e) {
      HELD.remove(key, me);
      throw e;
    }
    try {
      FileLock lock = tryLock(ch);
      if (lock == null) {
        throw new StateLockedException(stack, LockHolder.fromJson(readAll(ch)));
      }
      if (forWriting) {
        checkUsable();
      }
      String previous = readAll(ch);
      if (!previous.isBlank()) {
        LockHolder stale = LockHolder.fromJson(previous);
        LOG.warn(
            "Taking over stale lock file {} left by {}, which no longer holds it",
            lockFile(),
            stale == null ? "an unknown run" : stale.describe());
      }
      writeAll(ch, me.toJson());
      AtomicBoolean released = new AtomicBoolean();
      return () -> {
        if (released.compareAndSet(false, true)) {
          release(ch, lock);
          HELD.remove(key, me);
        }
      };
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      HELD.remove(key, me);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException("cannot lock " + lockFile(), (IOException) e);
    }
  }

  /**
   * Clears a lock file left behind. An OS lock cannot be broken, and the OS releases it when its
   * holder dies, so a lock held by a live process is refused.
   */
  @Override
  public void forceUnlock() {
    if (!Files.exists(lockFile(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    lock("berth state unlock", false).close();
  }

  /**
   * Opens (creating) the lock file without following a link: it is written and truncated, so a link
   * or a second name for another file would make berth overwrite that file.
   */
  private FileChannel openLockFile() {
    Path f = lockFile();
    ensureDirectory();
    FileChannel ch;
    try {
      ch = FileChannel.open(f, LOCK_OPTIONS, AtomicFiles.ownerOnly());
    } catch (IOException e) {
      if (Files.isSymbolicLink(f)) {
        throw StateFileException.link(f);
      }
      if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
        throw StateFileException.notPlainFile(f, "a folder");
      }
      throw StateFileException.notWritable(dir, e);
    }
    try {
      String odd = notPlain(f);
      if (odd != null) {
        throw StateFileException.notPlainFile(f, odd);
      }
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
    return ch;
  }

  /** Why {@code f} is not a plain file with a single name, or null if it is one. */
  private static String notPlain(Path f) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        return a.isSymbolicLink() ? "a symbolic link" : "not a regular file";
      }
      if (AtomicFiles.POSIX
          && ((Number) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue()
              > 1) {
        return "a hard link to another file";
      }
      return null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null; // nothing more to learn; opening it without following links succeeded
    }
  }

  private void ensureDirectory() {
    try {
      AtomicFiles.createDirectory(dir);
    } catch (IOException e) {
      throw StateFileException.notWritable(dir, e);
    }
  }

  /**
   * Before a run that writes: the folder takes new files, and neither the state nor its backup is a
   * link. Checked once the lock is held, so a run stops before its first cloud call rather than at
   * its first save.
   */
  private void checkUsable() {
    for (Path f : List.of(stateFile(), backupFile())) {
      if (Files.isSymbolicLink(f)) {
        throw StateFileException.link(f);
      }
    }
    try {
      Path probe = Files.createTempFile(dir, "." + stack + ".", ".probe", AtomicFiles.ownerOnly());
      Files.delete(probe);
    } catch (IOException e) {
      throw StateFileException.notWritable(dir, e);
    }
  }

  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock(LOCK_POSITION, 1, false);
    } catch (OverlappingFileLockException e) {
      return null; // held by this process through a store for another path spelling
    }
  }

  private void release(FileChannel ch, FileLock lock) {
    try {
      ch.truncate(0);
      ch.force(true);
      lock.release();
    } catch (IOException e) {
      LOG.warn("Could not clear lock file {}: {}", lockFile(), e.toString());
    } finally {
      closeQuietly(ch);
    }
  }

  private static String readAll(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 64 * 1024));
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // read until full or end of file
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  private static void writeAll(FileChannel ch, String text) throws IOException {
    ch.truncate(0);
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      ch.write(buf, buf.position());
    }
    ch.force(true);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing left to do with a channel we are discarding
    }
  }
}
