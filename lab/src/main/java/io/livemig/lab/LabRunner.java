package io.livemig.lab;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.livemig.dsl.render.ResultFiles;
import io.livemig.evaluate.LabDataset;
import io.livemig.evaluate.LabRun;
import io.livemig.qmp.QmpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One migration of the lab, start to end: a shaped namespace, source and destination QEMU, the workload warmed up
 * ({@value #WARMUP_UNITS} units), plain pre-copy set over QMP, {@code migrate} over the namespace's loopback,
 * {@code query-migrate} every 100 ms until it completes or the point's timeout cancels it, then both memories
 * saved and compared, QEMU's trace events read into rounds, and the workload's trace placed.
 */
final class LabRunner {
    static final int WARMUP_UNITS = 10;
    static final int BOOT_TIMEOUT_SECONDS = 120;
    /** max-bandwidth: far above any link the lab shapes, so the link alone sets the rate (docs/qemu-lab.md). */
    static final long MAX_BANDWIDTH = 100_000_000_000L;

    private LabRunner() {}

    /** Runs {@code p}; writes its rounds to {@code out/runs/ID/rounds.csv} and its trace under {@code out/traces}. */
    static LabRun run(LabPlan.Point p, GuestImage guest, Path out) throws InterruptedException {
        long wall0 = System.nanoTime();
        Path work = workDir();
        try (Netns ns = Netns.shaped(p.linkMbit());
                QemuVm src = QemuVm.start(ns, work, "src", guest, p, false);
                QemuVm dst = QemuVm.start(ns, work, "dst", guest, p, true)) {
            src.serial.awaitUnit(WARMUP_UNITS, BOOT_TIMEOUT_SECONDS, src.process);
            double boot = (System.nanoTime() - wall0) / 1e9;
            configure(src.qmp, p);
            JsonObject uri = new JsonObject();
            uri.addProperty("uri", "tcp:127.0.0.1:" + QemuVm.PORT);
            long t0 = System.nanoTime();
            src.qmp.execute("migrate", uri);
            JsonObject info = query(src.qmp);
            String status = info.get("status").getAsString();
            long deadline = t0 + p.timeoutSeconds() * 1_000_000_000L;
            while (!status.equals("completed") && !status.equals("failed")) {
                if (System.nanoTime() > deadline) {
                    src.qmp.execute("migrate_cancel");
                    status = LabRun.NOT_CONVERGED;
                    break;
                }
                Thread.sleep(100);
                JsonObject next = query(src.qmp);
                status = next.get("status").getAsString();
                if (next.has("ram") || status.equals("completed")) info = next;
            }
            long t1 = System.nanoTime();
            if (status.equals("failed")) status = LabRun.FAILED;
            if (status.equals(LabRun.NOT_CONVERGED)) awaitCancelled(src.qmp);
            MemoryImages.Comparison mem = compareMemory(src, dst, work, p, status.equals(LabRun.COMPLETED));
            List<QemuTraceLog.Round> rounds = QemuTraceLog.rounds(work.resolve("trace.log"), MemoryImages.PAGE);
            WorkloadTrace.Placement placement = WorkloadTrace.record(p, src.serial, t0, t1, mem.nonZeroPages(), out);
            Path runDir = out.resolve("runs").resolve(p.id());
            writeRounds(runDir.resolve("rounds.csv"), rounds);
            writeNonZero(runDir.resolve(LabDataset.NONZERO), mem.nonZeroRuns());
            keepRawLogs(runDir, work, src.serial);
            JsonObject ram = info.has("ram") ? info.getAsJsonObject("ram") : new JsonObject();
            long switchover = rounds.isEmpty() || !status.equals(LabRun.COMPLETED)
                    ? -1
                    : rounds.get(rounds.size() - 1).pendingAfterPages();
            return new LabRun(
                    p.id(),
                    p.shape().label(),
                    p.ratePagesPerSecond(),
                    p.regionPages(),
                    p.memoryMiB(),
                    p.linkMbit(),
                    p.downtimeLimitMs(),
                    p.repeat(),
                    p.seed(),
                    p.timeoutSeconds(),
                    status,
                    num(info, "total-time"),
                    status.equals(LabRun.COMPLETED) ? num(info, "downtime") : -1,
                    num(info, "setup-time"),
                    num(ram, "transferred"),
                    num(ram, "normal"),
                    num(ram, "duplicate"),
                    num(ram, "dirty-sync-count"),
                    rounds.size(),
                    switchover,
                    ram.has("mbps") ? ram.get("mbps").getAsDouble() : 0,
                    mem.nonZeroPages(),
                    mem.differingPages(),
                    placement.file(),
                    placement.frames(),
                    placement.phase(),
                    placement.lagMeanMs(),
                    placement.lagMaxMs(),
                    placement.displacedUnits(),
                    boot,
                    (System.nanoTime() - wall0) / 1e9);
        } finally {
            Host.deleteTree(work);
        }
    }

    /** A booted guest's memory and where its workload's region lay (the frame map, as a run's {@code frames}). */
    record Baseline(MemoryImages.Comparison memory, String frames) {}

    /**
     * A guest of {@code p} booted and warmed up as for a run, not migrated: where its memory is not zero (the baseline
     * a dataset recorded before the runs wrote their own maps can use; docs/qemu-lab.md, "A quiet host").
     */
    static Baseline baseline(LabPlan.Point p, GuestImage guest) throws InterruptedException {
        Path work = workDir();
        try (Netns ns = Netns.shaped(p.linkMbit());
                QemuVm src = QemuVm.start(ns, work, "src", guest, p, false)) {
            src.serial.awaitUnit(WARMUP_UNITS, BOOT_TIMEOUT_SECONDS, src.process);
            src.qmp.execute("stop");
            Path a = work.resolve("src.mem");
            pmemsave(src.qmp, a, p);
            return new Baseline(MemoryImages.compare(a, null), WorkloadTrace.frameMap(src.serial.frames()));
        } finally {
            Host.deleteTree(work);
        }
    }

    /** Plain pre-copy: every capability off but {@code events}; the link, not QEMU, limits the rate. */
    static void configure(QmpClient qmp, LabPlan.Point p) {
        JsonArray caps = new JsonArray();
        for (JsonElement e : qmp.call("query-migrate-capabilities", null, QmpClient.DEFAULT_TIMEOUT)
                .getAsJsonArray()) {
            String name = e.getAsJsonObject().get("capability").getAsString();
            JsonObject c = new JsonObject();
            c.addProperty("capability", name);
            c.addProperty("state", name.equals("events"));
            caps.add(c);
        }
        JsonObject args = new JsonObject();
        args.add("capabilities", caps);
        qmp.execute("migrate-set-capabilities", args);
        JsonObject params = new JsonObject();
        params.addProperty("max-bandwidth", MAX_BANDWIDTH);
        params.addProperty("downtime-limit", p.downtimeLimitMs());
        qmp.execute("migrate-set-parameters", params);
    }

    private static JsonObject query(QmpClient qmp) {
        return qmp.execute("query-migrate");
    }

    private static void awaitCancelled(QmpClient qmp) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String s = query(qmp).get("status").getAsString();
            if (s.equals("cancelled") || s.equals("failed") || s.equals("completed")) return;
            Thread.sleep(50);
        }
        throw new IllegalStateException("migrate_cancel: the migration was still not cancelled after 5 s");
    }

    /** Both memories saved with pmemsave (source stopped first when the migration did not complete) and compared. */
    private static MemoryImages.Comparison compareMemory(
            QemuVm src, QemuVm dst, Path work, LabPlan.Point p, boolean completed) {
        if (!completed) src.qmp.execute("stop");
        Path a = work.resolve("src.mem"), b = work.resolve("dst.mem");
        pmemsave(src.qmp, a, p);
        if (completed) pmemsave(dst.qmp, b, p);
        MemoryImages.Comparison c = MemoryImages.compare(a, completed ? b : null);
        try {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private static void pmemsave(QmpClient qmp, Path file, LabPlan.Point p) {
        JsonObject args = new JsonObject();
        args.addProperty("val", 0);
        args.addProperty("size", p.memoryMiB() * (1L << 20));
        args.addProperty("filename", file.toString());
        qmp.execute("pmemsave", args, Duration.ofSeconds(120));
    }

    private static long num(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsLong() : 0;
    }

    /** The source's non-zero pages after the migration, as runs (first_page, pages) in address order. */
    static void writeNonZero(Path file, List<long[]> runs) {
        StringBuilder sb = new StringBuilder("first_page,pages\n");
        for (long[] r : runs) sb.append(r[0]).append(',').append(r[1]).append('\n');
        ResultFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeRounds(Path file, List<QemuTraceLog.Round> rounds) {
        StringBuilder sb =
                new StringBuilder("round,end_s,round_s,pending_before_pages,pending_after_pages,new_dirty_pages\n");
        for (QemuTraceLog.Round r : rounds) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%.6f,%.6f,%d,%d,%d%n",
                    r.number(),
                    r.endSeconds(),
                    r.seconds(),
                    r.pendingBeforePages(),
                    r.pendingAfterPages(),
                    r.newDirtyPages()));
        }
        ResultFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * QEMU's trace log and the guest's unit log, as they were (the dataset's .gitignore leaves them out: they are
     * the evidence behind rounds.csv and the lag columns, kept where the run was made).
     */
    private static void keepRawLogs(Path runDir, Path work, SerialLog serial) {
        try {
            ResultFiles.writeAtomically(
                    runDir.resolve("qemu-trace.log"), Files.readAllBytes(work.resolve("trace.log")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep QEMU's trace log: " + e.getMessage(), e);
        }
        StringBuilder sb = new StringBuilder("k,start_us,end_us,pages,hash,host_arrival_ns\n");
        for (SerialLog.Unit u : serial.units()) {
            sb.append(u.k())
                    .append(',')
                    .append(u.startMicros())
                    .append(',')
                    .append(u.endMicros())
                    .append(',')
                    .append(u.pages())
                    .append(',')
                    .append(u.hash())
                    .append(',')
                    .append(u.hostNanos())
                    .append('\n');
        }
        ResultFiles.writeAtomically(
                runDir.resolve("guest-units.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sockets and memory images: in RAM when the machine has /dev/shm (two images of up to 512 MiB per run). */
    private static Path workDir() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "livemig-lab")
                    : Files.createTempDirectory("livemig-lab");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab's work directory: " + e.getMessage(), e);
        }
    }
}
