package io.livemig.model;

import io.livemig.Check;
import java.util.Arrays;

/**
 * Where the working set lies in guest memory, for the order QEMU's address cursor sends pages in
 * (docs/qemu-lab.md, "Send order"): the share of the working set's pages in each of a few equal address ranges of
 * memory, low to high. A D(T) does not say it; {@link QemuAccurateModel} then sends evenly from what is pending.
 *
 * @param shares the working set's share per address range, low to high; non-negative, summing to 1
 */
public record WorkingSetPlacement(double[] shares) {
    public WorkingSetPlacement {
        Check.notNull("shares", shares);
        if (shares.length == 0) throw new IllegalArgumentException("shares must name at least one range, got none");
        double sum = 0;
        for (double s : shares) {
            if (!(s >= 0)) throw new IllegalArgumentException("shares must be >= 0, got " + s);
            sum += s;
        }
        if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException("shares must sum to 1, got " + sum);
        shares = shares.clone();
    }

    /**
     * The working set in one piece from {@code from} to {@code from + width} of memory (fractions, 0 ≤ from,
     * 0 &lt; width, from + width ≤ 1), spread evenly there: all a user needs to say is where it starts and how big it
     * is.
     */
    public static WorkingSetPlacement block(double from, double width, int ranges) {
        if (!(width > 0 && width <= 1)) throw new IllegalArgumentException("width must be in (0, 1], got " + width);
        if (!(from >= 0 && from + width <= 1 + 1e-12))
            throw new IllegalArgumentException("from must be in [0, 1 - width], got " + from + " with width " + width);
        Check.positive("ranges", ranges, "");
        double[] s = new double[ranges];
        double sum = 0;
        for (int i = 0; i < ranges; i++) {
            double lo = Math.max(from, (double) i / ranges), hi = Math.min(from + width, (i + 1.0) / ranges);
            s[i] = Math.max(0, hi - lo);
            sum += s[i];
        }
        for (int i = 0; i < ranges; i++) s[i] /= sum;
        return new WorkingSetPlacement(s);
    }

    /** The working set in the top {@code fraction} of memory (0 &lt; fraction ≤ 1), spread evenly there. */
    public static WorkingSetPlacement top(double fraction, int ranges) {
        return block(1 - fraction, fraction, ranges);
    }

    /** Where the working set lies on average: the mean address of its pages, as a fraction of memory. */
    public double meanAddress() {
        double pos = 0;
        for (int i = 0; i < shares.length; i++) pos += shares[i] * (i + 0.5) / shares.length;
        return pos;
    }

    /** The placement of pages at {@code frames} (any frame numbers below {@code memoryPages}) in {@code ranges}. */
    public static WorkingSetPlacement ofFrames(long[] frames, long memoryPages, int ranges) {
        Check.positive("ranges", ranges, "");
        if (frames.length == 0) throw new IllegalArgumentException("frames must hold at least one page, got none");
        double[] s = new double[ranges];
        for (long f : frames) {
            if (f < 0 || f >= memoryPages)
                throw new IllegalArgumentException(
                        "frames: frame " + f + " is outside memory of " + memoryPages + " pages");
            s[(int) (f * ranges / memoryPages)] += 1.0 / frames.length;
        }
        return new WorkingSetPlacement(s);
    }

    public int ranges() {
        return shares.length;
    }

    public double share(int range) {
        return shares[range];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingSetPlacement w && Arrays.equals(shares, w.shares);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shares);
    }

    @Override
    public String toString() {
        return "WorkingSetPlacement" + Arrays.toString(shares);
    }
}
