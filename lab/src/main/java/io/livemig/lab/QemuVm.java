package io.livemig.lab;

import io.livemig.qmp.QmpClient;
import io.livemig.qmp.QmpConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU of a migration, run inside the lab's namespace: TCG ({@code -accel tcg,thread=multi}; a {@code /dev/kvm}
 * without VMX hangs a stock kernel, and TCG keeps the lab the same on every machine), one vCPU, no default devices,
 * the guest's serial console on a unix socket, QMP on another. The source logs QEMU's migration trace events to
 * {@code trace.log} with wall-clock stamps ({@link QemuTraceLog}).
 */
final class QemuVm implements AutoCloseable {
    /** The trace events that give the per-iteration figures (docs/qemu-lab.md). */
    static final List<String> TRACE_EVENTS = List.of(
            "migrate_pending_exact",
            "migrate_pending_estimate",
            "migration_bitmap_sync_start",
            "migration_bitmap_sync_end");
    /** The migration port inside the namespace (nothing else listens there). */
    static final int PORT = 4444;

    final String name;
    final Process process;
    final QmpClient qmp;
    final SerialLog serial;

    private QemuVm(String name, Process process, QmpClient qmp, SerialLog serial) {
        this.name = name;
        this.process = process;
        this.qmp = qmp;
        this.serial = serial;
    }

    /**
     * Starts a QEMU: the source when {@code incoming} is false; else the destination, listening for the migration and
     * staying paused after it ({@code -S}) so its memory can be compared with the source's.
     */
    static QemuVm start(Netns ns, Path work, String name, GuestImage guest, LabPlan.Point p, boolean incoming)
            throws InterruptedException {
        Path qmpSocket = work.resolve(name + ".qmp"), serialSocket = work.resolve(name + ".serial");
        List<String> argv = new ArrayList<>(Host.command(
                "qemu-system-x86_64",
                "-name",
                "livemig-lab-" + name,
                "-machine",
                "pc",
                "-accel",
                "tcg,thread=multi",
                "-m",
                Integer.toString(p.memoryMiB()),
                "-smp",
                "1",
                "-nodefaults",
                "-no-user-config",
                "-display",
                "none",
                "-kernel",
                guest.kernel().toString(),
                "-initrd",
                guest.initramfs().toString(),
                "-append",
                GuestImage.commandLine(p),
                "-chardev",
                "socket,id=ser0,path=" + serialSocket + ",server=on,wait=off",
                "-serial",
                "chardev:ser0",
                "-qmp",
                "unix:" + qmpSocket + ",server=on,wait=off"));
        if (incoming) {
            argv.addAll(List.of("-S", "-incoming", "tcp:127.0.0.1:" + PORT));
        } else {
            argv.addAll(List.of("-D", work.resolve("trace.log").toString(), "-msg", "timestamp=on"));
            for (String e : TRACE_EVENTS) argv.addAll(List.of("-trace", e));
        }
        Process process;
        try {
            process = Host.start(new ProcessBuilder(ns.inside(argv))
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + ".out").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("qemu-system-x86_64: " + e.getMessage(), e);
        }
        SerialLog serial = null;
        try {
            serial = SerialLog.connect(serialSocket, process, 20);
            QmpClient qmp = connectQmp(qmpSocket, process);
            return new QemuVm(name, process, qmp, serial);
        } catch (RuntimeException | InterruptedException e) {
            if (serial != null) serial.close();
            process.destroyForcibly();
            throw e;
        }
    }

    /** QMP, retrying while QEMU creates its socket. */
    private static QmpClient connectQmp(Path socket, Process qemu) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return QmpClient.connect(socket, Duration.ofSeconds(20));
            } catch (QmpConnectionException e) {
                if (!qemu.isAlive() || System.nanoTime() > deadline) throw e;
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() {
        try {
            qmp.close();
        } catch (RuntimeException ignored) {
            /* QEMU goes anyway */
        }
        serial.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Host.forget(process);
    }
}
