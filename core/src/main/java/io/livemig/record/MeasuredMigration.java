package io.livemig.record;

import io.livemig.trace.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One real migration as {@link MigrationRecorder} saw it over QMP: the totals QEMU reports at the end and one row per
 * pre-copy iteration (between two dirty-bitmap syncs). The CSV layout is {@code docs/dirty-curve-format.md}
 * ("Measured-run record").
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
public record MeasuredMigration(String status, boolean converged, String stopReason, long memoryBytes, long downtimeLimitMs,
                                long maxBandwidthBytes, double migrationSeconds, double downtimeSeconds, double setupSeconds,
                                long transferredBytes, long normalPages, long zeroPages, long syncs, double bandwidthMbps,
                                String qemuVersion, List<Iteration> iterations) {
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
     */
    public record Iteration(int iteration, double startSeconds, double durationSeconds, long pendingPages, long transferredBytes,
                            long normalPages, long zeroPages, boolean fromEvent) {}

    /** The columns of the CSV, one header for both kinds of row. */
    public static final String HEADER = "row,iteration,start_s,duration_s,pending_pages,transferred_bytes,normal_pages,zero_pages,"
            + "status,converged,stop_reason,memory_bytes,downtime_limit_ms,max_bandwidth_bytes_s,migration_s,downtime_s,setup_s,"
            + "syncs,bandwidth_mbps,qemu_version,source";

    /** Writes the record as CSV (one {@code iteration} row each, then one {@code total} row), atomically. */
    public void writeCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Iteration it : iterations) {
            lines.add(String.join(",", "iteration", Integer.toString(it.iteration()), num(it.startSeconds()), num(it.durationSeconds()),
                    Long.toString(it.pendingPages()), Long.toString(it.transferredBytes()), Long.toString(it.normalPages()),
                    Long.toString(it.zeroPages()), "", "", "", "", "", "", "", "", "", "", "", "", it.fromEvent() ? "event" : "poll"));
        }
        lines.add(String.join(",", "total", Integer.toString(iterations.size()), "0", num(migrationSeconds), "",
                Long.toString(transferredBytes), Long.toString(normalPages), Long.toString(zeroPages), status, Boolean.toString(converged),
                quote(stopReason), Long.toString(memoryBytes), Long.toString(downtimeLimitMs), Long.toString(maxBandwidthBytes),
                num(migrationSeconds), num(downtimeSeconds), num(setupSeconds), Long.toString(syncs), num(bandwidthMbps), qemuVersion, "qmp"));
        AtomicOutput out = AtomicOutput.open(file);
        try {
            Files.write(out.temp(), lines, StandardCharsets.UTF_8);
            out.commit();
        } catch (IOException e) {
            out.abort();
            throw new UncheckedIOException(file.getFileName() + ": cannot write the measured run: " + e.getMessage(), e);
        }
    }

    /** One line for a terminal. */
    public String summary() {
        if (!converged) {
            return String.format(Locale.ROOT, "migration %s (%s) after %d iterations, %.1f MiB sent", status, stopReason,
                    iterations.size(), transferredBytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "migration completed: %.3f s, downtime %.0f ms, %d iterations (%d syncs), %.1f MiB sent "
                        + "(%d normal, %d zero pages)", migrationSeconds, downtimeSeconds * 1000, iterations.size(), syncs,
                transferredBytes / 1048576.0, normalPages, zeroPages);
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) return "";
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
