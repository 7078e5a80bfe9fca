package io.livemig.profile;

import io.livemig.Check;
import java.util.Arrays;

/**
 * D(T) that follows a measured unique-pages curve: the empirical D(n) of a trace (mean unique pages over windows of
 * n units, n = 1…N), made monotone, interpolated linearly between whole units, linear from 0 within the first unit
 * (a unit's pages are distinct), and beyond the last point a saturating extension towards M_w that keeps the last
 * slope at the join:
 * <pre>
 *   T ≤ u:        D = D(1)·T/u
 *   u ≤ T ≤ N·u:  linear between D(⌊T/u⌋) and D(⌈T/u⌉)
 *   T &gt; N·u:      D = M_w − (M_w − D_N)·exp(−g·(T − N·u)/(M_w − D_N)),  g = the last slope, pages/s
 * </pre>
 * It is monotone, capped by M_w and concave wherever the points are. Beside the paper's
 * {@link LinearDirtyProfile} (a straight line under this curve, 9–27 % low between 0.3 and 2 s on real traces),
 * this is what the QEMU-accurate model uses.
 *
 * @param unitSeconds   u, the length of one unit, seconds
 * @param pointsPages   D(n) for n = 1…N units, pages (made nondecreasing and capped by M_w)
 * @param mwPages       M_w, pages (at least the last point)
 * @param pageSizeBytes page size
 */
public record CurveDirtyProfile(double unitSeconds, double[] pointsPages, double mwPages, int pageSizeBytes)
        implements DirtyProfile {

    /** @throws IllegalArgumentException naming the parameter and its value */
    public CurveDirtyProfile {
        Check.positive("unit", unitSeconds, "s");
        Check.notNull("D(T) points", pointsPages);
        Check.that(pointsPages.length > 0, "D(T) curve needs at least one point (one unit), got none");
        Check.positive("M_w", mwPages, "pages");
        Check.positive("page size", pageSizeBytes, "B");
        double[] p = new double[pointsPages.length];
        double run = 0;
        for (int i = 0; i < p.length; i++) {
            Check.nonNegative("D(" + (i + 1) + " units)", pointsPages[i], "pages");
            run = Math.min(mwPages, Math.max(run, pointsPages[i]));
            p[i] = run;
        }
        Check.that(p[0] > 0, "D(1 unit) must be > 0 pages, got " + pointsPages[0] + " pages");
        pointsPages = p;
    }

    @Override
    public double[] pointsPages() {
        return pointsPages.clone();
    }

    /** The length the points cover, N·u seconds. */
    public double coveredSeconds() {
        return pointsPages.length * unitSeconds;
    }

    @Override
    public double dirtiedPages(double seconds) {
        if (!(seconds > 0)) return 0;
        double n = seconds / unitSeconds;
        int last = pointsPages.length;
        if (n <= 1) return pointsPages[0] * n;
        if (n <= last) {
            int lo = (int) Math.floor(n);
            if (lo >= last) return pointsPages[last - 1];
            double a = pointsPages[lo - 1], b = pointsPages[lo];
            return a + (b - a) * (n - lo);
        }
        double dN = pointsPages[last - 1];
        double room = mwPages - dN;
        if (room <= 0) return mwPages;
        double slope = lastSlopePagesPerSecond();
        if (slope <= 0) return dN;
        return mwPages - room * Math.exp(-slope * (seconds - coveredSeconds()) / room);
    }

    /** Pages per second between the last two points (the first point's rate when there is only one). */
    double lastSlopePagesPerSecond() {
        int last = pointsPages.length;
        double prev = last >= 2 ? pointsPages[last - 2] : 0;
        return (pointsPages[last - 1] - prev) / unitSeconds;
    }

    @Override
    public double mwPages() {
        return mwPages;
    }

    @Override
    public double sPages() {
        return pointsPages[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveDirtyProfile c
                && c.unitSeconds == unitSeconds
                && Arrays.equals(c.pointsPages, pointsPages)
                && c.mwPages == mwPages
                && c.pageSizeBytes == pageSizeBytes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pointsPages) * 31 + Double.hashCode(mwPages);
    }

    @Override
    public String toString() {
        return "CurveDirtyProfile[u=" + unitSeconds + " s, " + pointsPages.length + " points, D(u)=" + pointsPages[0]
                + ", D(" + coveredSeconds() + " s)=" + pointsPages[pointsPages.length - 1] + ", M_w=" + mwPages
                + " pages]";
    }
}
