package io.livemig.record;

import io.livemig.trace.AtomicOutput;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One real migration as {@link MigrationRecorder} saw it over QMP: the totals QEMU reports at the end and one row per
 * interval between two dirty-bitmap syncs. Written as two CSVs whose columns follow the lab's
 * {@code data/qemu-lab/runs.csv} and {@code runs/ID/rounds.csv} where QMP gives the same figure; the layout is
 * {@code docs/dirty-curve-format.md} ("Measured-run record").
 *
 * @param status            QEMU's final status: {@code completed}, {@code failed}, {@code cancelled}, or {@code active}
 *                          when the recorder stopped following it
 * @param converged         true iff {@code completed}
 * @param stopReason        why the record ends: {@code completed}, {@code failed: …}, {@code timeout after N s}, {@code interrupted}
 * @param memoryBytes       guest memory, bytes
 * @param downtimeLimitMs   QEMU's {@code downtime-limit}, ms
 * @param maxBandwidthBytes QEMU's {@code max-bandwidth}, bytes/s
 * @param migrationSeconds  QEMU's {@code total-time}, s (NaN if not completed)
 * @param downtimeSeconds   QEMU's {@code downtime}, s (NaN if not completed)
 * @param setupSeconds      QEMU's {@code setup-time}, s
 * @param transferredBytes  {@code ram.transferred}: bytes of RAM on the wire
 * @param normalPages       {@code ram.normal}: pages sent in full
 * @param zeroPages         {@code ram.duplicate}: zero pages sent as a flag
 * @param syncs             {@code ram.dirty-sync-count}: dirty-bitmap syncs (pre-copy iterations + the final one)
 * @param bandwidthMbps     {@code ram.mbps}: QEMU's measured bandwidth, Mbit/s (last value)
 * @param qemuVersion       QEMU's version
 * @param iterations        one row per iteration, in order
 */
public record MeasuredMigration(
        String status,
        boolean converged,
        String stopReason,
        long memoryBytes,
        long downtimeLimitMs,
        long maxBandwidthBytes,
        double migrationSeconds,
        double downtimeSeconds,
        double setupSeconds,
        long transferredBytes,
        long normalPages,
        long zeroPages,
        long syncs,
        double bandwidthMbps,
        String qemuVersion,
        List<Iteration> iterations) {
    public MeasuredMigration {
        iterations = List.copyOf(iterations);
    }

    /**
     * One pre-copy iteration: from one dirty-bitmap sync to the next (the last ends at completion).
     *
     * @param iteration        1-based; iteration 1 is the first full pass
     * @param startSeconds     when it started, seconds since the migration started
     * @param durationSeconds  how long it lasted
     * @param pendingPages     pages pending just after the sync that opened it ({@code ram.remaining} / page size);
     *                         for iteration 1 the whole memory
     * @param transferredBytes RAM bytes sent during it
     * @param normalPages      pages sent in full during it
     * @param zeroPages        zero pages sent during it
     * @param fromEvent        true if its start is a MIGRATION_PASS event's timestamp, false if read off a poll
     * @param fromPollAfterSync true if {@code pendingPages} was read off a poll while the migration was still active
     *                         after the sync (false for iteration 1, whose pending pages are the memory, and when the
     *                         next poll came only after the migration ended)
     */
    public record Iteration(
            int iteration,
            double startSeconds,
            double durationSeconds,
            long pendingPages,
            long transferredBytes,
            long normalPages,
            long zeroPages,
            boolean fromEvent,
            boolean fromPollAfterSync) {}

    /**
     * The columns of the run file: the lab's {@code data/qemu-lab/runs.csv} names where QMP gives the same figure
     * ({@code status} … {@code qemu_mbps}), then what only this record has.
     */
    public static final String RUN_HEADER =
            "status,total_time_ms,downtime_ms,setup_time_ms,transferred_bytes,normal_pages,duplicate_pages,"
                    + "dirty_sync_count,rounds,switchover_pages,qemu_mbps,memory_mib,downtime_limit_ms,max_bandwidth_bytes_s,converged,stop_reason,"
                    + "qemu_version,source";
    /** The columns of the rounds file: one row per interval between two dirty-bitmap syncs (the last to the end). */
    public static final String ROUNDS_HEADER =
            "round,phase,start_s,end_s,round_s,pending_start_pages,transferred_bytes,normal_pages,"
                    + "duplicate_pages,boundary";

    /**
     * The lab's status words: {@code completed}, {@code not-converged} (stopped at the timeout), {@code failed},
     * {@code cancelled}, or {@code interrupted} (the recorder stopped following it).
     */
    public String labStatus() {
        if (stopReason.startsWith("timeout")) return "not-converged";
        if (stopReason.equals("interrupted")) return "interrupted";
        return status;
    }

    /** Live pre-copy rounds: the syncs less the setup sync and, once completed, the completion sync. */
    public long rounds() {
        return Math.max(0, syncs - (converged ? 2 : 1));
    }

    /**
     * Pages pending just after the last live sync, read off the first poll after it while the migration was still
     * active; −1 when no poll saw it (the switch-over usually comes within one poll interval).
     */
    public long switchoverPages() {
        if (!converged || iterations.size() < 2) return -1;
        Iteration lastLive = iterations.get(iterations.size() - 2);
        return lastLive.fromPollAfterSync() ? lastLive.pendingPages() : -1;
    }

    /** The rounds file beside {@code runFile}: {@code run.csv} → {@code run.rounds.csv}. */
    public static Path roundsFile(Path runFile) {
        String n = runFile.getFileName().toString();
        String stem = n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
        return runFile.resolveSibling(stem + ".rounds.csv");
    }

    /** Writes the run file and its rounds file ({@link #roundsFile}), each atomically. */
    public void writeCsv(Path runFile) {
        List<String> run = List.of(
                RUN_HEADER,
                String.join(
                        ",",
                        labStatus(),
                        ms(migrationSeconds),
                        converged ? ms(downtimeSeconds) : "-1",
                        ms(setupSeconds),
                        Long.toString(transferredBytes),
                        Long.toString(normalPages),
                        Long.toString(zeroPages),
                        Long.toString(syncs),
                        Long.toString(rounds()),
                        Long.toString(switchoverPages()),
                        num(bandwidthMbps),
                        num(memoryBytes / 1048576.0),
                        Long.toString(downtimeLimitMs),
                        Long.toString(maxBandwidthBytes),
                        Boolean.toString(converged),
                        quote(stopReason),
                        qemuVersion,
                        "qmp"));
        List<String> rows = new ArrayList<>();
        rows.add(ROUNDS_HEADER);
        for (int i = 0; i < iterations.size(); i++) {
            Iteration it = iterations.get(i);
            boolean stopAndCopy = converged && i == iterations.size() - 1;
            rows.add(String.join(
                    ",",
                    Integer.toString(it.iteration()),
                    stopAndCopy ? "stop-and-copy" : "live",
                    num(it.startSeconds()),
                    num(it.startSeconds() + it.durationSeconds()),
                    num(it.durationSeconds()),
                    Long.toString(it.pendingPages()),
                    Long.toString(it.transferredBytes()),
                    Long.toString(it.normalPages()),
                    Long.toString(it.zeroPages()),
                    it.fromEvent() ? "event" : "poll"));
        }
        write(runFile, run);
        write(roundsFile(runFile), rows);
    }

    /**
     * Reads a run file written by {@link #writeCsv} (the totals; the rounds file is not needed).
     *
     * @throws io.livemig.TraceFormatException naming the file, the column and the value when a field is missing or wrong
     */
    public static MeasuredMigration readRun(Path runFile) {
        if (!Files.isRegularFile(runFile))
            throw new UncheckedIOException(new java.io.FileNotFoundException(runFile + ": no such measured-run file"));
        String[] h = RUN_HEADER.split(",");
        tech.tablesaw.api.Table t;
        try {
            tech.tablesaw.api.ColumnType[] types = new tech.tablesaw.api.ColumnType[h.length];
            java.util.Arrays.fill(types, tech.tablesaw.api.ColumnType.STRING);
            t = tech.tablesaw.api.Table.read()
                    .usingOptions(tech.tablesaw.io.csv.CsvReadOptions.builder(runFile.toFile())
                            .columnTypes(types)
                            .missingValueIndicator("\u0000"));
        } catch (RuntimeException e) {
            throw new io.livemig.TraceFormatException(
                    runFile,
                    "line 1",
                    -1,
                    "expected a measured-run CSV with the header " + RUN_HEADER + ": " + e.getMessage());
        }
        if (!java.util.Arrays.asList(h).equals(t.columnNames()) || t.rowCount() != 1) {
            throw new io.livemig.TraceFormatException(
                    runFile,
                    "line 1",
                    -1,
                    "expected the header " + RUN_HEADER + " and one row, got " + String.join(",", t.columnNames())
                            + " and " + t.rowCount() + " rows");
        }
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String k : h) v.put(k, t.stringColumn(k).get(0));
        java.util.function.ToDoubleFunction<String> num = k -> {
            try {
                return Double.parseDouble(v.get(k));
            } catch (NumberFormatException e) {
                throw new io.livemig.TraceFormatException(
                        runFile, "line 2", -1, "column " + k + ": expected a number, got '" + v.get(k) + "'");
            }
        };
        boolean converged = Boolean.parseBoolean(v.get("converged"));
        String status = v.get("status");
        String qemuStatus = status.equals("not-converged") || status.equals("interrupted") ? "active" : status;
        return new MeasuredMigration(
                qemuStatus,
                converged,
                v.get("stop_reason"),
                Math.round(num.applyAsDouble("memory_mib") * 1048576),
                (long) num.applyAsDouble("downtime_limit_ms"),
                (long) num.applyAsDouble("max_bandwidth_bytes_s"),
                converged ? num.applyAsDouble("total_time_ms") / 1000 : Double.NaN,
                converged ? num.applyAsDouble("downtime_ms") / 1000 : Double.NaN,
                num.applyAsDouble("setup_time_ms") / 1000,
                (long) num.applyAsDouble("transferred_bytes"),
                (long) num.applyAsDouble("normal_pages"),
                (long) num.applyAsDouble("duplicate_pages"),
                (long) num.applyAsDouble("dirty_sync_count"),
                v.get("qemu_mbps").isEmpty() ? Double.NaN : num.applyAsDouble("qemu_mbps"),
                v.get("qemu_version"),
                List.of());
    }

    private static void write(Path file, List<String> lines) {
        AtomicOutput.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String ms(double seconds) {
        return Double.isFinite(seconds) ? Long.toString(Math.round(seconds * 1000)) : "-1";
    }

    /** One line for a terminal. */
    public String summary() {
        if (!converged) {
            return String.format(
                    Locale.ROOT,
                    "migration %s (%s) after %d iterations, %.1f MiB sent",
                    status,
                    stopReason,
                    iterations.size(),
                    transferredBytes / 1048576.0);
        }
        return String.format(
                Locale.ROOT,
                "migration completed: %.3f s, downtime %.0f ms, %d iterations (%d syncs), %.1f MiB sent "
                        + "(%d normal, %d zero pages)",
                migrationSeconds,
                downtimeSeconds * 1000,
                iterations.size(),
                syncs,
                transferredBytes / 1048576.0,
                normalPages,
                zeroPages);
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) return "";
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
