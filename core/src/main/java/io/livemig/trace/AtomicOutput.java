package io.livemig.trace;

import io.livemig.LivemigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way livemig replaces a file: the bytes go to a temporary file beside the target, which is synced to disk and
 * renamed onto the target only on {@link #commit()}, so a failed, interrupted or killed write never leaves half a file
 * under the target's name. Every writer (trace writers, the DSL's {@code ResultFiles}, the command line's CSV outputs)
 * goes through here, and so through the same rules:
 * <ul>
 *   <li>the target must not be one of the command's inputs (same file, also through a symbolic or hard link):
 *       replacing it would destroy the input;</li>
 *   <li>a symbolic link is followed: the file it points to is replaced and the link stays;</li>
 *   <li>a replaced file keeps its permissions; a new one is {@code rw-r--r--};</li>
 *   <li>the temporary file is named {@code .NAME.livemig-tmp-PID-RANDOM}; a write that was killed leaves one behind,
 *       and the next write of the same target deletes those whose process is gone.</li>
 * </ul>
 */
public final class AtomicOutput {
    private static final String TAG = ".livemig-tmp-";
    /** Temporary files of this process still being written, so a sweep never deletes a live one. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Temporary files of livemig versions before the PID in the name: {@code .NAME1234567890.tmp}. */
    private static final Duration LEGACY_AGE = Duration.ofHours(1);

    private final Path target;
    private final Path temp;
    private boolean done;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the temporary file for {@code target}, after refusing a target that is one of {@code inputs} and
     * deleting the temporary files that killed writes of the same target left behind.
     *
     * @throws IllegalArgumentException if the target is one of the inputs or a folder
     * @throws LivemigException         if the folder cannot be created or written (with the reason)
     */
    public static AtomicOutput open(Path target, Path... inputs) {
        refuseInputs(target, inputs);
        Path real = resolveLinks(target);
        Path dir = real.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure(target, "cannot create its folder " + dir, e);
        }
        sweep(real);
        Path temp = dir.resolve(
                "." + real.getFileName() + TAG + ProcessHandle.current().pid() + "-"
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        try {
            Files.createFile(temp);
        } catch (IOException e) {
            throw failure(target, "cannot create a temporary file in " + dir, e);
        }
        LIVE.add(temp);
        return new AtomicOutput(real, temp);
    }

    /** Writes {@code bytes} to {@code target} through a temporary file and a rename (see {@link #open}). */
    public static void write(Path target, byte[] bytes, Path... inputs) {
        AtomicOutput out = open(target, inputs);
        try {
            Files.write(out.temp, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            out.abort();
            throw failure(target, "cannot write", e);
        }
        out.commit();
    }

    /**
     * The check every writer makes: the output must not be a folder nor the same file as an input (compared with
     * {@link Files#isSameFile}, so links count too).
     *
     * @throws IllegalArgumentException naming the output and the input it would destroy
     */
    public static void refuseInputs(Path target, Path... inputs) {
        if (target == null) throw new IllegalArgumentException("output file must be given, got null");
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + ": is a folder; expected a file name to write");
        }
        if (!Files.exists(target)) return;
        for (Path in : inputs) {
            if (in == null) continue;
            try {
                if (Files.exists(in) && Files.isSameFile(target, in)) {
                    throw new IllegalArgumentException(target + ": is the input " + in + " (the same file"
                            + (target.normalize().equals(in.normalize()) ? "" : " through a link")
                            + "); writing it would destroy the input; expected another output file");
                }
            } catch (IOException e) {
                throw failure(target, "cannot compare with the input " + in, e);
            }
        }
    }

    /** The file actually replaced: the final target of a chain of symbolic links, else {@code target} itself. */
    static Path resolveLinks(Path target) {
        Path p = target.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                throw failure(target, "cannot read the link", e);
            }
        }
        return p;
    }

    /** The temporary file; write it, then {@link #commit()} or {@link #abort()}. */
    public Path temp() {
        return temp;
    }

    /** The file the commit replaces (links resolved). */
    public Path target() {
        return target;
    }

    /** Syncs the temporary file to disk, gives it the permissions it will have, and renames it onto the target. */
    public void commit() {
        if (done) return;
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            setPermissions();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            LIVE.remove(temp);
        } catch (IOException e) {
            abort();
            throw failure(target, "cannot replace it with the written file", e);
        }
        syncFolder(target.getParent());
    }

    /** Deletes the temporary file; the target is left as it was. */
    public void abort() {
        done = true;
        LIVE.remove(temp);
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            /* best effort: the target is untouched, the next write sweeps */
        }
    }

    private void setPermissions() throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, perms);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temporary file already has the folder's default access rights
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, and the data is safe either way. */
    private static void syncFolder(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open a directory as a channel
        }
    }

    /**
     * Deletes the temporary files of {@code target} whose writer is gone: another process's when that process no
     * longer runs, this process's when no open {@link AtomicOutput} holds it, older versions' after an hour.
     */
    static int sweep(Path target) {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        Pattern ours = Pattern.compile(Pattern.quote("." + name + TAG) + "(\\d+)-[0-9a-z]+");
        Pattern legacy = Pattern.compile(Pattern.quote("." + name) + "\\d+\\.tmp");
        long self = ProcessHandle.current().pid();
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + globEscape(name) + "*")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                Matcher m = ours.matcher(n);
                boolean stale;
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    stale = pid == self
                            ? !LIVE.contains(f)
                            : ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
                } else {
                    stale = legacy.matcher(n).matches() && olderThan(f, LEGACY_AGE);
                }
                if (stale && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) deleted++;
            }
        } catch (IOException e) {
            // an unreadable folder fails the write itself, with its reason; the sweep is a courtesy
        }
        return deleted;
    }

    private static boolean olderThan(Path f, Duration age) throws IOException {
        FileTime t = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS);
        return t.toInstant().isBefore(Instant.now().minus(age));
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{},])", "\\\\$1");
    }

    /**
     * An I/O failure as one line: the file, what failed, the file the system names when it is another one (a parent
     * folder), and the reason.
     */
    static LivemigException failure(Path file, String what, IOException e) {
        String other = e instanceof FileSystemException f
                        && f.getFile() != null
                        && !what.contains(f.getFile())
                        && !file.toString().equals(f.getFile())
                ? f.getFile() + ": "
                : "";
        return new LivemigException(file + ": " + what + ": " + other + reason(e), e);
    }

    /**
     * The reason of an I/O error in words: Java's file exceptions carry the path as their message and the reason only
     * in their type or {@code getReason()}.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileAlreadyExistsException) return "exists and is not a folder";
        if (e instanceof NotDirectoryException) return "is not a folder";
        if (e instanceof FileSystemException f) {
            String r = f.getReason();
            if (r != null) return r.replace("Is a directory", "is a folder").replace("Not a directory", "not a folder");
            return f.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        return m.replace("No space left on device", "no space left on device");
    }
}
