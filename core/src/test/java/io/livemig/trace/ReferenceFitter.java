package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import java.util.Arrays;
import java.util.Locale;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The single-threaded one-pass fitter that {@link TraceFitter} replaced (a batch iterator per unit, one histogram, a
 * double sum per window), kept as the reference the new one must equal bit for bit ({@code TraceFitterProperties}).
 */
final class ReferenceFitter {

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

    ReferenceFitter(String name, TraceHeader header, boolean pages) {
        this.name = name;
        this.header = header;
        this.pages = pages;
        long perSecondL = Math.max(1, Math.round(1.0 / header.unitSeconds()));
        // the window histograms take (10 s in units)² longs: a 1 µs unit would need 8·10^14 B
        long windowBytes =
                pages ? 8L * perSecondL * TraceFit.S_NEW_SECONDS * (perSecondL * TraceFit.S_NEW_SECONDS + 2) : 0;
        refuseBeyondHeap(
                windowBytes,
                String.format(
                        Locale.ROOT,
                        "units of %s ms need %d MiB of window histograms " + "(8 B × (10 s in units)²)",
                        Check.format(header.unitSeconds() * 1000, ""),
                        windowBytes >> 20));
        int perSecond = (int) perSecondL;
        this.maxWindow = perSecond * TraceFit.S_NEW_SECONDS;
        this.cap = maxWindow + 1;
        this.windowOf = new int[TraceFit.S_NEW_SECONDS];
        for (int i = 0; i < TraceFit.S_NEW_SECONDS; i++) windowOf[i] = perSecond * (i + 1);
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
            blocks = Arrays.copyOf(blocks, Math.max(index + 1, Math.min(2 * blocks.length, 1 << (32 - BLOCK_BITS))));
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
        while (nS < TraceFit.S_NEW_SECONDS && windowOf[nS] <= nMax) nS++;
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

    /** Fits what the reader yields, in this thread. */
    static TraceFit fit(TraceReader reader) {
        ReferenceFitter f = new ReferenceFitter(reader.name(), reader.header(), reader.hasPages());
        for (TraceReader.Unit u = reader.next(); u != null; u = reader.next()) f.add(u.pages(), u.dirtied());
        return f.finish(reader.name());
    }
}
