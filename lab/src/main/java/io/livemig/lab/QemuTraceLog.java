package io.livemig.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-iteration figures of one migration, from the source QEMU's trace events (the log backend with
 * {@code -msg timestamp=on}: {@code pid@seconds.micros:event args}). QEMU syncs the dirty bitmap when the pending
 * estimate drops below its threshold; a live sync is followed by {@code migrate_pending_exact}. So each live sync
 * ends a pre-copy round, and the pages it found newly dirty are pending_exact just after it minus
 * pending_estimate just before it (pages dirtied again while still pending are not counted twice by QEMU).
 * The counter in {@code migration_bitmap_sync_end} is cumulative over ≥ 1 s periods and is not used.
 */
final class QemuTraceLog {
    /** One pre-copy round, ended by a live sync. Times from the first (setup) sync, seconds; sizes in pages. */
    record Round(
            int number,
            double endSeconds,
            double seconds,
            long pendingBeforePages,
            long pendingAfterPages,
            long newDirtyPages) {}

    private static final Pattern LINE = Pattern.compile("^\\d+@(\\d+)\\.(\\d{6}):(\\w+)(.*)$");
    private static final Pattern SIZE = Pattern.compile("pending size (\\d+)");

    private QemuTraceLog() {}

    static List<Round> rounds(Path log, int pageSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(log + ": cannot read QEMU's trace log: " + e.getMessage(), e);
        }
        return rounds(lines, pageSize);
    }

    static List<Round> rounds(List<String> lines, int pageSize) {
        List<Round> out = new ArrayList<>();
        double start = Double.NaN, lastSync = Double.NaN, syncAt = Double.NaN;
        long estimate = -1;
        boolean inSync = false;
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) continue;
            double t = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) / 1e6;
            String event = m.group(3);
            switch (event) {
                case "migration_bitmap_sync_start" -> {
                    if (Double.isNaN(start)) {
                        start = t;
                        lastSync = t;
                    }
                    inSync = true;
                    syncAt = t;
                }
                case "migrate_pending_estimate" -> {
                    inSync = false;
                    estimate = size(line);
                }
                case "migrate_pending_exact" -> {
                    if (!inSync || Double.isNaN(start)) continue;
                    long exact = size(line);
                    long before = Math.max(0, estimate);
                    out.add(new Round(
                            out.size() + 1,
                            syncAt - start,
                            syncAt - lastSync,
                            before / pageSize,
                            exact / pageSize,
                            (exact - before) / pageSize));
                    lastSync = syncAt;
                    inSync = false;
                }
                default -> {}
            }
        }
        return out;
    }

    private static long size(String line) {
        Matcher m = SIZE.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
