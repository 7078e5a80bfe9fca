package io.livemig.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A temporary file beside the target that becomes the target only on {@link #commit()}, so a failed write or
 * conversion never leaves half a file under the target's name. Public so that every writer of the project (traces,
 * dirty curves, measured-run records) uses this one piece of code.
 */
public final class AtomicOutput {
    final Path target;
    final Path temp;
    private boolean done;

    /** Creates the temporary file beside {@code target}; write to {@link #temp()}, then {@link #commit()} or {@link #abort()}. */
    public AtomicOutput(Path target) {
        this.target = target.toAbsolutePath();
        try {
            Path dir = this.target.getParent();
            Files.createDirectories(dir);
            this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
            // createTempFile makes the file private; a trace is an ordinary file
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) { /* not a POSIX file system */ }
        } catch (IOException e) {
            throw new UncheckedIOException(target.getFileName() + ": cannot create a temporary file beside it: " + e.getMessage(), e);
        }
    }

    /** The file to write. */
    public Path temp() { return temp; }

    /** Renames the temporary file to the target (atomically where the file system can). Idempotent. */
    public void commit() {
        if (done) return;
        done = true;
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException(target.getFileName() + ": cannot rename the temporary file: " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file; the target is untouched. */
    public void abort() {
        done = true;
        try { Files.deleteIfExists(temp); } catch (IOException ignored) { /* best effort: the target is untouched */ }
    }
}
