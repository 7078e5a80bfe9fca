package io.livemig.profile;

import io.livemig.Check;
import java.util.Locale;

/**
 * How much of a VM's memory is not zero pages at migration start. QEMU sends a zero page as a 9-byte record
 * (docs/hypervisors.md §1.3), so a guest whose memory is mostly zero migrates far faster than its size suggests;
 * Xen sends every page in full. A page the guest dirties is taken to be non-zero from then on.
 *
 * <p>Either a page count or a fraction of memory, or {@link #allNonZero()} when nothing is known (the paper's
 * assumption: every page costs its full size).
 *
 * @param nonZeroPages    pages that are not zero, when given as a count; −1 otherwise
 * @param nonZeroFraction share of memory that is not zero, in [0, 1], when given as a fraction; −1 otherwise
 */
public record MemoryComposition(double nonZeroPages, double nonZeroFraction) {
    private static final MemoryComposition ALL = new MemoryComposition(-1, 1);

    /** @throws IllegalArgumentException unless exactly one of the two is given and it is in range */
    public MemoryComposition {
        boolean pages = nonZeroPages != -1, fraction = nonZeroFraction != -1;
        Check.that(
                pages != fraction,
                "memory composition: give either non-zero pages or a non-zero fraction; got pages " + nonZeroPages
                        + ", fraction " + nonZeroFraction);
        if (pages) Check.nonNegative("non-zero pages", nonZeroPages, "pages");
        if (fraction)
            Check.that(
                    nonZeroFraction >= 0 && nonZeroFraction <= 1,
                    "non-zero fraction must be in [0, 1], got " + nonZeroFraction);
    }

    /** Every page is non-zero: the paper's assumption, and the default. */
    public static MemoryComposition allNonZero() {
        return ALL;
    }

    public static MemoryComposition ofNonZeroPages(double pages) {
        return new MemoryComposition(pages, -1);
    }

    public static MemoryComposition ofNonZeroFraction(double fraction) {
        return new MemoryComposition(-1, fraction);
    }

    /**
     * Reads {@code 40%}, {@code 0.4} (a fraction when ≤ 1 and not an integer written with no point) or a page count
     * such as {@code 52000}.
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static MemoryComposition parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.endsWith("%"))
                return ofNonZeroFraction(
                        Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100);
            if (t.contains(".")) {
                double v = Double.parseDouble(t);
                Check.that(
                        v <= 1,
                        "non-zero '" + text
                                + "': a fraction must be at most 1; expected e.g. 0.4, 40% or a page count such as 52000");
                return ofNonZeroFraction(v);
            }
            return ofNonZeroPages(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("non-zero '" + text
                    + "': expected a page count such as 52000, a fraction such as 0.4 or a percentage such as 40%");
        }
    }

    /** True unless the memory is taken to be all non-zero. */
    public boolean hasZeroPages() {
        return !(nonZeroFraction == 1);
    }

    /**
     * This composition, checked against a memory: a page count larger than the memory is an error, not a cap.
     *
     * @param where what the memory belongs to, for the message (e.g. {@code vm 'web'})
     * @throws IllegalArgumentException if the non-zero page count exceeds {@code memoryPages}
     */
    public MemoryComposition checkFits(String where, double memoryPages) {
        if (nonZeroPages > memoryPages) {
            throw new IllegalArgumentException(where + ": non-zero pages (" + Check.format(nonZeroPages, "pages")
                    + ") must not exceed the memory (" + Check.format(memoryPages, "pages") + ")");
        }
        return this;
    }

    /** Non-zero pages in a memory of {@code memoryPages} pages, never more than the memory. */
    public double nonZeroPages(double memoryPages) {
        return Math.min(memoryPages, nonZeroPages >= 0 ? nonZeroPages : nonZeroFraction * memoryPages);
    }

    /** Zero pages in a memory of {@code memoryPages} pages. */
    public double zeroPages(double memoryPages) {
        return memoryPages - nonZeroPages(memoryPages);
    }

    @Override
    public String toString() {
        if (nonZeroPages >= 0) return String.format(Locale.ROOT, "%.0f non-zero pages", nonZeroPages);
        return String.format(Locale.ROOT, "%.1f%% non-zero", nonZeroFraction * 100);
    }
}
