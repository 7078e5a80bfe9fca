package io.livemig.model;

import io.livemig.Check;
import java.util.Arrays;

/**
 * Where the working set lies in guest memory, for the order QEMU's address cursor sends pages in
 * (docs/qemu-lab.md, "Send order"): the share of the working set's pages in each of a few equal address ranges of
 * memory, low to high. A D(T) does not say it; {@link QemuAccurateModel} then sends evenly from what is pending.
 *
 * @param shares the working set's share per address range, low to high; non-negative, summing to 1
 * @param zeroShares the share of memory's zero pages per range, the same ranges; null (the default) when unknown,
 *     then they are spread evenly over what the working set leaves of each range. Where they lie decides what QEMU's
 *     first pass leaves for the stop-and-copy at the top of memory (docs/qemu-lab.md, "A quiet host")
 */
public record WorkingSetPlacement(double[] shares, double[] zeroShares) {
    public WorkingSetPlacement {
        shares = checkedShares("shares", shares);
        if (zeroShares != null) {
            zeroShares = checkedShares("zeroShares", zeroShares);
            if (zeroShares.length != shares.length)
                throw new IllegalArgumentException(
                        "zeroShares must have the " + shares.length + " ranges of shares, got " + zeroShares.length);
        }
    }

    public WorkingSetPlacement(double[] shares) {
        this(shares, null);
    }

    private static double[] checkedShares(String name, double[] shares) {
        Check.notNull(name, shares);
        if (shares.length == 0) throw new IllegalArgumentException(name + " must name at least one range, got none");
        double sum = 0;
        for (double s : shares) {
            if (!(s >= 0)) throw new IllegalArgumentException(name + " must be >= 0, got " + s);
            sum += s;
        }
        if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException(name + " must sum to 1, got " + sum);
        return shares.clone();
    }

    /**
     * This placement with the zero pages where a measured guest had them: {@code nonZero} holds, in address order,
     * runs of {first page, pages} that are not zero (e.g. the lab's {@code nonzero.csv}); every other page is zero.
     */
    public WorkingSetPlacement withZeroPagesOutside(java.util.List<long[]> nonZero, long memoryPages) {
        Check.positive("memory pages", memoryPages, "");
        int ranges = shares.length;
        double[] z = new double[ranges];
        for (int i = 0; i < ranges; i++) z[i] = (double) ((i + 1) * memoryPages / ranges - i * memoryPages / ranges);
        for (long[] r : nonZero) {
            for (long p = Math.max(0, r[0]); p < Math.min(memoryPages, r[0] + r[1]); p++)
                z[(int) (p * ranges / memoryPages)] -= 1;
        }
        double sum = 0;
        for (double v : z) sum += v;
        if (!(sum > 0)) throw new IllegalArgumentException("nonZero covers all of memory: no zero page to place");
        for (int i = 0; i < ranges; i++) z[i] /= sum;
        return new WorkingSetPlacement(shares, z);
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
    public double[] shares() {
        return shares.clone();
    }

    @Override
    public double[] zeroShares() {
        return zeroShares == null ? null : zeroShares.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingSetPlacement w
                && Arrays.equals(shares, w.shares)
                && Arrays.equals(zeroShares, w.zeroShares);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shares) + Arrays.hashCode(zeroShares);
    }

    @Override
    public String toString() {
        return "WorkingSetPlacement" + Arrays.toString(shares)
                + (zeroShares == null ? "" : " zero pages " + Arrays.toString(zeroShares));
    }
}
