package io.livemig.sim.reference;

import io.livemig.trace.Trace;
import java.util.SplittableRandom;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Replays a trace in simulated time into a dirty log (the hypervisor's log-dirty bitmap). A page of unit k gets a
 * time inside [k·u, (k + 1)·u): the unit's pages are shuffled with a seed and the j-th of n is dirtied at
 * (k + (j + h_j)/n)·u with h_j uniform in [0, 1). Units past the end of the trace replay it from its start (the trace
 * loops), so a migration longer than the trace sees the same behaviour again.
 */
final class DirtyClock {
    private final Trace trace;
    private final double unit;
    private final long seed;
    final long[] log;
    final long[] ever; // pages dirtied at least once (for zero pages); null when not needed
    private final int[] batch = new int[256];
    private long nextUnit; // first unit not yet fully applied
    private int applied; // pages of nextUnit already applied
    private int[] order; // shuffled pages of nextUnit, when it was partly applied
    private boolean paused;

    DirtyClock(Trace trace, long seed, boolean trackEver) {
        this.trace = trace;
        this.unit = trace.header().unitSeconds();
        this.seed = seed;
        this.log = Bits.create((int) trace.memoryPages());
        this.ever = trackEver ? Bits.create((int) trace.memoryPages()) : null;
    }

    private RoaringBitmap pagesOf(long k) {
        int n = trace.unitCount();
        return n == 0 ? new RoaringBitmap() : trace.unit((int) (k % n));
    }

    /** Dirtying stops (the VM is paused). */
    void pause() {
        paused = true;
    }

    /** Applies every dirtying before {@code seconds}. */
    void advanceTo(double seconds) {
        if (paused || trace.unitCount() == 0) return;
        double units = seconds / unit;
        long full = (long) Math.floor(units);
        while (nextUnit < full) {
            if (order == null) applyAll(pagesOf(nextUnit));
            else for (int i = applied; i < order.length; i++) mark(order[i]);
            nextUnit++;
            applied = 0;
            order = null;
        }
        double frac = units - full;
        if (frac <= 0) return;
        if (order == null) order = shuffled(nextUnit);
        int n = order.length;
        double x = frac * n;
        int j = (int) x;
        int c = j >= n ? n : j + (offset(nextUnit, j) < x - j ? 1 : 0);
        for (int i = applied; i < c; i++) mark(order[i]);
        if (c > applied) applied = c;
    }

    private void mark(int p) {
        log[p >>> 6] |= 1L << p;
        if (ever != null) ever[p >>> 6] |= 1L << p;
    }

    private void applyAll(RoaringBitmap b) {
        BatchIterator it = b.getBatchIterator();
        long[] l = log, e = ever;
        while (it.hasNext()) {
            int m = it.nextBatch(batch);
            for (int i = 0; i < m; i++) {
                int p = batch[i];
                l[p >>> 6] |= 1L << p;
            }
            if (e != null) for (int i = 0; i < m; i++) e[batch[i] >>> 6] |= 1L << batch[i];
        }
    }

    private int[] shuffled(long k) {
        int[] a = pagesOf(k).toArray();
        SplittableRandom r = new SplittableRandom(mix(seed ^ mix(k + 0x9E3779B97F4A7C15L)));
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private double offset(long k, int j) {
        return (mix(seed * 31 + k * 0x632BE59BD9B4E019L + j) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    boolean dirty(int p) {
        return (log[p >>> 6] & (1L << p)) != 0;
    }

    long dirtyCount() {
        return Bits.count(log);
    }

    void clearLog() {
        java.util.Arrays.fill(log, 0);
    }
}
