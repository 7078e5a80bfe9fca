package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.RoaringBitmap;

/**
 * The one-pass accumulator behind {@link TraceFit} (the method is in its class comment), on several cores.
 *
 * <p>What a page contributes depends only on that page's own history (the unit it was last dirtied in), so the page
 * space is cut into parts that share nothing: part i owns the bitmap containers (2^16 pages each) whose key is i modulo
 * the number of parts, keeps the last-seen units of its pages, and sums its own gap histograms and window counts. The
 * sums are integers, so adding the parts' sums at the end gives exactly what one pass over all pages gives. The
 * calling thread reads the trace and counts pages per unit; when the trace has more than one batch of units, each
 * part runs in a thread of its own, fed batches of units through a short queue, so the units in memory are a few
 * batches whatever the trace's length.
 *
 * <p>Per page and unit the work is a table read and write and a histogram increment; a bitmap container's pages
 * are taken straight from its words, the others' decoded in one call into an {@code int[]} (no iterator per page).
 */
final class TraceFitter {
    /** A batch closes at this many events or {@link #BATCH_UNITS} units, whichever comes first. */
    static final long BATCH_EVENTS = 1 << 18;

    static final int BATCH_UNITS = 4096;

    private final String name;
    private final TraceHeader header;
    private final boolean pages;
    private final int maxWindow; // N
    private final int cap; // gaps ≥ cap are "never before" for every window ≤ N
    private final int[] windowOf; // S_new windows, units
    private final long[] ringCount; // |B_k| of the last N units
    private final Part[] parts;
    private int k;
    private long events;

    TraceFitter(String name, TraceHeader header, boolean pages, int parts) {
        this.name = name;
        this.header = header;
        this.pages = pages;
        long perSecondL = Math.max(1, Math.round(1.0 / header.unitSeconds()));
        // the window histograms take (10 s in units)² longs: a 1 µs unit would need 8·10^14 B
        long windowBytes =
                pages ? 8L * perSecondL * TraceFit.S_NEW_SECONDS * (perSecondL * TraceFit.S_NEW_SECONDS + 2) : 0;
        refuseBeyondHeap(
                name,
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
        this.ringCount = new long[maxWindow];
        // each further part holds its own window histograms: only when they are a small share of the heap
        int p = !pages ? 0 : windowBytes * parts > freeHeap() / 4 ? 1 : parts;
        this.parts = new Part[p];
        for (int i = 0; i < p; i++) this.parts[i] = new Part(i, p);
    }

    /** Parts for a fit: one per core, or the system property {@code livemig.fit.threads} (1 = this thread only). */
    static int defaultParts() {
        Integer p = Integer.getInteger("livemig.fit.threads");
        return Math.max(1, Math.min(p != null ? p : Runtime.getRuntime().availableProcessors(), 16));
    }

    /** Fits what the reader yields, on up to {@code parts} threads (the calling thread reads). */
    static TraceFit fit(TraceReader reader, int parts, long batchEvents) {
        // one part first: it refuses a trace the heap cannot fit before anything is read, and fits short traces
        TraceFitter one = new TraceFitter(reader.name(), reader.header(), reader.hasPages(), 1);
        if (parts <= 1 || one.parts.length == 0) {
            for (TraceReader.Unit u = reader.next(); u != null; u = reader.next()) one.add(u.pages(), u.dirtied());
            return one.finish();
        }
        Batch first = Batch.read(reader, batchEvents);
        if (!first.more) {
            // one batch: threads would cost more than they save
            for (int i = 0; i < first.n; i++) one.add(first.units[i], first.counts[i]);
            return one.finish();
        }
        // parts own whole containers of 2^16 pages: no more parts than the memory has containers
        TraceHeader h = reader.header();
        if (h.memoryKnown()) parts = (int) Math.min(parts, (h.memoryPages() + 0xFFFF) >>> 16);
        TraceFitter f = parts <= 1 ? one : new TraceFitter(reader.name(), h, true, parts);
        if (f.parts.length <= 1) f = one;
        f.inParallel(reader, first, batchEvents);
        return f.finish();
    }

    /** Adds one unit in this thread. */
    void add(RoaringBitmap unitPages, long dirtied) {
        if (pages) {
            // the parts share the containers out, so their page counts add up to the unit's
            dirtied = 0;
            for (Part p : parts) dirtied += p.add(unitPages, k);
        }
        ringCount[k % maxWindow] = dirtied;
        events += dirtied;
        k++;
    }

    private void inParallel(TraceReader reader, Batch batch, long batchEvents) {
        Worker[] workers = new Worker[parts.length];
        for (int i = 0; i < workers.length; i++) workers[i] = new Worker(parts[i]);
        boolean done = false;
        try {
            for (Worker w : workers) w.thread.start();
            while (true) {
                batch.k0 = k;
                for (int i = 0; i < batch.n; i++) {
                    long c = batch.counts[i];
                    ringCount[k % maxWindow] = c;
                    events += c;
                    k++;
                }
                for (Worker w : workers) w.put(batch);
                if (!batch.more) break;
                batch = Batch.read(reader, batchEvents);
            }
            for (Worker w : workers) w.put(Batch.END);
            for (Worker w : workers) w.join();
            done = true;
        } finally {
            if (!done) {
                for (Worker w : workers) w.cancel();
            }
        }
    }

    TraceFit finish() {
        int units = k;
        if (!pages)
            return new TraceFit(
                    name, header, units, events, units == 0 ? 0 : events / (double) units, null, null, -1, null);
        // the parts' integer sums: their total is what one pass over every page gives
        long mw = 0;
        int maxPage = -1;
        long[] newSum = new long[maxWindow + 1];
        long[][] ringHist = new long[maxWindow][cap + 1];
        for (Part p : parts) {
            mw += p.touchedPages();
            maxPage = Math.max(maxPage, p.maxPage);
            for (int n = 0; n <= maxWindow; n++) newSum[n] += p.newSum[n];
            for (int r = 0; r < maxWindow; r++) for (int g = 0; g <= cap; g++) ringHist[r][g] += p.ringHist[r][g];
        }
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

    /** The pages of the containers whose key is {@code index} modulo {@code of}, and everything they add up to. */
    private final class Part {
        private static final int NEVER = Integer.MIN_VALUE / 2;
        /** The last-seen table is kept in blocks of 2^12 pages, allocated when the trace first touches one. */
        static final int BLOCK_BITS = 12, BLOCK = 1 << BLOCK_BITS, BLOCK_MASK = BLOCK - 1;
        /** A container's 2^16 pages span 16 blocks of 64 bitmap words each. */
        static final int BLOCKS_PER_CONTAINER = 1 << (16 - BLOCK_BITS);

        private final int index, of;
        // blocks[p >>> BLOCK_BITS][p & BLOCK_MASK]: the unit page p was last dirtied in
        private int[][] blocks = new int[1][];
        private long touchedBlocks;
        private final long[] hist; // this unit's gaps g (capped at cap) to each page's previous dirtying
        private final long[] cnt, sumGm1; // prefix sums scratch
        private final long[] newSum; // Σ over events of windows counted (no upper bound on j), per n
        private final long[][] ringHist; // histograms of the last N units
        private int[] values = new int[0]; // grown to the largest non-bitmap container
        private long[] words; // a bitmap container's words, allocated on the first one
        private int maxPage = -1;

        Part(int index, int of) {
            this.index = index;
            this.of = of;
            this.hist = new long[cap + 1];
            this.cnt = new long[cap + 2];
            this.sumGm1 = new long[cap + 2];
            this.newSum = new long[maxWindow + 1];
            this.ringHist = new long[maxWindow][cap + 1];
        }

        /** Adds this part's pages of unit {@code k}; returns how many there were. */
        long add(RoaringBitmap unit, int k) {
            long pages = 0;
            long[] h = hist;
            Arrays.fill(h, 0);
            int c = cap;
            ContainerPointer cp = unit.getContainerPointer();
            for (Container container; (container = cp.getContainer()) != null; cp.advance()) {
                int key = cp.key();
                if (key % of != index || container.isEmpty()) continue;
                int base = key << 16;
                maxPage = Math.max(maxPage, base | container.last());
                pages += container.getCardinality();
                if (cp.isBitmapContainer()) {
                    // straight from the bitmap's words: a quarter faster than decoding into an array first
                    if (words == null) words = new long[1 << 10];
                    long[] w = words;
                    container.copyBitmapTo(w, 0);
                    for (int b = 0; b < BLOCKS_PER_CONTAINER; b++) {
                        int wi = b << 6, to = wi + 64;
                        while (wi < to && w[wi] == 0) wi++;
                        if (wi == to) continue;
                        int[] block = block((base >>> BLOCK_BITS) + b);
                        for (; wi < to; wi++) {
                            long word = w[wi];
                            int at = (wi & 63) << 6;
                            while (word != 0) {
                                int i = at + Long.numberOfTrailingZeros(word);
                                word &= word - 1;
                                int g = k - block[i];
                                block[i] = k;
                                h[g >= c ? c : g]++;
                            }
                        }
                    }
                } else {
                    int card = container.getCardinality();
                    if (values.length < card) values = new int[Math.max(card, Math.min(2 * values.length, 1 << 16))];
                    int[] v = values;
                    container.fillLeastSignificant16bits(v, 0, base);
                    int[] block = null;
                    int blockIndex = -1;
                    for (int i = 0; i < card; i++) {
                        int p = v[i];
                        // pages come in increasing order: the block changes rarely
                        if (p >>> BLOCK_BITS != blockIndex) {
                            blockIndex = p >>> BLOCK_BITS;
                            block = block(blockIndex);
                        }
                        int g = k - block[p & BLOCK_MASK];
                        block[p & BLOCK_MASK] = k;
                        h[g >= c ? c : g]++;
                    }
                }
            }
            accumulate(k);
            System.arraycopy(h, 0, ringHist[k % maxWindow], 0, h.length);
            return pages;
        }

        /** The block of last-seen units holding pages index·2^12 …, allocated (all "never") on first touch. */
        private int[] block(int index) {
            if (index >= blocks.length) {
                refuseBeyondHeap(
                        name,
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
                        name,
                        4L * BLOCK,
                        "the pages touched need " + ((touchedBlocks * 4L * BLOCK) >> 20)
                                + " MiB so far (4 B per page in each block of " + BLOCK + " pages touched)");
                b = new int[BLOCK];
                Arrays.fill(b, NEVER);
                blocks[index] = b;
            }
            return b;
        }

        /** M_w's share of this part: the pages it has seen, counted once at the end rather than per event. */
        long touchedPages() {
            long n = 0;
            for (int[] b : blocks) {
                if (b == null) continue;
                for (int unit : b) if (unit != NEVER) n++;
            }
            return n;
        }

        /** Adds this unit's window counts, assuming every window start j ≤ k − 1 exists (corrected in finish). */
        private void accumulate(int k) {
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
                newSum[n] += sumGm1[gMax] + (long) a * (total - cnt[gMax]);
            }
        }
    }

    /** Units read ahead, handed to every part's thread. */
    private static final class Batch {
        static final Batch END = new Batch(0);

        final RoaringBitmap[] units;
        final long[] counts; // pages per unit
        int n;
        int k0; // index of units[0] in the trace
        boolean more; // the reader may have units after this batch

        Batch(int capacity) {
            units = new RoaringBitmap[capacity];
            counts = new long[capacity];
        }

        static Batch read(TraceReader reader, long maxEvents) {
            Batch b = new Batch(BATCH_UNITS);
            long events = 0;
            while (b.n < BATCH_UNITS && events < maxEvents) {
                TraceReader.Unit u = reader.next();
                if (u == null) return b;
                long c = u.pages().getLongCardinality();
                b.units[b.n] = u.pages();
                b.counts[b.n++] = c;
                events += c;
            }
            b.more = true;
            return b;
        }
    }

    /** One part's thread: takes batches in order until {@link Batch#END}. */
    private final class Worker implements Runnable {
        final Part part;
        final Thread thread;
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
        volatile boolean cancelled;
        volatile Throwable failure;

        Worker(Part part) {
            this.part = part;
            this.thread = new Thread(this, "livemig-fit-" + part.index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Batch b = queue.take();
                    if (b == Batch.END) return;
                    if (cancelled || failure != null) continue; // keep taking so that the reader never waits
                    try {
                        for (int i = 0; i < b.n; i++) part.add(b.units[i], b.k0 + i);
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void put(Batch b) {
            rethrow();
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LivemigException(name + ": fit interrupted");
            }
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LivemigException(name + ": fit interrupted");
            }
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
        }

        void cancel() {
            cancelled = true;
            if (!queue.offer(Batch.END)) thread.interrupt();
        }
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses up front, with the figure, a trace whose pages need more memory than the heap has left (one int per page
     * up to the largest page touched) instead of failing with an OutOfMemoryError half-way.
     */
    private static void refuseBeyondHeap(String name, long needBytes, String what) {
        Runtime rt = Runtime.getRuntime();
        long free = freeHeap();
        if (needBytes > free && needBytes >= 0) {
            System.gc(); // "used" counts garbage too; ask once before refusing
            free = freeHeap();
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
}
