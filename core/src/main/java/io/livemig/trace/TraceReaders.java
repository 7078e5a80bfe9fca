package io.livemig.trace;

import io.livemig.Check;
import java.nio.file.Path;

/**
 * Tablesaw-style entry for reading traces: {@code Trace.read().lmt(path)}, {@code .csv(path)}, {@code .counts(path)},
 * {@code .file(path)} (format from the name). CSV files without a metadata line take the unit, page size and memory
 * given here ({@link #unitMillis}, {@link #pageSize}, {@link #memoryPages}).
 */
public final class TraceReaders {
    private final TraceHeader defaults;

    TraceReaders(TraceHeader defaults) {
        this.defaults = defaults;
    }

    public TraceReaders unitMillis(double ms) {
        Check.positive("unit", ms, "ms");
        return new TraceReaders(new TraceHeader(defaults.pageSizeBytes(), defaults.memoryPages(), ms / 1000));
    }

    public TraceReaders pageSize(int bytes) {
        return new TraceReaders(new TraceHeader(bytes, defaults.memoryPages(), defaults.unitSeconds()));
    }

    /** @throws IllegalArgumentException unless {@code pages} is &gt; 0 */
    public TraceReaders memoryPages(long pages) {
        Check.positive("memory", pages, "pages");
        return new TraceReaders(defaults.withMemoryPages(pages));
    }

    /** A binary {@code .lmt} trace, loaded into memory. */
    public Trace lmt(Path path) {
        return load(path, TraceFormat.LMT);
    }

    /** A {@code unit,page} CSV (plain or gzipped), loaded into memory. */
    public Trace csv(Path path) {
        return load(path, TraceFormat.PAGES_CSV);
    }

    /** A {@code unit,dirtied} counts CSV. */
    public Trace counts(Path path) {
        return load(path, TraceFormat.COUNTS_CSV);
    }

    /** Any format, chosen by {@link TraceFormat#of(Path)}. */
    public Trace file(Path path) {
        return load(path, TraceFormat.of(path));
    }

    public Trace load(Path path, TraceFormat format) {
        try (TraceReader r = open(path, format)) {
            return Trace.load(r);
        }
    }

    /**
     * The check every reader makes before opening: the path names an existing file, not a folder.
     *
     * @throws IllegalArgumentException "no such file" or "is a folder", with the path
     */
    public static Path requireFile(Path path) {
        Check.notNull("path", path);
        if (java.nio.file.Files.isDirectory(path))
            throw new IllegalArgumentException(path + ": is a folder; expected a trace file");
        if (!java.nio.file.Files.exists(path)) throw new IllegalArgumentException(path + ": no such file");
        return path;
    }

    /** A streaming reader of any format. */
    public TraceReader open(Path path, TraceFormat format) {
        requireFile(path);
        return switch (format) {
            case LMT -> new LmtTraceReader(path);
            case PAGES_CSV -> new CsvTraceReader(path, false, defaults);
            case COUNTS_CSV -> new CsvTraceReader(path, true, defaults);
        };
    }

    public TraceReader open(Path path) {
        return open(path, TraceFormat.of(path));
    }

    /** Fits a trace without loading it: memory stays one int per page of memory plus O(N²), whatever the length. */
    public TraceFit fit(Path path) {
        try (TraceReader r = open(path)) {
            return TraceFit.of(r);
        }
    }

    /** Streams {@code source} into {@code target} in {@code format}; the target appears only when complete. */
    public void convert(Path source, Path target, TraceFormat format) {
        AtomicOutput.refuseInputs(target, source);
        try (TraceReader r = open(source)) {
            TraceHeader h = r.header();
            if (format == TraceFormat.LMT && !r.hasPages()) {
                throw new IllegalArgumentException(
                        source.getFileName() + ": a counts-only trace has no page numbers; it converts only to counts");
            }
            if (format == TraceFormat.LMT && !h.memoryKnown()) {
                throw new IllegalArgumentException(source.getFileName()
                        + ": memory size unknown; give it with --memory-pages " + "(the binary format needs it)");
            }
            TraceWriter w = TraceWriter.open(format, target, h, source);
            try {
                for (TraceReader.Unit u = r.next(); u != null; u = r.next()) w.write(u.pages(), u.dirtied());
            } catch (RuntimeException e) {
                w.abort();
                throw e;
            }
            w.close();
        }
    }
}
