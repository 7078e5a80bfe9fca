package io.livemig.trace;

import io.livemig.Check;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.nio.file.Path;

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
    public static void generate(Workload workload, TraceHeader header, int units, long seed, Consumer<RoaringBitmap> sink) {
        Check.notNull("workload", workload);
        Check.that(header.memoryKnown(), "memory must be given for a synthetic trace, got 0 pages");
        Check.that(workload.pagesNeeded() <= header.memoryPages(), workload.name() + " needs " + workload.pagesNeeded()
                + " pages, memory has " + header.memoryPages() + " pages");
        Check.that(units >= 0, "units must be >= 0, got " + units);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < units; k++) {
            RoaringBitmap b = workload.unit(k, header.memoryPages(), rng);
            b.runOptimize();
            sink.accept(b);
        }
    }

    /** Streams {@link #generate} into {@code target} (atomically: on failure the target is left as it was). */
    public static void write(Workload workload, TraceHeader header, int units, long seed, TraceFormat format, Path target) {
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
        final int maxGap = 100;
        double s = t.sPages();
        // survival[g] = P(G > g), g = 0..maxGap; beyond, the never-returning share
        double[] dAt = new double[maxGap + 1];             // piecewise-linear target D(n), n = 1..100
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
        double[] survival = new double[maxGap + 1];
        survival[0] = 1;
        for (int g = 1; g < maxGap; g++) survival[g] = Math.min(survival[g - 1], Math.max(0, (dAt[g + 1] - dAt[g]) / s));
        survival[maxGap] = survival[maxGap - 1];
        double pNever = survival[maxGap];
        double[] cdf = new double[maxGap + 1];              // cdf[g] = P(G ≤ g), g = 1..maxGap; the rest never returns
        for (int g = 1; g <= maxGap; g++) cdf[g] = 1 - survival[g];
        // length: the union grows by about S·pNever per unit after 100 units
        double growth = s * pNever;
        double lNeeded = growth > 0 ? maxGap + (t.mwPages() - dAt[maxGap]) / growth : Double.POSITIVE_INFINITY;
        long maxUnits = Math.max(TWIN_MIN_UNITS, TWIN_EVENT_BUDGET / Math.max(1, (long) s));
        if (!(lNeeded <= maxUnits)) {
            // the union cannot reach M_w in time: long enough that the unit-0 burst moves S by at most 1 %
            lNeeded = Math.max(TWIN_MIN_UNITS, (t.mwPages() - dAt[maxGap]) / (0.01 * s));
        }
        int units = (int) Math.max(TWIN_MIN_UNITS, Math.min(maxUnits, Math.ceil(lNeeded)));

        int memory = (int) t.memoryPages();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] pool = new int[memory];                        // fresh pages in random order
        for (int i = 0; i < memory; i++) pool[i] = i;
        for (int i = memory - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int x = pool[i]; pool[i] = pool[j]; pool[j] = x; }
        int poolHead = 0;
        int[] recycled = new int[memory];                    // pages that died in the warm-up, reusable once fresh runs out
        int recHead = 0, recTail = 0;

        int[][] calendar = new int[maxGap + 1][];
        int[] calSize = new int[maxGap + 1];
        for (int i = 0; i <= maxGap; i++) calendar[i] = new int[64];
        int warmup = maxGap;
        int perUnit = (int) Math.round(s);
        List<RoaringBitmap> out = new ArrayList<>(units);
        int[] cur = new int[Math.max(64, perUnit * 2)];
        for (int k = 0; k < warmup + units; k++) {
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
                else throw new IllegalStateException(t.name() + ": memory (" + memory + " pages) too small for this twin");
                cur[n++] = p;
            }
            if (n > perUnit) {                                 // more returns than S: the surplus waits one unit
                int nextSlot = (k + 1) % (maxGap + 1);
                for (int i = perUnit; i < n; i++) {
                    if (calSize[nextSlot] == calendar[nextSlot].length) calendar[nextSlot] = Arrays.copyOf(calendar[nextSlot], calSize[nextSlot] * 2);
                    calendar[nextSlot][calSize[nextSlot]++] = cur[i];
                }
                n = perUnit;
            }
            for (int i = 0; i < n; i++) {
                int p = cur[i];
                double u = rng.nextDouble();
                if (u >= cdf[maxGap]) {                       // never again
                    if (k < warmup) recycled[recTail++] = p;
                    continue;
                }
                int g = Arrays.binarySearch(cdf, 1, maxGap + 1, u);
                g = g >= 0 ? g + 1 : -g - 1;                  // first g with cdf[g] > u
                if (g > maxGap) g = maxGap;
                int at = (k + g) % (maxGap + 1);
                if (calSize[at] == calendar[at].length) calendar[at] = Arrays.copyOf(calendar[at], calSize[at] * 2);
                calendar[at][calSize[at]++] = p;
            }
            if (k >= warmup) {
                RoaringBitmap b = RoaringBitmap.bitmapOfUnordered(Arrays.copyOf(cur, n));
                out.add(b);
            }
        }
        // M_w: pages dirtied once, in unit 0, for whatever the stationary part did not reach
        RoaringBitmap union = new RoaringBitmap();
        for (RoaringBitmap b : out) union.or(b);
        long missing = t.mwPages() - union.getLongCardinality();
        RoaringBitmap first = out.get(0);
        while (missing > 0 && (poolHead < memory || recHead < recTail)) {
            int p = poolHead < memory ? pool[poolHead++] : recycled[recHead++];
            if (!union.contains(p)) { first.add(p); union.add(p); missing--; }
        }
        for (RoaringBitmap b : out) b.runOptimize();
        return Trace.ofPages(target.name(), new TraceHeader(4096, memory, 0.1), out);
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
