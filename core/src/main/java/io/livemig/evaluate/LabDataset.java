package io.livemig.evaluate;

import io.livemig.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The QEMU lab's dataset: {@code runs.csv} (one {@link LabRun} per line, header {@link #HEADER}) and the workload
 * traces it names. The lab writes it, the comparison reads it; both go through this class.
 */
public final class LabDataset {
    public static final String RUNS = "runs.csv";
    /** Per run, the source's non-zero pages as runs (from 2026-11-30 on; {@link #nonZeroRuns}). */
    public static final String NONZERO = "nonzero.csv";

    public static final String HEADER =
            "id,shape,rate_pages_s,region_pages,memory_mib,link_mbit,downtime_limit_ms,repeat,seed,timeout_s,"
                    + "status,total_time_ms,downtime_ms,setup_time_ms,transferred_bytes,normal_pages,duplicate_pages,dirty_sync_count,rounds,"
                    + "switchover_pages,qemu_mbps,nonzero_pages,differing_pages,trace,frames,trace_phase,lag_mean_ms,lag_max_ms,displaced_units,boot_s,wall_s";
    private static final int FIELDS = HEADER.split(",").length;

    private final Path dir;
    private final List<LabRun> runs;
    private final Map<String, Trace> traces = new HashMap<>();

    private LabDataset(Path dir, List<LabRun> runs) {
        this.dir = dir;
        this.runs = runs;
    }

    /** Reads {@code dir/runs.csv}; a bad line is an error naming the file and line. */
    public static LabDataset read(Path dir) {
        Path file = dir.resolve(RUNS);
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException(
                    file + ": no such file; expected a lab dataset (`livemig lab run PLAN --out " + dir + "`)");
        return new LabDataset(dir, readRuns(file));
    }

    /** The runs of {@code file}, or none when it does not exist yet. */
    public static List<LabRun> readRuns(Path file) {
        if (!Files.exists(file)) return List.of();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ":1: expected the header " + HEADER + ", got "
                    + (lines.isEmpty() ? "an empty file" : lines.get(0)));
        }
        List<LabRun> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                out.add(parse(lines.get(i)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    public List<LabRun> runs() {
        return runs;
    }

    /** The trace a run names (read once per file). */
    public synchronized Trace trace(LabRun run) {
        return traces.computeIfAbsent(run.trace(), name -> Trace.read().lmt(dir.resolve(name)));
    }

    /**
     * Where a run's source had non-zero pages after the migration: runs of {first page, pages} in address order, from
     * {@code runs/ID/nonzero.csv}; empty for runs recorded before the lab wrote it (data/qemu-lab, data/qemu-lab-quiet).
     */
    public List<long[]> nonZeroRuns(LabRun run) {
        return readPageRuns(dir.resolve("runs").resolve(run.id()).resolve(NONZERO));
    }

    /**
     * Where a guest of {@code memoryMiB} had non-zero pages after its warm-up, measured apart from the runs (`livemig
     * lab baseline`, {@code baseline/m<MiB>-nonzero.csv}); empty when the dataset has none.
     */
    public List<long[]> baselineNonZeroRuns(int memoryMiB) {
        return readPageRuns(dir.resolve(baselineFile(memoryMiB)));
    }

    /** The dataset-relative file of the baseline non-zero map of a guest of {@code memoryMiB}. */
    public static String baselineFile(int memoryMiB) {
        return "baseline/m" + memoryMiB + "-nonzero.csv";
    }

    /** The dataset-relative file of the baseline boot's region frames (one line, as {@link LabRun#frames()}). */
    public static String baselineFramesFile(int memoryMiB) {
        return "baseline/m" + memoryMiB + "-frames.txt";
    }

    /** Where the baseline boot of a guest of {@code memoryMiB} had its workload's region; "" when not recorded. */
    public String baselineFrames(int memoryMiB) {
        Path file = dir.resolve(baselineFramesFile(memoryMiB));
        if (!Files.isRegularFile(file)) return "";
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<long[]> readPageRuns(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<long[]> out = new java.util.ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String[] f = lines.get(i).split(",");
                try {
                    if (f.length != 2) throw new NumberFormatException("expected first_page,pages");
                    out.add(new long[] {Long.parseLong(f[0].strip()), Long.parseLong(f[1].strip())});
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1)
                            + ": expected first_page,pages (whole numbers), got '" + lines.get(i) + "'");
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A run's rounds as {@code runs/ID/rounds.csv} holds them: round, end_s, round_s, pending_before_pages,
     * pending_after_pages, new_dirty_pages (fields as text, header dropped).
     */
    public List<String[]> rounds(LabRun run) {
        Path file = dir.resolve("runs").resolve(run.id()).resolve("rounds.csv");
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .map(l -> l.split(","))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static LabRun parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS) throw new IllegalArgumentException("expected " + FIELDS + " fields, got " + f.length);
        int i = 0;
        try {
            return new LabRun(
                    f[i++],
                    f[i++],
                    Integer.parseInt(f[i++]),
                    Long.parseLong(f[i++]),
                    Integer.parseInt(f[i++]),
                    Integer.parseInt(f[i++]),
                    Integer.parseInt(f[i++]),
                    Integer.parseInt(f[i++]),
                    Long.parseLong(f[i++]),
                    Integer.parseInt(f[i++]),
                    f[i++],
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    Integer.parseInt(f[i++]),
                    Long.parseLong(f[i++]),
                    Double.parseDouble(f[i++]),
                    Long.parseLong(f[i++]),
                    Long.parseLong(f[i++]),
                    f[i++],
                    f[i++],
                    Integer.parseInt(f[i++]),
                    Double.parseDouble(f[i++]),
                    Double.parseDouble(f[i++]),
                    Integer.parseInt(f[i++]),
                    Double.parseDouble(f[i++]),
                    Double.parseDouble(f[i++]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HEADER.split(",")[i - 1] + ": not a number: '" + f[i - 1] + "'");
        }
    }

    /** One line of {@code runs.csv}. */
    public static String format(LabRun r) {
        return String.join(
                ",",
                Arrays.asList(
                        r.id(),
                        r.shape(),
                        Integer.toString(r.ratePagesPerSecond()),
                        Long.toString(r.regionPages()),
                        Integer.toString(r.memoryMiB()),
                        Integer.toString(r.linkMbit()),
                        Integer.toString(r.downtimeLimitMs()),
                        Integer.toString(r.repeat()),
                        Long.toString(r.seed()),
                        Integer.toString(r.timeoutSeconds()),
                        r.status(),
                        Long.toString(r.totalTimeMs()),
                        Long.toString(r.downtimeMs()),
                        Long.toString(r.setupTimeMs()),
                        Long.toString(r.transferredBytes()),
                        Long.toString(r.normalPages()),
                        Long.toString(r.duplicatePages()),
                        Long.toString(r.dirtySyncCount()),
                        Integer.toString(r.rounds()),
                        Long.toString(r.switchoverPages()),
                        num(r.qemuMbps()),
                        Long.toString(r.nonZeroPages()),
                        Long.toString(r.differingPages()),
                        r.trace(),
                        r.frames(),
                        Integer.toString(r.tracePhase()),
                        num(r.lagMeanMs()),
                        num(r.lagMaxMs()),
                        Integer.toString(r.displacedUnits()),
                        num(r.bootSeconds()),
                        num(r.wallSeconds())));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
