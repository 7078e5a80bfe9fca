package io.livemig.trace;

import io.livemig.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Seeded synthetic traces: the shapes of {@link Workload}, and twins of measured workloads ({@link #twin}).
 * The same arguments and seed always give the same trace.
 */
public final class TraceGenerator {
    /** The seed of the twins {@code simulate --compare --twins} replays (the figures in README.md were made with it). */
    public static final long COMPARE_TWIN_SEED = 42;

    /** A twin never has more events than this, so tests and the comparison report stay quick. */
    public static final long TWIN_EVENT_BUDGET = 6_000_000L;

    static final int TWIN_MIN_UNITS = 150;

    private TraceGenerator() {}

    /** {@code units} units of {@code workload} in a memory of {@code header.memoryPages()} pages. */
    public static Trace generate(String name, Workload workload, TraceHeader header, int units, long seed) {
        List<RoaringBitmap> list = new ArrayList<>(Math.max(0, units));
        generate(workload, header, units, seed, list::add);
        return Trace.ofPages(name, header, list);
    }

    /**
     * The same units as {@link #generate(String, Workload, TraceHeader, int, long)}, handed to {@code sink} one at a
     * time (e.g. a {@link TraceWriter}'s {@code write}), so memory does not grow with the number of units.
     */
    public static void generate(
            Workload workload, TraceHeader header, int units, long seed, Consumer<RoaringBitmap> sink) {
        Check.notNull("workload", workload);
        Check.that(header.memoryKnown(), "memory must be given for a synthetic trace, got 0 pages");
        Check.that(
                workload.pagesNeeded() <= header.memoryPages(),
                workload.name() + " needs " + workload.pagesNeeded() + " pages, memory has " + header.memoryPages()
                        + " pages");
        Check.that(units >= 0, "units must be >= 0, got " + units);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < units; k++) {
            RoaringBitmap b = workload.unit(k, header.memoryPages(), rng);
            b.runOptimize();
            sink.accept(b);
        }
    }

    /** Streams {@link #generate} into {@code target} (atomically: on failure the target is left as it was). */
    public static void write(
            Workload workload, TraceHeader header, int units, long seed, TraceFormat format, Path target) {
        TraceWriter w = TraceWriter.open(format, target, header);
        try {
            generate(workload, header, units, seed, w::write);
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        w.close();
    }

    /**
     * A trace whose fitted S, S_new^T and M_w reproduce {@code target.achievable()} (docs/model.md §2.3), at 100 ms
     * units and 4 KiB pages.
     *
     * <p>How: a stationary renewal process. Every dirtying of a page draws the gap g (in units) until that page is
     * dirtied again, from a distribution with P(G &gt; t) = (D(t + 1) − D(t))/S, where D is the target's piecewise-
     * linear union curve through D(1) = S and D(n_k) = S + (n_k − 1)·S_new[k]; for a stationary process the mean
     * number of pages of a unit not dirtied in the previous t units is exactly S·P(G &gt; t), so the fitted S_new
     * follow. Pages that never return (P(G = ∞) = the last slope / S) are replaced by fresh pages, and when more
     * pages return in a unit than S, the surplus waits one unit, which keeps |B_k| ≈ S. A warm-up of 100 units is discarded. The length is the one at which the union reaches M_w
     * (at least {@value #TWIN_MIN_UNITS} units, at most {@link #TWIN_EVENT_BUDGET} events); when that length is cut
     * short, the missing pages of M_w are dirtied once, in unit 0, which changes M_w and barely S
     * (burst / units) and leaves every S_new untouched, since a page dirtied only at a window's first unit is never
     * new inside any window.
     */
    public static Trace twin(TwinTarget target, long seed) {
        TwinTarget t = target.achievable();
        Gaps gaps = Gaps.of(t, 100);
        int units = twinUnits(t, gaps);
        Renewal r = new Renewal(t, gaps, new SplittableRandom(seed));
        List<RoaringBitmap> out = new ArrayList<>(units);
        for (int k = 0; k < gaps.maxGap() + units; k++) { // the first maxGap units are a warm-up
            RoaringBitmap unit = r.unit(k, k < gaps.maxGap());
            if (unit != null) out.add(unit);
        }
        r.dirtyMissingPagesOfMw(out, t.mwPages());
        for (RoaringBitmap b : out) b.runOptimize();
        return Trace.ofPages(target.name(), new TraceHeader(4096, r.memory, 0.1), out);
    }

    /**
     * The renewal process's gap distribution: the piecewise-linear target union curve {@code dAt[n]} (n = 1..maxGap),
     * {@code cdf[g]} = P(G ≤ g) for g = 1..maxGap, and the share of pages that never return.
     */
    private record Gaps(int maxGap, double[] dAt, double[] cdf, double pNever) {
        static Gaps of(TwinTarget t, int maxGap) {
            double s = t.sPages();
            double[] dAt = new double[maxGap + 1];
            double[] targetD = t.targetD();
            dAt[1] = s;
            int prevN = 1;
            double prevD = s;
            for (int k = 0; k < targetD.length; k++) {
                int n = TwinTarget.windowUnits(k);
                for (int x = prevN + 1; x <= n; x++) dAt[x] = prevD + (targetD[k] - prevD) * (x - prevN) / (n - prevN);
                prevN = n;
                prevD = targetD[k];
            }
            // survival[g] = P(G > g), g = 0..maxGap; beyond, the never-returning share
            double[] survival = new double[maxGap + 1];
            survival[0] = 1;
            for (int g = 1; g < maxGap; g++)
                survival[g] = Math.min(survival[g - 1], Math.max(0, (dAt[g + 1] - dAt[g]) / s));
            survival[maxGap] = survival[maxGap - 1];
            double[] cdf = new double[maxGap + 1];
            for (int g = 1; g <= maxGap; g++) cdf[g] = 1 - survival[g];
            return new Gaps(maxGap, dAt, cdf, survival[maxGap]);
        }
    }

    /** The twin's length: until the union reaches M_w, within the event budget (see {@link #twin}). */
    private static int twinUnits(TwinTarget t, Gaps gaps) {
        double s = t.sPages();
        int maxGap = gaps.maxGap();
        // the union grows by about S·pNever per unit after maxGap units
        double growth = s * gaps.pNever();
        double lNeeded = growth > 0 ? maxGap + (t.mwPages() - gaps.dAt()[maxGap]) / growth : Double.POSITIVE_INFINITY;
        long maxUnits = Math.max(TWIN_MIN_UNITS, TWIN_EVENT_BUDGET / Math.max(1, (long) s));
        if (!(lNeeded <= maxUnits)) {
            // the union cannot reach M_w in time: long enough that the unit-0 burst moves S by at most 1 %
            lNeeded = Math.max(TWIN_MIN_UNITS, (t.mwPages() - gaps.dAt()[maxGap]) / (0.01 * s));
        }
        return (int) Math.max(TWIN_MIN_UNITS, Math.min(maxUnits, Math.ceil(lNeeded)));
    }

    /** The state of the renewal process: fresh pages, pages that died in the warm-up, and the return calendar. */
    private static final class Renewal {
        final TwinTarget t;
        final Gaps gaps;
        final SplittableRandom rng;
        final int memory, perUnit;
        final int[] pool; // fresh pages in random order
        int poolHead;
        final int[] recycled; // pages that died in the warm-up, reusable once fresh runs out
        int recHead, recTail;
        final int[][] calendar; // pages due to return, by unit modulo maxGap + 1
        final int[] calSize;
        int[] cur;

        Renewal(TwinTarget t, Gaps gaps, SplittableRandom rng) {
            this.t = t;
            this.gaps = gaps;
            this.rng = rng;
            this.memory = (int) t.memoryPages();
            this.perUnit = (int) Math.round(t.sPages());
            this.pool = new int[memory];
            for (int i = 0; i < memory; i++) pool[i] = i;
            for (int i = memory - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = pool[i];
                pool[i] = pool[j];
                pool[j] = x;
            }
            this.recycled = new int[memory];
            int slots = gaps.maxGap() + 1;
            this.calendar = new int[slots][];
            this.calSize = new int[slots];
            for (int i = 0; i < slots; i++) calendar[i] = new int[64];
            this.cur = new int[Math.max(64, perUnit * 2)];
        }

        /** Unit k: the pages returning now, topped up with fresh ones to S; null during the warm-up. */
        RoaringBitmap unit(int k, boolean warmup) {
            int maxGap = gaps.maxGap();
            int slot = k % (maxGap + 1);
            int n = calSize[slot];
            if (cur.length < Math.max(n, perUnit)) cur = new int[Math.max(n, perUnit) * 2];
            System.arraycopy(calendar[slot], 0, cur, 0, n);
            calSize[slot] = 0;
            int need = perUnit - n;
            for (int i = 0; i < need; i++) {
                int p;
                if (poolHead < memory) p = pool[poolHead++];
                else if (recHead < recTail) p = recycled[recHead++];
                else
                    throw new IllegalStateException(
                            t.name() + ": memory (" + memory + " pages) too small for this twin");
                cur[n++] = p;
            }
            if (n > perUnit) { // more returns than S: the surplus waits one unit
                int nextSlot = (k + 1) % (maxGap + 1);
                for (int i = perUnit; i < n; i++) schedule(nextSlot, cur[i]);
                n = perUnit;
            }
            double[] cdf = gaps.cdf();
            for (int i = 0; i < n; i++) {
                int p = cur[i];
                double u = rng.nextDouble();
                if (u >= cdf[maxGap]) { // never again
                    if (warmup) recycled[recTail++] = p;
                    continue;
                }
                int g = Arrays.binarySearch(cdf, 1, maxGap + 1, u);
                g = g >= 0 ? g + 1 : -g - 1; // first g with cdf[g] > u
                if (g > maxGap) g = maxGap;
                schedule((k + g) % (maxGap + 1), p);
            }
            return warmup ? null : RoaringBitmap.bitmapOfUnordered(Arrays.copyOf(cur, n));
        }

        private void schedule(int slot, int page) {
            if (calSize[slot] == calendar[slot].length)
                calendar[slot] = Arrays.copyOf(calendar[slot], calSize[slot] * 2);
            calendar[slot][calSize[slot]++] = page;
        }

        /** M_w: pages dirtied once, in unit 0, for whatever the stationary part did not reach. */
        void dirtyMissingPagesOfMw(List<RoaringBitmap> out, long mwPages) {
            RoaringBitmap union = new RoaringBitmap();
            for (RoaringBitmap b : out) union.or(b);
            long missing = mwPages - union.getLongCardinality();
            RoaringBitmap first = out.get(0);
            while (missing > 0 && (poolHead < memory || recHead < recTail)) {
                int p = poolHead < memory ? pool[poolHead++] : recycled[recHead++];
                if (!union.contains(p)) {
                    first.add(p);
                    union.add(p);
                    missing--;
                }
            }
        }
    }

    /**
     * {@link #twin} without its unit 0, where a twin cut short dirties at once whatever of M_w its stationary part does
     * not reach: a migration that starts there would meet a burst that no window-averaged D(T) describes. For
     * replaying migrations that start at the trace's beginning (the simulator against models or measured runs).
     */
    public static Trace stationaryTwin(TwinTarget target, long seed) {
        Trace twin = twin(target, seed);
        List<RoaringBitmap> units = new ArrayList<>();
        for (int k = 1; k < twin.unitCount(); k++) units.add(twin.unit(k));
        return Trace.ofPages(twin.name(), twin.header(), units);
    }
}
