package io.livemig.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The host's tools: finding them on the PATH and running them with a time limit. */
final class Host {
    /** Processes the lab started and still runs (QEMUs, the namespace's holder): ended if the JVM is. */
    private static final java.util.Set<Process> CHILDREN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly), "lab-children"));
    }

    private Host() {}

    /** Starts {@code pb}; the process is ended with the JVM unless {@link #forget} is called once it has ended. */
    static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        CHILDREN.add(p);
        return p;
    }

    static void forget(Process p) {
        CHILDREN.remove(p);
    }

    /** A tool on the PATH (or in the sbin directories, where tc lives). */
    static Optional<Path> which(String tool) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The argv of {@code tool args…}, the tool resolved on the PATH (an error naming it when missing). */
    static List<String> command(String tool, String... args) {
        Path p = which(tool)
                .orElseThrow(() -> new IllegalArgumentException(
                        tool + " not found on the PATH; run `bash lab/install.sh` (see `livemig lab doctor`)"));
        List<String> argv = new ArrayList<>();
        argv.add(p.toString());
        argv.addAll(List.of(args));
        return argv;
    }

    /** A statically linked busybox (the initramfs has no libraries). */
    static Optional<Path> busybox() {
        for (Path p : Stream.concat(which("busybox").stream(), Stream.of(Path.of("/bin/busybox")))
                .toList()) {
            if (Files.isRegularFile(p) && isStatic(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** An ELF file without a program interpreter (PT_INTERP) is statically linked. */
    static boolean isStatic(Path elf) {
        try {
            byte[] head = new byte[64];
            try (InputStream in = Files.newInputStream(elf)) {
                if (in.readNBytes(head, 0, 64) < 64) return false;
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(0) != 0x464c457f || head[4] != 2) return false; // "\x7fELF", 64-bit
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54)), phnum = Short.toUnsignedInt(h.getShort(56));
            byte[] all = Files.readAllBytes(elf);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < phnum; i++) if (b.getInt((int) (phoff + (long) i * phentsize)) == 3) return false;
            return true;
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** QEMU's version as {@code qemu-system-x86_64 --version} prints it, e.g. {@code {10, 0, 2}}. */
    static Optional<int[]> qemuVersion() {
        Optional<Path> q = which("qemu-system-x86_64");
        if (q.isEmpty()) return Optional.empty();
        try {
            String out = run(List.of(q.get().toString(), "--version"), 20);
            Matcher m = Pattern.compile("version (\\d+)\\.(\\d+)\\.(\\d+)").matcher(out);
            if (!m.find()) return Optional.empty();
            return Optional.of(
                    new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
                    });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code argv} and returns its standard output; a failure or a time-out is an error with its output. */
    static String run(List<String> argv, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + ": no answer within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
                throw new IllegalStateException(
                        String.join(" ", argv) + ": exit " + p.exitValue() + ": " + text.strip());
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    /** Runs a shell line in {@code dir}. */
    static String runIn(Path dir, String shellLine, int timeoutSeconds) {
        List<String> argv = command("sh", "-c", "cd " + quote(dir.toString()) + " && " + shellLine);
        return run(argv, timeoutSeconds);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    /* best effort: a temporary directory */
                }
            });
        } catch (IOException ignored) {
            /* best effort */
        }
    }
}
