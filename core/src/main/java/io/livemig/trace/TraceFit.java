package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.profile.LinearDirtyProfile;
import java.util.Arrays;
import java.util.Locale;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The fitted statistics of a trace (docs/model.md §2.3), computed in one streaming pass:
 * <ul>
 *   <li>S = mean |B_k| over all units (pages per unit);</li>
 *   <li>S_new^T ("average of averages"): for a window of n units starting at unit j, new_t = |B_{j+t} \ ∪_{s&lt;t} B_{j+s}|,
 *       averaged over t = 1…n−1, then over every start j = 0…K−n. Value k of the curve uses windows of (k+1) s, so the
 *       profile's step [k, k+1) s is exact at its right end: D((k+1) s) = S + (n − 1)·S_new[k];</li>
 *   <li>M_w = |∪_k B_k|;</li>
 *   <li>the empirical D(n) = mean over j of |∪_{t&lt;n} B_{j+t}| for n = 1…N units.</li>
 * </ul>
 * One pass suffices because a page dirtied in unit k whose previous dirtying was in unit k − g is new, at offset
 * t = k − j, in exactly the windows j with max(k − g, k − n) &lt; j ≤ k − 1 (and 0 ≤ j ≤ K − n). Per unit the
 * fitter keeps a histogram of gaps capped at N + 1 and turns it into window counts for every n with prefix sums.
 * Memory: one int per page in each block of 4096 pages the trace touches (the last unit each page was dirtied in; a
 * header may declare far more memory than the trace uses) plus O(N²) for the last N units,
 * independent of the trace's length, so traces larger than the heap fit from a {@link TraceReader}.
 *
 * @param name        the trace's name
 * @param header      page size, memory, unit
 * @param units       K, the number of units
 * @param events      Σ|B_k|, dirtied-page events
 * @param sPages      S, pages per unit
 * @param sNewPages   S_new^T per unit for windows of 1…10 s (fewer when the trace is shorter); null for a counts trace
 * @param sNewWindowUnits the window length n, in units, behind each S_new value
 * @param mwPages     M_w; −1 for a counts trace
 * @param empiricalD  empirical D(n) for n = 1…N (index n − 1); null for a counts trace
 */
public record TraceFit(
        String name,
        TraceHeader header,
        int units,
        long events,
        double sPages,
        double[] sNewPages,
        int[] sNewWindowUnits,
        long mwPages,
        double[] empiricalD) {

    /** S_new^T is fitted for windows of 1, 2, …, this many seconds. */
    public static final int S_NEW_SECONDS = 10;

    /** Fits a whole trace held in memory. */
    public static TraceFit of(Trace trace) {
        try (TraceReader r = trace.reader()) {
            return of(r);
        }
    }

    /** Fits a trace streamed unit by unit; the reader is consumed but not closed. */
    public static TraceFit of(TraceReader reader) {
        Fitter f = new Fitter(reader.name(), reader.header(), reader.hasPages());
        for (TraceReader.Unit u = reader.next(); u != null; u = reader.next()) f.add(u.pages(), u.dirtied());
        return f.finish(reader.name());
    }

    public boolean hasPages() {
        return sNewPages != null;
    }

    @Override
    public double[] sNewPages() {
        requirePages("S_new");
        return sNewPages.clone();
    }

    @Override
    public double[] empiricalD() {
        requirePages("the empirical D(T)");
        return empiricalD.clone();
    }

    @Override
    public long mwPages() {
        requirePages("M_w");
        return mwPages;
    }

    /** A counts-only trace has no page numbers, so nothing that needs them can be asked of its fit. */
    private void requirePages(String what) {
        if (sNewPages == null) {
            throw new LivemigException(
                    name + ": " + what + " needs page numbers; a counts-only trace (unit,dirtied) supports S "
                            + "and the average-rate estimators only");
        }
    }

    /** S as a rate, pages per second. */
    public double sPagesPerSecond() {
        return sPages / header.unitSeconds();
    }

    /** The paper's dirty profile: D(T) = min(S + (T/u − 1)·S_new^T, M_w), S_new in steps of 1 s. */
    public LinearDirtyProfile profile() {
        double[] sNew = sNewPages();
        Check.that(
                sNew.length > 0,
                name + ": S_new needs at least one 1 s window; expected at least "
                        + Math.round(1 / header.unitSeconds()) + " units, got " + units);
        return new LinearDirtyProfile(
                header.unitSeconds(),
                Math.max(sPages, Double.MIN_VALUE),
                sNew,
                1.0,
                Math.max(mwPages(), 1),
                header.pageSizeBytes());
    }

    /**
     * D(T) following the trace's empirical unique-pages curve from one unit to 10 s, with a saturating extension to
     * M_w beyond ({@link io.livemig.profile.CurveDirtyProfile}); the paper's straight-line form is {@link #profile()}.
     */
    public io.livemig.profile.CurveDirtyProfile curveProfile() {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        Check.that(
                d.length > 0 && d[0] > 0,
                name + ": the D(T) curve needs at least one unit with dirtied pages; got " + units + " units, " + events
                        + " dirtyings");
        return new io.livemig.profile.CurveDirtyProfile(
                header.unitSeconds(), d, Math.max(mwPages, d[d.length - 1]), header.pageSizeBytes());
    }

    /**
     * The memory's composition as the trace's header gives it ({@code nonzero_pages}), or all non-zero when it
     * does not say.
     */
    public io.livemig.profile.MemoryComposition composition() {
        return header.nonZeroKnown()
                ? io.livemig.profile.MemoryComposition.ofNonZeroPages(header.nonZeroPages())
                : io.livemig.profile.MemoryComposition.allNonZero();
    }

    /** Empirical D(T) of the trace, in pages, for T = n units (1 ≤ n ≤ N). */
    public double empiricalDirtied(int nUnits) {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        Check.that(nUnits >= 1 && nUnits <= d.length, "window must be 1 to " + d.length + " units, got " + nUnits);
        return d[nUnits - 1];
    }

    /** One row per parameter: name, window_s, value_pages, per (unit or trace). */
    public Table toTable() {
        Table t = Table.create(
                name + " · fitted profile",
                StringColumn.create("parameter"),
                DoubleColumn.create("window_s"),
                DoubleColumn.create("pages"),
                StringColumn.create("per"));
        t.stringColumn("parameter").append("S");
        t.doubleColumn("window_s").append(header.unitSeconds());
        t.doubleColumn("pages").append(sPages);
        t.stringColumn("per").append("unit");
        if (hasPages()) {
            for (int k = 0; k < sNewPages.length; k++) {
                t.stringColumn("parameter").append("S_new[" + k + "]");
                t.doubleColumn("window_s").append(sNewWindowUnits[k] * header.unitSeconds());
                t.doubleColumn("pages").append(sNewPages[k]);
                t.stringColumn("per").append("unit");
            }
            t.stringColumn("parameter").append("M_w");
            t.doubleColumn("window_s").append(units * header.unitSeconds());
            t.doubleColumn("pages").append(mwPages);
            t.stringColumn("per").append("trace");
        }
        return t;
    }

    /** Columns of {@link #curveTable()}: the contract with the DSL's charts and the command line. */
    public static final String UNITS = "units",
            T_S = "T_s",
            EMPIRICAL_PAGES = "empirical_pages",
            FITTED_PAGES = "fitted_pages";

    /** The empirical D(T) beside the fitted profile's D(T) at the same T (the profile evaluated just below T). */
    public Table curveTable() {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        LinearDirtyProfile p = sNewPages.length > 0 ? profile() : null;
        Table t = Table.create(
                name + " · D(T)",
                IntColumn.create(UNITS),
                DoubleColumn.create(T_S),
                DoubleColumn.create(EMPIRICAL_PAGES),
                DoubleColumn.create(FITTED_PAGES));
        for (int n = 1; n <= d.length; n++) {
            double sec = n * header.unitSeconds();
            t.intColumn(UNITS).append(n);
            t.doubleColumn(T_S).append(sec);
            t.doubleColumn(EMPIRICAL_PAGES).append(d[n - 1]);
            t.doubleColumn(FITTED_PAGES).append(p == null ? Double.NaN : p.dirtiedPages(Math.nextDown(sec)));
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "TraceFit[%s: %d units of %.0f ms, S=%.1f, S_new=%s, M_w=%d pages]",
                name,
                units,
                header.unitSeconds() * 1000,
                sPages,
                sNewPages == null
                        ? "n/a"
                        : Arrays.toString(Arrays.stream(sNewPages)
                                .map(v -> Math.round(v * 10) / 10.0)
                                .toArray()),
                mwPages);
    }

    /** The one-pass accumulator. */
    static final class Fitter {
        private static final int NEVER = Integer.MIN_VALUE / 2;
        /** The last-seen table is kept in blocks of 2^12 pages, allocated when the trace first touches one. */
        static final int BLOCK_BITS = 12, BLOCK = 1 << BLOCK_BITS, BLOCK_MASK = BLOCK - 1;

        private final String name;
        private final TraceHeader header;
        private final boolean pages;
        private final int maxWindow; // N
        private final int cap; // gaps ≥ cap are "never before" for every window ≤ N
        private final int[] windowOf; // S_new windows, units
        private int[][] blocks =
                new int[1][]; // blocks[p >>> BLOCK_BITS][p & BLOCK_MASK]: the unit page p was last dirtied in
        private final long[] hist;
        private final long[] cnt, sumGm1; // prefix sums scratch
        private final double[] newSum; // Σ over events of windows counted (no upper bound on j), per n
        private final long[][] ringHist; // histograms of the last N units
        private final long[] ringCount; // |B_k| of the last N units
        private final int[] buffer = new int[512];
        private int k;
        private long events, mw;
        private int maxPage = -1;
        private long touchedBlocks;

        Fitter(String name, TraceHeader header, boolean pages) {
            this.name = name;
            this.header = header;
            this.pages = pages;
            long perSecondL = Math.max(1, Math.round(1.0 / header.unitSeconds()));
            // the window histograms take (10 s in units)² longs: a 1 µs unit would need 8·10^14 B
            long windowBytes = pages ? 8L * perSecondL * S_NEW_SECONDS * (perSecondL * S_NEW_SECONDS + 2) : 0;
            refuseBeyondHeap(
                    windowBytes,
                    String.format(
                            Locale.ROOT,
                            "units of %s ms need %d MiB of window histograms " + "(8 B × (10 s in units)²)",
                            Check.format(header.unitSeconds() * 1000, ""),
                            windowBytes >> 20));
            int perSecond = (int) perSecondL;
            this.maxWindow = perSecond * S_NEW_SECONDS;
            this.cap = maxWindow + 1;
            this.windowOf = new int[S_NEW_SECONDS];
            for (int i = 0; i < S_NEW_SECONDS; i++) windowOf[i] = perSecond * (i + 1);
            this.hist = new long[cap + 1];
            this.cnt = new long[cap + 2];
            this.sumGm1 = new long[cap + 2];
            this.newSum = new double[maxWindow + 1];
            this.ringHist = pages ? new long[maxWindow][cap + 1] : null;
            this.ringCount = new long[maxWindow];
        }

        void add(RoaringBitmap unitPages, long dirtied) {
            if (pages) {
                Arrays.fill(hist, 0);
                BatchIterator it = unitPages.getBatchIterator();
                int[] buf = buffer;
                int[] block = null;
                int blockIndex = -1;
                int kk = k;
                long[] h = hist;
                int c = cap;
                long newPages = 0;
                while (it.hasNext()) {
                    int m = it.nextBatch(buf);
                    if (m > 0 && buf[m - 1] > maxPage) maxPage = buf[m - 1];
                    for (int i = 0; i < m; i++) {
                        int p = buf[i];
                        // pages come in increasing order: the block changes rarely
                        if (p >>> BLOCK_BITS != blockIndex) {
                            blockIndex = p >>> BLOCK_BITS;
                            block = block(blockIndex);
                        }
                        int prev = block[p & BLOCK_MASK];
                        block[p & BLOCK_MASK] = kk;
                        int g = kk - prev;
                        if (prev == NEVER) newPages++;
                        h[g >= c ? c : g]++;
                    }
                }
                mw += newPages;
                dirtied = unitPages.getLongCardinality();
                accumulate();
                System.arraycopy(hist, 0, ringHist[k % maxWindow], 0, hist.length);
            }
            ringCount[k % maxWindow] = dirtied;
            events += dirtied;
            k++;
        }

        /** The block of last-seen units holding pages index·2^12 …, allocated (all "never") on first touch. */
        private int[] block(int index) {
            if (index >= blocks.length) {
                refuseBeyondHeap(
                        8L * (index + 1),
                        "page " + ((long) index << BLOCK_BITS) + " needs a block table of " + ((8L * (index + 1)) >> 20)
                                + " MiB");
                blocks =
                        Arrays.copyOf(blocks, Math.max(index + 1, Math.min(2 * blocks.length, 1 << (32 - BLOCK_BITS))));
            }
            int[] b = blocks[index];
            if (b == null) {
                touchedBlocks++;
                refuseBeyondHeap(
                        4L * BLOCK,
                        "the pages touched need " + ((touchedBlocks * 4L * BLOCK) >> 20)
                                + " MiB so far (4 B per page in each block of " + BLOCK + " pages touched)");
                b = new int[BLOCK];
                Arrays.fill(b, NEVER);
                blocks[index] = b;
            }
            return b;
        }

        /**
         * Refuses up front, with the figure, a trace whose pages need more memory than the heap has left (one int per
         * page up to the largest page touched) instead of failing with an OutOfMemoryError half-way.
         */
        private void refuseBeyondHeap(long needBytes, String what) {
            Runtime rt = Runtime.getRuntime();
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (needBytes > free && needBytes >= 0) {
                System.gc(); // "used" counts garbage too; ask once before refusing
                free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            }
            if (needBytes > free || needBytes < 0) {
                throw new LivemigException(String.format(
                        Locale.ROOT,
                        "%s: cannot fit: %s; the heap has %d MiB free of %d MiB; "
                                + "give the JVM more (LIVEMIG_JAVA_OPTS=-Xmx…)",
                        name,
                        what,
                        free >> 20,
                        rt.maxMemory() >> 20));
            }
        }

        /** Adds this unit's window counts, assuming every window start j ≤ k − 1 exists (corrected in finish). */
        private void accumulate() {
            // min(min(G, n) − 1, k) = min(G − 1, a) with a = min(n − 1, k)
            cnt[0] = 0;
            sumGm1[0] = 0;
            for (int g = 1; g <= cap; g++) {
                cnt[g] = cnt[g - 1] + hist[g];
                sumGm1[g] = sumGm1[g - 1] + hist[g] * (g - 1);
            }
            long total = cnt[cap];
            for (int n = 2; n <= maxWindow; n++) {
                int a = Math.min(n - 1, k);
                if (a <= 0) continue;
                // gaps G with G − 1 < a, i.e. G ≤ a, contribute G − 1; the others contribute a
                int gMax = Math.min(a, cap);
                newSum[n] += sumGm1[gMax] + (double) a * (total - cnt[gMax]);
            }
        }

        TraceFit finish(String name) {
            int units = k;
            if (!pages)
                return new TraceFit(
                        name, header, units, events, units == 0 ? 0 : events / (double) units, null, null, -1, null);
            int nMax = Math.min(maxWindow, units);
            double[] d = new double[nMax];
            double[] corrected = new double[nMax + 1];
            // Windows must end inside the trace: j ≤ K − n. Remove the counts of j > K − n, which only the last n − 2
            // units have.
            for (int n = 2; n <= nMax; n++) {
                double excess = 0;
                for (int kk = Math.max(units - n + 2, 0); kk < units; kk++) {
                    long[] h = ringHist[kk % maxWindow];
                    for (int g = 1; g <= cap; g++) {
                        if (h[g] == 0) continue;
                        int m = Math.min(g, n);
                        int lo = Math.max(kk - m + 1, 0);
                        int hiAll = kk - 1, hiIn = Math.min(kk - 1, units - n);
                        long all = Math.max(0, hiAll - lo + 1), in = Math.max(0, hiIn - lo + 1);
                        excess += (double) h[g] * (all - in);
                    }
                }
                corrected[n] = newSum[n] - excess;
            }
            // Σ_{j ≤ K−n} |B_j| = all events minus the last n − 1 units
            for (int n = 1; n <= nMax; n++) {
                long tail = 0;
                for (int kk = units - n + 1; kk < units; kk++) tail += ringCount[kk % maxWindow];
                int windows = units - n + 1;
                d[n - 1] = (events - tail + corrected[n]) / windows;
            }
            int nS = 0;
            while (nS < S_NEW_SECONDS && windowOf[nS] <= nMax) nS++;
            double[] sNew = new double[nS];
            int[] win = Arrays.copyOf(windowOf, nS);
            for (int i = 0; i < nS; i++) {
                int n = windowOf[i];
                sNew[i] = n < 2 ? 0 : corrected[n] / ((double) (n - 1) * (units - n + 1));
            }
            // a CSV without metadata: the memory is what the pages reach
            TraceHeader h = header.memoryKnown() ? header : header.withMemoryPages(Math.max(1, maxPage + 1L));
            return new TraceFit(name, h, units, events, units == 0 ? 0 : events / (double) units, sNew, win, mw, d);
        }
    }
}
