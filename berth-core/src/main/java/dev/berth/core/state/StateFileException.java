package dev.berth.core.state;

import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A state folder or file berth cannot use as it is: a link where a file must be, a folder it cannot
 * write, a file it cannot read. Bad input (exit 2): the user fixes the file system, then runs
 * again.
 */
public class StateFileException extends BerthException {
  private final transient Path path;

  private StateFileException(Path path, String message, String hint, Throwable cause) {
    super(message, hint, FailureKind.BAD_INPUT, cause);
    this.path = path;
  }

  /** The file or folder at fault. */
  public Path path() {
    return path;
  }

  /** {@code file} is a symbolic link: berth neither follows nor replaces it. */
  static StateFileException link(Path file) {
    String target;
    try {
      target = " (to " + Files.readSymbolicLink(file) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      target = "";
    }
    return new StateFileException(
        file,
        file
            + " is a symbolic link"
            + target
            + "; berth does not follow links to its state, lock and backup files, so that a copied"
            + " or cloned folder cannot make it write over another file",
        "remove the link (rm '"
            + file
            + "') and run the command again; to keep the state elsewhere, point the state folder"
            + " there or make the .berth folder itself the link",
        null);
  }

  /** {@code file} is not a plain file with one name (a directory, a device, a hard link). */
  static StateFileException notPlainFile(Path file, String what) {
    return new StateFileException(
        file,
        file + " is " + what + ", not a plain file berth made",
        "move it out of the way (mv '" + file + "' '" + file + ".moved') and run the command again",
        null);
  }

  /** The state folder {@code dir} cannot hold berth's files. */
  static StateFileException notWritable(Path dir, IOException cause) {
    boolean notFolder = Files.exists(dir) && !Files.isDirectory(dir);
    return new StateFileException(
        dir,
        "The state folder "
            + dir
            + (notFolder ? " is not a folder" : " cannot be written (" + reason(cause) + ")"),
        notFolder
            ? "move the file " + dir + " out of the way, or choose another state folder"
            : "make it writable (chmod u+w '"
                + dir
                + "'), or choose another state folder; then run the command again",
        cause);
  }

  /** A file in the state folder that exists but cannot be read. */
  static StateFileException unreadable(Path file, IOException cause) {
    return new StateFileException(
        file,
        "The state file " + file + " cannot be read (" + reason(cause) + ")",
        "make it readable (chmod u+rw '" + file + "') and run the command again",
        cause);
  }

  /** A short, path-free reason for an I/O failure. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
