package io.livemig.trace;

import io.livemig.Check;

/**
 * What a trace says about itself: page size, memory size and the unit of time its page sets cover.
 *
 * @param pageSizeBytes page size, bytes (&gt; 0)
 * @param memoryPages   memory size in pages; 0 when the file does not say (a CSV without a metadata line)
 * @param unitSeconds   the length of one unit, seconds (&gt; 0); the paper logs a bitmap every 100 ms
 * @param nonZeroPages  pages of the memory that are not zero pages at the start, when the trace says
 *                      ({@code nonzero_pages=} in the CSV metadata line); −1 when it does not
 */
public record TraceHeader(int pageSizeBytes, long memoryPages, double unitSeconds, long nonZeroPages) {
    public static final double DEFAULT_UNIT_SECONDS = 0.1;

    /** A header that does not say which pages are zero. */
    public TraceHeader(int pageSizeBytes, long memoryPages, double unitSeconds) {
        this(pageSizeBytes, memoryPages, unitSeconds, -1);
    }

    public TraceHeader {
        Check.that(nonZeroPages >= -1, "non-zero pages must be >= 0 (or -1: unknown), got " + nonZeroPages + " pages");
        Check.that(
                nonZeroPages == -1 || memoryPages == 0 || nonZeroPages <= memoryPages,
                "non-zero pages must be at most the memory (" + memoryPages + " pages), got " + nonZeroPages
                        + " pages");
        Check.positive("page size", pageSizeBytes, "B");
        Check.that(memoryPages >= 0, "memory must be >= 0 pages, got " + memoryPages + " pages");
        Check.that(
                memoryPages <= Integer.MAX_VALUE,
                "memory must be at most " + Integer.MAX_VALUE + " pages, got " + memoryPages);
        Check.positive("unit", unitSeconds, "s");
    }

    public static TraceHeader of(long memoryPages) {
        return new TraceHeader(4096, memoryPages, DEFAULT_UNIT_SECONDS);
    }

    public boolean memoryKnown() {
        return memoryPages > 0;
    }

    public TraceHeader withMemoryPages(long pages) {
        return new TraceHeader(pageSizeBytes, pages, unitSeconds, nonZeroPages);
    }

    /** The same header saying how many pages are non-zero (−1: unknown). */
    public TraceHeader withNonZeroPages(long pages) {
        return new TraceHeader(pageSizeBytes, memoryPages, unitSeconds, pages);
    }

    public boolean nonZeroKnown() {
        return nonZeroPages >= 0;
    }

    /** Unit length in whole microseconds, as the binary format stores it. */
    public long unitMicros() {
        return Math.round(unitSeconds * 1e6);
    }

    /** The metadata comment line the CSV writers put first and the CSV readers understand. */
    String csvMetadata() {
        return "# livemig-trace unit_ms=" + (unitSeconds * 1000) + " page_size=" + pageSizeBytes
                + (memoryKnown() ? " memory_pages=" + memoryPages : "")
                + (nonZeroKnown() ? " nonzero_pages=" + nonZeroPages : "");
    }
}
