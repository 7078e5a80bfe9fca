package io.livemig.sim;

import org.roaringbitmap.RoaringBitmap;

/**
 * Replays a trace in simulated time into a dirty log (the hypervisor's log-dirty bitmap). A page of unit k gets a
 * time inside [k·u, (k + 1)·u): the unit's pages are shuffled with a seed and the j-th of n is dirtied at
 * (k + (j + h_j)/n)·u with h_j uniform in [0, 1). Units past the end of the trace replay it from its start (the trace
 * loops), so a migration longer than the trace sees the same behaviour again.
 *
 * <p>The clock is lazy: {@link #advanceTo} only records the time, and the dirtyings up to it are applied when the log
 * is next read ({@link #log()}, {@link #ever()}, {@link #dirtyCount()}, {@link #clearLog()}). Since the pages a unit
 * has dirtied by a time grow with the time, the log read is the same as if every call had applied its dirtyings at
 * once; but a unit the time passes over between two reads is applied whole, container by container, without the
 * shuffle that placing its pages in time needs.
 */
final class DirtyClock implements AutoCloseable {
    private final Replay.Units units;
    private final double unit;
    private final long seed;
    private final long[] log;
    private final long[] ever; // pages dirtied at least once (for zero pages); null when not needed
    private final int[] pages = new int[1 << 12]; // one array container's pages
    private final long[] words = new long[1 << 10]; // one bitmap container's words
    private long nextUnit; // first unit not yet fully applied
    private int applied; // pages of nextUnit already applied
    private int[] order; // shuffled pages of nextUnit, when it was partly applied
    private boolean paused;
    private double target; // dirtyings before this time are due
    private boolean behind; // some of them are not applied yet

    DirtyClock(Replay replay, long seed, boolean trackEver) {
        this.unit = replay.header().unitSeconds();
        this.seed = seed;
        this.log = Bits.create(replay.memoryPages());
        this.ever = trackEver ? Bits.create(replay.memoryPages()) : null;
        this.units = replay.units();
    }

    /** Dirtying stops (the VM is paused). */
    void pause() {
        paused = true;
    }

    /** Every dirtying before {@code seconds} is due; times never go back. */
    void advanceTo(double seconds) {
        if (paused || seconds <= target) return;
        target = seconds;
        behind = true;
    }

    /** Applies every due dirtying. */
    private void settle() {
        if (!behind) return;
        behind = false;
        double units = target / unit;
        long full = (long) Math.floor(units);
        while (nextUnit < full) {
            if (order == null) applyAll(nextUnit);
            else for (int i = applied; i < order.length; i++) mark(order[i]);
            nextUnit++;
            applied = 0;
            order = null;
        }
        double frac = units - full;
        if (frac <= 0) return;
        if (order == null) order = this.units.order(nextUnit, seed);
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

    private void applyAll(long k) {
        UnitWords w = units.words(k);
        if (w != null) {
            w.orInto(log);
            if (ever != null) w.orInto(ever);
            return;
        }
        RoaringBitmap b = units.get(k);
        Bits.or(log, b, pages, words);
        if (ever != null) Bits.or(ever, b, pages, words);
    }

    /** Unit k's pages in the order its dirtyings happen with this seed (a seeded Fisher–Yates shuffle). */
    static int[] shuffled(RoaringBitmap pages, long seed, long k) {
        int[] a = pages.toArray();
        Ints r = new Ints(mix(seed ^ mix(k + 0x9E3779B97F4A7C15L)));
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * The numbers {@code new SplittableRandom(seed).nextInt(bound)} gives (its seed sequence, mix and the rejection of
     * {@code RandomGenerator.nextInt(int)}), without the interface calls: the shuffle draws one per page.
     * {@code DirtyClockTest} checks it against the JDK's.
     */
    static final class Ints {
        private static final long GAMMA = 0x9e3779b97f4a7c15L; // SplittableRandom's default gamma
        private long seed;

        Ints(long seed) {
            this.seed = seed;
        }

        private int next() {
            long z = seed += GAMMA;
            z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
            return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
        }

        /** A number in [0, bound), bound &gt; 0. */
        int nextInt(int bound) {
            int r = next(), m = bound - 1;
            if ((bound & m) == 0) return r & m;
            for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = next() >>> 1) {}
            return r;
        }
    }

    private double offset(long k, int j) {
        return (mix(seed * 31 + k * 0x632BE59BD9B4E019L + j) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The dirty log up to the last time asked for (do not keep it across {@link #advanceTo}). */
    long[] log() {
        settle();
        return log;
    }

    /** Pages dirtied at least once up to the last time asked for; null when the clock does not track them. */
    long[] ever() {
        settle();
        return ever;
    }

    /** {@link #ever()} as last applied, possibly behind the time asked for: a page set here is set at that time. */
    long[] everSoFar() {
        return ever;
    }

    long dirtyCount() {
        return Bits.count(log());
    }

    void clearLog() {
        settle();
        java.util.Arrays.fill(log, 0);
    }

    @Override
    public void close() {
        units.close();
    }
}
