package io.livemig.trace;

import io.livemig.Check;
import java.nio.file.Path;
import org.roaringbitmap.RoaringBitmap;

/**
 * A trace left on disk and read again from its start as often as a replay needs, one unit at a time: what the
 * simulator streams ({@code Simulator.simulate(TraceFile, …)}), so memory follows the VM's page count, not the trace's
 * length. Opening reads the file through once, holding one unit at a time: a damaged record fails there, as it would
 * when loading, and a pages CSV that does not give its memory size gets its largest page + 1, as
 * {@link Trace#load(TraceReader)} gives it.
 */
public final class TraceFile {
    private final Path path;
    private final TraceFormat format;
    private final TraceReaders readers;
    private final String name;
    private final TraceHeader header;
    private final boolean hasPages;
    private final int unitCount;
    private final long events;

    private TraceFile(Path path, TraceFormat format, TraceReaders readers) {
        this.path = path;
        this.format = format;
        this.readers = readers;
        try (TraceReader r = readers.open(path, format)) {
            this.name = Trace.stripExtension(r.name());
            this.hasPages = r.hasPages();
            // read through once: a damaged record fails here, as loading would, not minutes into a replay
            long max = -1, sum = 0;
            int n = 0;
            for (TraceReader.Unit u = r.next(); u != null; u = r.next()) {
                RoaringBitmap b = u.pages();
                if (b != null && !b.isEmpty()) max = Math.max(max, Integer.toUnsignedLong(b.last()));
                sum += u.dirtied();
                n++;
            }
            TraceHeader h = r.header();
            this.header = hasPages && !h.memoryKnown() ? h.withMemoryPages(Math.max(max + 1, 1)) : h;
            this.unitCount = n;
            this.events = sum;
        }
    }

    /** The trace at {@code path}, its format from the name; a CSV without metadata takes {@code readers}' defaults. */
    public static TraceFile of(Path path, TraceReaders readers) {
        Check.notNull("readers", readers);
        return new TraceFile(TraceReaders.requireFile(path), TraceFormat.of(path), readers);
    }

    /** The trace at {@code path} with the default unit and page size. */
    public static TraceFile of(Path path) {
        return of(path, Trace.read());
    }

    public Path path() {
        return path;
    }

    /** The name results carry: the file name without its extension, as for a loaded trace. */
    public String name() {
        return name;
    }

    /** The file's header, with the memory size found by reading when the file does not give it. */
    public TraceHeader header() {
        return header;
    }

    public boolean hasPages() {
        return hasPages;
    }

    /** Units in the file (when it was opened). */
    public int unitCount() {
        return unitCount;
    }

    /** Pages dirtied over all units, a page counted once per unit it is dirtied in. */
    public long events() {
        return events;
    }

    public long memoryPages() {
        return header.memoryPages();
    }

    /**
     * A new reader from the first unit, reporting {@link #header()}. Every unit's pages are checked against the
     * memory size (the file may have changed since it was opened).
     */
    public TraceReader open() {
        TraceReader r = readers.open(path, format);
        return new TraceReader() {
            @Override
            public TraceHeader header() {
                return header;
            }

            @Override
            public String name() {
                return r.name();
            }

            @Override
            public boolean hasPages() {
                return r.hasPages();
            }

            @Override
            public Unit next() {
                Unit u = r.next();
                if (u != null && u.pages() != null && !u.pages().isEmpty()) {
                    long last = Integer.toUnsignedLong(u.pages().last());
                    if (last >= header.memoryPages()) {
                        throw new IllegalArgumentException(name + ": unit " + u.index() + ": page " + last
                                + " beyond memory; expected pages < " + header.memoryPages());
                    }
                }
                return u;
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    @Override
    public String toString() {
        return "TraceFile[" + path.getFileName() + ", " + header.memoryPages() + " pages of " + header.pageSizeBytes()
                + " B, units of " + header.unitSeconds() * 1000 + " ms" + (hasPages ? "" : ", counts only") + "]";
    }
}
