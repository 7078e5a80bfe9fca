package io.livemig.profile;

import io.livemig.Check;
import java.util.Arrays;

/**
 * The paper's dirty-page model with an interval-dependent S_new (docs/model.md §2.2, code-faithful to
 * {@code predict-new.c}):
 * <pre>
 *   n = T/u
 *   D(T) = min(M_w, S·n)                          if n &lt; 1
 *   D(T) = min(M_w, S + (n − 1)·S_new[k])         otherwise, k = min(⌊T / step⌋, len − 1)
 * </pre>
 * S and S_new are pages per unit u; {@code sNewPages[k]} applies to intervals of k·step to (k+1)·step seconds
 * (the paper: step = 1 s, ten values). A single value means S_new does not depend on T.
 *
 * @param unitSeconds    u, the unit of time, seconds (&gt; 0)
 * @param sPages         S, unique pages dirtied in one unit (&gt; 0)
 * @param sNewPages      S_new^T, new pages per further unit, one per step of interval length (each ≥ 0)
 * @param sNewStepSeconds the width of one S_new^T step, seconds (&gt; 0)
 * @param mwPages        M_w, the cap on D(T), pages (≥ S)
 * @param pageSizeBytes  page size
 */
public record LinearDirtyProfile(
        double unitSeconds,
        double sPages,
        double[] sNewPages,
        double sNewStepSeconds,
        double mwPages,
        int pageSizeBytes)
        implements DirtyProfile {

    /** @throws IllegalArgumentException naming the parameter and its value */
    public LinearDirtyProfile {
        Check.positive("unit", unitSeconds, "s");
        Check.positive("S", sPages, "pages");
        Check.notNull("S_new", sNewPages);
        Check.that(sNewPages.length > 0, "S_new must have at least one value, got none");
        for (int i = 0; i < sNewPages.length; i++) Check.nonNegative("S_new[" + i + "]", sNewPages[i], "pages");
        Check.positive("S_new step", sNewStepSeconds, "s");
        Check.positive("M_w", mwPages, "pages");
        // a unit's dirty set is part of the writable working set, so S ≤ M_w for any real trace
        Check.that(
                mwPages >= sPages,
                "M_w (" + Check.format(mwPages, "pages") + ") must be at least S (" + Check.format(sPages, "pages")
                        + "), the pages dirtied in one unit");
        Check.positive("page size", pageSizeBytes, "B");
        sNewPages = sNewPages.clone();
    }

    /** The paper's profile: u = 100 ms, S_new steps of 1 s, 4 KiB pages. */
    public static LinearDirtyProfile paper(double sPages, double[] sNewPages, double mwPages) {
        return new LinearDirtyProfile(0.1, sPages, sNewPages, 1.0, mwPages, DEFAULT_PAGE_SIZE);
    }

    @Override
    public double[] sNewPages() {
        return sNewPages.clone();
    }

    /** S_new for an interval of {@code seconds}. */
    public double sNewFor(double seconds) {
        int k = (int) Math.min(Math.floor(seconds / sNewStepSeconds), sNewPages.length - 1);
        return sNewPages[Math.max(k, 0)];
    }

    @Override
    public double dirtiedPages(double seconds) {
        if (!(seconds > 0)) return 0;
        double n = seconds / unitSeconds;
        double d = n < 1 ? sPages * n : sPages + (n - 1) * sNewFor(seconds);
        return Math.min(d, mwPages);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearDirtyProfile p
                && p.unitSeconds == unitSeconds
                && p.sPages == sPages
                && Arrays.equals(p.sNewPages, sNewPages)
                && p.sNewStepSeconds == sNewStepSeconds
                && p.mwPages == mwPages
                && p.pageSizeBytes == pageSizeBytes;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(sPages) * 31 + Arrays.hashCode(sNewPages) * 17 + Double.hashCode(mwPages);
    }

    @Override
    public String toString() {
        return "LinearDirtyProfile[u=" + unitSeconds + " s, S=" + sPages + ", S_new=" + Arrays.toString(sNewPages)
                + ", M_w=" + mwPages + " pages]";
    }
}
