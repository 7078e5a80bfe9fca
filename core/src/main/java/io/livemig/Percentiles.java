package io.livemig;

import java.util.concurrent.ThreadLocalRandom;

/** Percentiles as the dataset README defines them, for the validation and the simulator comparisons alike. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The nearest-rank (empirical-CDF) percentile: the value at sorted position ⌈q·n⌉ (1-based), which matches the
     * authors' {@code get_cdf.sh}. NaN values are left out; NaN when nothing is left. Values are ordered as
     * {@link Double#compare} orders them (infinities last), and the rank is found by selection, not by sorting: the
     * cross-validation asks for one percentile of a few hundred errors at every grid point.
     *
     * @param q the quantile in (0, 1], e.g. 0.9
     */
    public static double nearestRank(double[] values, double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("percentile: q must be in (0, 1], got " + q);
        double[] v = new double[values.length];
        int n = 0;
        for (double x : values) if (!Double.isNaN(x)) v[n++] = x;
        if (n == 0) return Double.NaN;
        return select(v, n, nearestRankIndex(n, q));
    }

    /**
     * Where {@link #nearestRank} reads: the 0-based position ⌈q·n⌉ − 1 in {@code n} sorted non-NaN values (0 when
     * that is below 0). For callers that keep values sorted and read many percentiles of subsets of them.
     *
     * @param n the number of non-NaN values, at least 1
     */
    public static int nearestRankIndex(int n, double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("percentile: q must be in (0, 1], got " + q);
        if (n < 1) throw new IllegalArgumentException("percentile: n must be at least 1, got " + n);
        return Math.max((int) Math.ceil(q * n - 1e-9), 1) - 1;
    }

    /**
     * Reorders {@code v[0..n)} so that its {@code top} largest values (in {@link Double#compare}'s order) end it in
     * ascending order, every value before them no larger: a sort of the part a high percentile reads.
     */
    public static void sortTop(double[] v, int n, int top) {
        if (top < 0 || top > n || n > v.length)
            throw new IllegalArgumentException(
                    "percentile: top must be in [0, n] and n at most " + v.length + ", got top " + top + ", n " + n);
        if (top == 0) return;
        if (top < n) select(v, n, n - top);
        java.util.Arrays.sort(v, n - top, n);
    }

    /**
     * The k-th smallest (0-based) of {@code v[0..n)}, reordering {@code v} so that no value before position k is
     * larger and none after it smaller: quickselect with random pivots.
     */
    private static double select(double[] v, int n, int k) {
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            double pivot = v[lo + ThreadLocalRandom.current().nextInt(hi - lo + 1)];
            // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                int c = Double.compare(v[i], pivot);
                if (c < 0) swap(v, lt++, i++);
                else if (c > 0) swap(v, i, gt--);
                else i++;
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return pivot;
        }
        return v[lo];
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
}
