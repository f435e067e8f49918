package dev.berth.core.state;

import dev.berth.core.engine.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
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

  @Override
  public Optional<State> load() {
    String json;
    try {
      json = Files.readString(stateFile(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stateFile(), e);
    }
    try {
      return Optional.of(StateJson.read(json));
    } catch (IllegalArgumentException e) {
      throw new BerthException(
          "The state file " + stateFile() + " is not valid: " + e.getMessage(),
          "Restore it from a backup or version control; berth does not overwrite it.",
          2,
          e);
    }
  }

  @Override
  public synchronized void save(State expectedPrevious, State next) {
    StateStore.checkSwap(stack, load().orElse(null), expectedPrevious, next);
    try {
      AtomicFiles.createDirectory(dir);
      AtomicFiles.replace(
          stateFile(), StateJson.write(next).getBytes(StandardCharsets.UTF_8), beforeRename);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + stateFile(), e);
    }
  }

  @Override
  public Lock lock(String holderDescription) {
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
    if (!Files.exists(lockFile())) {
      return;
    }
    lock("berth state unlock").close();
  }

  private FileChannel openLockFile() {
    try {
      AtomicFiles.createDirectory(dir);
      Set<StandardOpenOption> opts =
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return FileChannel.open(lockFile(), opts, AtomicFiles.ownerOnly());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + lockFile(), e);
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
