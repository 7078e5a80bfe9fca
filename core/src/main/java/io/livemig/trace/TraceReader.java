package io.livemig.trace;

import java.io.Closeable;
import org.roaringbitmap.RoaringBitmap;

/**
 * A trace read one unit at a time, so traces larger than memory can be fitted ({@link TraceFit#of(TraceReader)}).
 * Readers throw {@link io.livemig.TraceFormatException} naming the file and the line or frame; I/O failures are
 * wrapped in {@link java.io.UncheckedIOException}.
 */
public interface TraceReader extends Closeable {

    /** One unit: its 0-based index, its page set (null for a counts-only trace) and how many pages it dirtied. */
    record Unit(int index, RoaringBitmap pages, long dirtied) {}

    TraceHeader header();

    /** The file's name, for messages. */
    String name();

    /** False for a counts-only trace: {@link Unit#pages()} is then null. */
    boolean hasPages();

    /** The next unit, or null at the end. */
    Unit next();

    @Override
    void close();
}
