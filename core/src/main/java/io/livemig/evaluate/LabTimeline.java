package io.livemig.evaluate;

import io.livemig.Check;
import io.livemig.profile.DirtyTimeline;
import io.livemig.trace.Trace;
import org.roaringbitmap.RoaringBitmap;

/**
 * A lab run's workload over its migration: the trace's units from the phase the guest was in when the migration began,
 * looping the trace's period, as the simulator replays it ({@link LabComparison#physical}). Whole units count their
 * union; a unit the interval covers in part counts its pages in that part (a unit's writes are spread through it),
 * by inclusion–exclusion against the whole units between. Unions over every start unit and length up to one period
 * are counted once, when built.
 */
final class LabTimeline implements DirtyTimeline {
    private final double unit;
    private final int n, phase;
    private final long all;
    private final long[] size; // |unit k|
    // for start unit i (trace index) and whole-unit length len (0 … n): |W|, |unit(i−1) \ W|, |unit(i+len) \ W|,
    // |unit(i−1) ∩ unit(i+len) \ W|, W the union of units i … i+len−1
    private final long[][] w, firstOut, lastOut, bothOut;

    LabTimeline(Trace trace, int phase) {
        Check.that(trace.unitCount() > 0, trace.name() + ": a time line needs at least one unit");
        this.unit = trace.header().unitSeconds();
        this.n = trace.unitCount();
        this.phase = Math.floorMod(phase, n);
        this.size = new long[n];
        RoaringBitmap every = new RoaringBitmap();
        for (int k = 0; k < n; k++) {
            size[k] = trace.unit(k).getLongCardinality();
            every.or(trace.unit(k));
        }
        this.all = every.getLongCardinality();
        w = new long[n][n + 1];
        firstOut = new long[n][n + 1];
        lastOut = new long[n][n + 1];
        bothOut = new long[n][n + 1];
        for (int i = 0; i < n; i++) {
            RoaringBitmap first = trace.unit(Math.floorMod(i - 1, n)), union = new RoaringBitmap();
            for (int len = 0; len <= n; len++) {
                if (len > 0) union.or(trace.unit((i + len - 1) % n));
                RoaringBitmap last = trace.unit((i + len) % n);
                w[i][len] = union.getLongCardinality();
                firstOut[i][len] = first.getLongCardinality() - RoaringBitmap.andCardinality(first, union);
                lastOut[i][len] = last.getLongCardinality() - RoaringBitmap.andCardinality(last, union);
                RoaringBitmap both = RoaringBitmap.and(first, last);
                bothOut[i][len] = both.getLongCardinality() - RoaringBitmap.andCardinality(both, union);
            }
        }
    }

    @Override
    public double dirtiedPages(double fromSeconds, double toSeconds) {
        double x = Math.max(0, fromSeconds) / unit, y = Math.max(0, toSeconds) / unit;
        if (!(y > x)) return 0;
        long ka = (long) Math.floor(x), kb = (long) Math.floor(y);
        if (ka == kb) return (y - x) * size[index(ka)];
        long len = kb - ka - 1; // whole units between the two partial ones
        if (len >= n) return all;
        int i = index(ka + 1);
        int l = (int) len;
        double alpha = ka + 1 - x, beta = y - kb;
        return w[i][l] + alpha * firstOut[i][l] + beta * lastOut[i][l] - alpha * beta * bothOut[i][l];
    }

    private int index(long k) {
        return (int) ((phase + k) % n);
    }
}
