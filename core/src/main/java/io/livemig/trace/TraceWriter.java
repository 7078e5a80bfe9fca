package io.livemig.trace;

import java.io.Closeable;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes a trace unit by unit to a temporary file; {@link #close()} renames it onto the target, {@link #abort()}
 * deletes it. Nothing is ever half-written under the target's name.
 */
public interface TraceWriter extends Closeable {
    /** Appends the next unit; {@code pages} may be null only for a counts writer, which then uses {@code dirtied}. */
    void write(RoaringBitmap pages, long dirtied);

    default void write(RoaringBitmap pages) {
        write(pages, pages.getCardinality());
    }

    /** Discards everything written; the target is left as it was. */
    void abort();

    /** Finishes the file and moves it onto the target. */
    @Override
    void close();

    /**
     * Opens a writer of {@code format} at {@code target} ({@link AtomicOutput}: a symbolic link is followed, the
     * permissions of a replaced file kept).
     *
     * @param inputs files the target must not be (the trace being converted, a parameter file): refused up front
     */
    static TraceWriter open(
            TraceFormat format, java.nio.file.Path target, TraceHeader header, java.nio.file.Path... inputs) {
        return switch (format) {
            case LMT -> new LmtTraceWriter(target, header, inputs);
            case PAGES_CSV -> new CsvTraceWriter(target, header, false, inputs);
            case COUNTS_CSV -> new CsvTraceWriter(target, header, true, inputs);
        };
    }
}
