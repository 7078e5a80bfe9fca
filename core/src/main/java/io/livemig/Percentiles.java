package io.livemig;

import java.util.Arrays;

/** Percentiles as the dataset README defines them, for the validation and the simulator comparisons alike. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The nearest-rank (empirical-CDF) percentile: the value at sorted position ⌈q·n⌉ (1-based), which matches the
     * authors' {@code get_cdf.sh}. NaN values are left out; NaN when nothing is left.
     *
     * @param q the quantile in (0, 1], e.g. 0.9
     */
    public static double nearestRank(double[] values, double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("percentile: q must be in (0, 1], got " + q);
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(q * v.length - 1e-9);
        return v[Math.max(rank, 1) - 1];
    }
}
