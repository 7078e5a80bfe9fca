package io.livemig.qmp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code qemu-system-x86_64} with no guest (SeaBIOS finds nothing to boot and idles), its QMP monitor on a
 * unix socket: enough for {@code query-status}, {@code query-migrate} and {@code calc-dirty-rate}. Where QEMU is
 * missing, tests abort visibly (stderr) on a developer machine and fail under {@code CI=true}. The binary is
 * {@code $LIVEMIG_QEMU} if set, else {@code qemu-system-x86_64} on the PATH.
 */
public final class RealQemu implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final Path log;

    private RealQemu(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** The QEMU binary, or aborts/fails the test as described in the class comment. */
    public static Path binary() {
        String env = System.getenv("LIVEMIG_QEMU");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) return Path.of(env);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "qemu-system-x86_64");
            if (!dir.isEmpty() && Files.isExecutable(p)) return p;
        }
        String msg =
                "livemig RealQemu: qemu-system-x86_64 not found on the PATH (set $LIVEMIG_QEMU; lab/install.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        System.err.println("*** " + msg + ": test aborted ***");
        Assumptions.abort(msg);
        return null;
    }

    /** Starts a guest-less q35 machine under TCG with {@code memoryMiB} of RAM; its QMP socket is in {@code dir}. */
    public static RealQemu start(Path dir, int memoryMiB) throws IOException, InterruptedException {
        return start(dir, "qmp", memoryMiB);
    }

    /**
     * Starts a guest-less machine whose socket is {@code dir/NAME.sock} and log {@code dir/NAME.log}, with extra
     * arguments (e.g. {@code -incoming tcp:127.0.0.1:PORT} for a migration destination).
     */
    public static RealQemu start(Path dir, String name, int memoryMiB, String... extra)
            throws IOException, InterruptedException {
        Path qemu = binary();
        Path socket = dir.resolve(name + ".sock");
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                qemu.toString(),
                "-machine",
                "q35",
                "-accel",
                "tcg",
                "-m",
                String.valueOf(memoryMiB),
                "-nographic",
                "-nodefaults",
                "-display",
                "none",
                "-qmp",
                "unix:" + socket + ",server=on,wait=off"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) {
            if (!p.isAlive())
                throw new IllegalStateException("QEMU exited with " + p.exitValue() + ": "
                        + Files.readString(log).strip());
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("QEMU did not create its QMP socket " + socket + " within 20 s");
            }
            Thread.sleep(20);
        }
        return new RealQemu(p, socket, log);
    }

    public Path socket() {
        return socket;
    }

    public Process process() {
        return process;
    }

    /** What QEMU printed so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
