package io.livemig.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A lab plan: a CSV with the header {@value #HEADER} and one point per line ({@code #} starts a comment). Every bad
 * row is a one-line error naming the file, the line and the value.
 */
public final class LabPlan {
    public static final String HEADER =
            "shape,rate_pages_s,region_mib,memory_mib,link_mbit,downtime_limit_ms,repeat,seed,timeout_s";

    /**
     * The guest's memory sizes the lab can run, MiB: its kernel and initramfs boot in 96 (not in 64: the workload never
     * starts), and guest-physical addresses equal RAM offsets only below 3.5 GiB.
     */
    static final int MIN_MEMORY_MIB = 96, MAX_MEMORY_MIB = 3072;

    /** Refuses a memory size outside the lab's range, naming where it came from ({@code memory_mib}, {@code --memory}). */
    static void checkMemory(String name, int mib) {
        if (mib < MIN_MEMORY_MIB || mib > MAX_MEMORY_MIB)
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%s must be %d to %d MiB (the guest does not boot in less; guest-physical = RAM offset below"
                            + " 3.5 GiB), got %d",
                    name,
                    MIN_MEMORY_MIB,
                    MAX_MEMORY_MIB,
                    mib));
    }

    private LabPlan() {}

    /** One migration to run. {@link #id()} names it in the results; a repeat differs from another by its number only. */
    public record Point(
            WorkloadShape shape,
            int ratePagesPerSecond,
            int regionMiB,
            int memoryMiB,
            int linkMbit,
            int downtimeLimitMs,
            int repeat,
            long seed,
            int timeoutSeconds) {
        public Point {
            if (regionMiB * 2 > memoryMiB)
                throw new IllegalArgumentException(
                        "region_mib must be at most half of memory_mib (" + memoryMiB + "), got " + regionMiB);
        }

        public String id() {
            return String.format(
                    Locale.ROOT,
                    "%s-r%d-w%d-m%d-l%d-d%d-s%d-n%d",
                    shape.label(),
                    ratePagesPerSecond,
                    regionMiB,
                    memoryMiB,
                    linkMbit,
                    downtimeLimitMs,
                    seed,
                    repeat);
        }

        /** The point without its repeat number: the repeats of one configuration share it. */
        public String configuration() {
            return id().substring(0, id().lastIndexOf("-n"));
        }

        public long regionPages() {
            return regionMiB * 256L;
        }

        public long memoryPages() {
            return memoryMiB * 256L;
        }

        public String csv() {
            return String.join(
                    ",",
                    shape.label(),
                    Integer.toString(ratePagesPerSecond),
                    Integer.toString(regionMiB),
                    Integer.toString(memoryMiB),
                    Integer.toString(linkMbit),
                    Integer.toString(downtimeLimitMs),
                    Integer.toString(repeat),
                    Long.toString(seed),
                    Integer.toString(timeoutSeconds));
        }
    }

    /** Reads a plan; a bad row throws {@link IllegalArgumentException} with {@code file:line: what, got value}. */
    public static List<Point> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the plan: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static List<Point> parse(String name, List<String> lines) {
        List<Point> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = name + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (!header) {
                if (!line.equals(HEADER))
                    throw new IllegalArgumentException(where + ": expected the header " + HEADER + ", got " + line);
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9)
                throw new IllegalArgumentException(
                        where + ": expected 9 fields (" + HEADER + "), got " + f.length + ": " + line);
            Point p;
            try {
                p = new Point(
                        WorkloadShape.of(f[0].strip()),
                        positive(f[1], "rate_pages_s"),
                        positive(f[2], "region_mib"),
                        positive(f[3], "memory_mib"),
                        positive(f[4], "link_mbit"),
                        positive(f[5], "downtime_limit_ms"),
                        positive(f[6], "repeat"),
                        positive(f[7], "seed"),
                        positive(f[8], "timeout_s"));
                checkMemory("memory_mib", p.memoryMiB());
                long perUnit = Math.round(p.ratePagesPerSecond() * WorkloadShape.UNIT_SECONDS);
                long burst = p.shape() == WorkloadShape.BURSTY ? 4 * perUnit : perUnit;
                if (burst > p.regionPages())
                    throw new IllegalArgumentException(
                            "rate_pages_s writes " + burst + " pages in a unit, more than the region ("
                                    + p.regionPages() + " pages), got " + p.ratePagesPerSecond());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(p.id()))
                throw new IllegalArgumentException(where + ": the point " + p.id() + " is already in the plan");
            out.add(p);
        }
        if (!header) throw new IllegalArgumentException(name + ": empty plan; expected the header " + HEADER);
        return out;
    }

    private static int positive(String text, String column) {
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a whole number, got '" + text.strip() + "'");
        }
        if (v <= 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(column + " must be > 0, got " + v);
        return (int) v;
    }

    /**
     * The dataset's grid (data/qemu-lab/README.md): the four shapes × three link rates × two memory sizes × two
     * downtime limits, {@code repeats} each, ordered repeat by repeat so that a run cut short still covers every point.
     */
    public static List<Point> grid(int repeats) {
        List<Point> out = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            for (WorkloadShape shape : WorkloadShape.values()) {
                for (int mem : new int[] {256, 512}) {
                    for (int link : new int[] {200, 500, 1000}) {
                        for (int dl : new int[] {100, 300}) {
                            out.add(new Point(shape, shape.gridRate(), mem / 8, mem, link, dl, r, 1, 20));
                        }
                    }
                }
            }
        }
        return out;
    }
}
