package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * A dirty-page trace held in memory: per unit of time, the set of pages dirtied (a RoaringBitmap), or for a
 * counts-only trace just how many. Read one with {@code Trace.read().lmt(path)} (or {@code .csv(path)},
 * {@code .counts(path)}, {@code .file(path)}); traces larger than memory are fitted without loading them, with
 * {@code Trace.read().fit(path)}.
 */
public final class Trace {
    private final String name;
    private final TraceHeader header;
    private final List<RoaringBitmap> units; // null for counts-only
    private final long[] counts;
    private TraceFit fit;

    private Trace(String name, TraceHeader header, List<RoaringBitmap> units, long[] counts) {
        this.name = name;
        this.header = header;
        this.units = units;
        this.counts = counts;
    }

    /** A trace of page sets; pages must lie below the header's memory (when known). */
    public static Trace ofPages(String name, TraceHeader header, List<RoaringBitmap> units) {
        Check.notNull("name", name);
        Check.notNull("header", header);
        Check.notNull("units", units);
        long[] c = new long[units.size()];
        long maxPage = -1;
        for (int i = 0; i < c.length; i++) {
            RoaringBitmap b = Check.notNull("unit " + i, units.get(i));
            c[i] = b.getLongCardinality();
            if (!b.isEmpty()) maxPage = Math.max(maxPage, Integer.toUnsignedLong(b.last()));
        }
        if (header.memoryKnown()) {
            Check.that(
                    maxPage < header.memoryPages(),
                    name + ": page " + maxPage + " beyond memory; expected pages < " + header.memoryPages());
        } else {
            header = header.withMemoryPages(Math.max(maxPage + 1, 1));
        }
        return new Trace(name, header, List.copyOf(units), c);
    }

    /** A counts-only trace: pages dirtied per unit, no page numbers. */
    public static Trace ofCounts(String name, TraceHeader header, long[] dirtiedPerUnit) {
        Check.notNull("counts", dirtiedPerUnit);
        for (int i = 0; i < dirtiedPerUnit.length; i++)
            Check.that(dirtiedPerUnit[i] >= 0, "unit " + i + ": dirtied must be >= 0, got " + dirtiedPerUnit[i]);
        return new Trace(name, header, null, dirtiedPerUnit.clone());
    }

    /** Reads everything a reader yields into memory. */
    public static Trace load(TraceReader reader) {
        List<RoaringBitmap> list = reader.hasPages() ? new ArrayList<>() : null;
        long[] c = new long[64];
        int n = 0;
        for (TraceReader.Unit u = reader.next(); u != null; u = reader.next()) {
            if (n == c.length) c = Arrays.copyOf(c, n * 2);
            c[n++] = u.dirtied();
            if (list != null) list.add(u.pages());
        }
        String name = stripExtension(reader.name());
        return list != null
                ? ofPages(name, reader.header(), list)
                : ofCounts(name, reader.header(), Arrays.copyOf(c, n));
    }

    /** The entry point for reading: {@code Trace.read().lmt(path)}. */
    public static TraceReaders read() {
        return new TraceReaders(TraceHeader.of(0));
    }

    static String stripExtension(String file) {
        String n = file;
        for (String ext : new String[] {".gz", ".csv", ".counts", ".lmt"})
            if (n.endsWith(ext)) n = n.substring(0, n.length() - ext.length());
        return n;
    }

    public String name() {
        return name;
    }

    public TraceHeader header() {
        return header;
    }

    public boolean hasPages() {
        return units != null;
    }

    public int unitCount() {
        return counts.length;
    }

    public double durationSeconds() {
        return counts.length * header.unitSeconds();
    }

    public long memoryPages() {
        return header.memoryPages();
    }

    /** Pages dirtied in unit {@code k} (a shared bitmap: do not modify). */
    public RoaringBitmap unit(int k) {
        if (units == null) {
            throw new LivemigException(
                    name + ": page sets need page numbers; this is a counts-only trace (unit,dirtied)");
        }
        return units.get(k);
    }

    public long dirtied(int k) {
        return counts[k];
    }

    public long events() {
        return Arrays.stream(counts).sum();
    }

    /** Reads this trace again, unit by unit. */
    public TraceReader reader() {
        return new TraceReader() {
            int k;

            @Override
            public TraceHeader header() {
                return header;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean hasPages() {
                return units != null;
            }

            @Override
            public Unit next() {
                if (k >= counts.length) return null;
                int i = k++;
                return new Unit(i, units == null ? null : units.get(i), counts[i]);
            }

            @Override
            public void close() {}
        };
    }

    /** S, S_new^T, M_w and the empirical D(T), computed once. */
    public synchronized TraceFit fit() {
        if (fit == null) fit = TraceFit.of(this);
        return fit;
    }

    /** The fitted dirty profile (docs/model.md §2.2–2.3). */
    public LinearDirtyProfile profile() {
        return fit().profile();
    }

    /**
     * The same trace saying that {@code pages} pages of its memory are not zero at the start (−1: unknown). The
     * simulator then takes the others as zero pages, chosen among the pages the trace never dirties.
     */
    public Trace withNonZeroPages(long pages) {
        return new Trace(name, header.withNonZeroPages(pages), units, counts);
    }

    /** The D(T) that follows this trace's empirical unique-pages curve ({@link TraceFit#curveProfile()}). */
    public io.livemig.profile.CurveDirtyProfile curveProfile() {
        return fit().curveProfile();
    }

    /** The memory the trace covers, at its page size. */
    public DataSize memorySize() {
        return DataSize.ofBytes(memoryPages() * header.pageSizeBytes());
    }

    /** The VM the paper's model reads from this trace: its memory and linear D(T), every page non-zero. */
    public Vm paperVm() {
        return Vm.of(name, memorySize(), profile());
    }

    /**
     * The VM the QEMU-accurate model reads: the curve D(T) and the memory composition the header gives (all pages
     * non-zero when it gives none).
     */
    public Vm accurateVm() {
        return Vm.of(name, memorySize(), curveProfile()).withComposition(fit().composition());
    }

    /** The same trace with another name. */
    public Trace withName(String newName) {
        return new Trace(newName, header, units, counts);
    }

    /** The same pages with another memory size (must cover every page). */
    public Trace withMemoryPages(long pages) {
        return units == null
                ? new Trace(name, header.withMemoryPages(pages), null, counts)
                : ofPages(name, header.withMemoryPages(pages), units);
    }

    /** Writes the trace in {@code format} through a temporary file and a rename. */
    public void write(TraceFormat format, Path target) {
        TraceWriter w = TraceWriter.open(format, target, header);
        try {
            for (int k = 0; k < counts.length; k++) w.write(units == null ? null : units.get(k), counts[k]);
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        w.close();
    }

    /** Columns of {@link #summary()}: the contract with the DSL's charts and the command line. */
    public static final String UNIT = "unit",
            TIME_S = "time_s",
            DIRTIED = "dirtied",
            NEW_SINCE_START = "new_since_start",
            CUMULATIVE_UNIQUE = "cumulative_unique";

    /**
     * The per-unit summary: unit, time_s (start of the unit), dirtied, new_since_start (pages never dirtied in an
     * earlier unit), cumulative_unique.
     */
    public Table summary() {
        Table t = Table.create(
                name + " · per unit",
                IntColumn.create(UNIT),
                DoubleColumn.create(TIME_S),
                LongColumn.create(DIRTIED),
                LongColumn.create(NEW_SINCE_START),
                LongColumn.create(CUMULATIVE_UNIQUE));
        RoaringBitmap seen = new RoaringBitmap();
        for (int k = 0; k < counts.length; k++) {
            t.intColumn(UNIT).append(k);
            t.doubleColumn(TIME_S).append(k * header.unitSeconds());
            t.longColumn(DIRTIED).append(counts[k]);
            if (units != null) {
                RoaringBitmap b = units.get(k);
                long before = seen.getLongCardinality();
                seen.or(b);
                long after = seen.getLongCardinality();
                t.longColumn(NEW_SINCE_START).append(after - before);
                t.longColumn(CUMULATIVE_UNIQUE).append(after);
            } else {
                t.longColumn(NEW_SINCE_START).appendMissing();
                t.longColumn(CUMULATIVE_UNIQUE).appendMissing();
            }
        }
        return t;
    }

    /** The empirical D(T) curve (mean unique pages over windows of T) beside the fitted profile's D(T). */
    public Table dirtyCurve() {
        return fit().curveTable();
    }

    /** The fitted profile as a table: S, S_new^T per window, M_w. */
    public Table profileTable() {
        return fit().toTable();
    }

    @Override
    public String toString() {
        return "Trace[" + name + ": " + counts.length + " units of " + header.unitSeconds() * 1000 + " ms, "
                + header.memoryPages() + " pages of " + header.pageSizeBytes() + " B"
                + (units == null ? ", counts only" : "") + "]";
    }
}
