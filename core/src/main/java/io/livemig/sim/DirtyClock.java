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
 *
 * <p>The unit the time is inside of (partly due: the first c of its shuffled order) is lazy too. Its shuffle is a
 * backward Fisher–Yates: step i (from n − 1 down) fixes position i for good, so the set of the first c pages is known,
 * as the rest of the unit, once the steps down to c are done; the steps below c are never drawn unless a later read
 * needs them. And a read need not place the unit's pages at all when they could not change what is read: every page
 * of the unit is in the log already ({@link #log()}), or none of its pages that a reader looks at is missing from the
 * log ({@link #logSoFar()} with {@link #exactOn}: Xen's PEEK before a batch looks at the batch's pages only). A unit
 * then finished is ORed in whole.
 */
final class DirtyClock implements AutoCloseable {
    private final Replay.Units units;
    private final double unit;
    private final long seed;
    private final long[] log;
    private final long[] ever; // pages dirtied at least once (for zero pages); null when not needed
    private final long[] words = new long[1 << 10]; // one bitmap container's words
    private int used; // words of the log at and above this are zero
    private long nextUnit; // first unit not yet fully applied
    private boolean paused;
    private double target; // dirtyings before this time are due
    private boolean behind; // some of them are not applied yet

    // nextUnit, once part of it is due (current != null):
    private RoaringBitmap current;
    private int size; // its pages
    private int due; // the first `due` of its shuffled order are due
    private int base; // of those, the ones due when the log was last cleared (gone with it)
    private int done; // positions [base, done) of its order are in the log (and in ever)
    private int[] order; // its pages; positions at and above `fixed` hold its shuffled order; null until needed
    private int fixed;
    private boolean shared; // order is the replay's kept array: all fixed, never written
    private Ints rng; // the shuffle's draws for the steps below `fixed`
    private int[] scratch = new int[0];

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

    /** Applies every unit wholly due and counts the due pages of the one the time is inside of. */
    private void catchUp() {
        if (!behind) return;
        behind = false;
        double units = target / unit;
        long full = (long) Math.floor(units);
        while (nextUnit < full) {
            finish();
            nextUnit++;
        }
        double frac = units - full;
        if (frac <= 0) return;
        if (current == null) {
            current = this.units.get(nextUnit);
            size = current.getCardinality();
            due = base = done = 0;
            order = null;
        }
        int n = size;
        double x = frac * n;
        int j = (int) x;
        int c = j >= n ? n : j + (offset(nextUnit, j) < x - j ? 1 : 0);
        if (c > due) due = c;
    }

    /** Applies the rest of unit nextUnit. */
    private void finish() {
        if (current == null || base == 0) { // nothing of it was cleared: the whole unit
            applyAll(nextUnit);
        } else if (done < size) {
            fixDownTo(done);
            mark(done, size);
        }
        current = null;
        order = null;
    }

    /** Puts the partly due unit's due pages in the log. */
    private void place() {
        if (current == null || done >= due) return;
        fixDownTo(done == 0 ? due : done); // from 0: the first `due` as a set, the complement of the fixed rest
        mark(done, due);
        done = due;
    }

    /** Makes positions at and above {@code p} of the order final (backward Fisher–Yates steps down to p). */
    private void fixDownTo(int p) {
        if (order == null) {
            int[] kept = units.keptOrder(nextUnit, seed);
            if (kept != null) {
                order = kept;
                fixed = 0;
                shared = true;
                return;
            }
            if (scratch.length < size) scratch = new int[Math.max(size, scratch.length * 2)];
            order = scratch;
            Bits.pages(current, order);
            fixed = size;
            shared = false;
            rng = shuffleRandom(seed, nextUnit);
        }
        if (fixed <= p) return;
        int[] a = order;
        int stop = Math.max(p, 1);
        for (int i = fixed - 1; i >= stop; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        fixed = p <= 1 ? 0 : p;
    }

    private void mark(int from, int to) {
        int[] a = order;
        long[] l = log;
        for (int i = from; i < to; i++) l[a[i] >>> 6] |= 1L << a[i];
        if (ever != null) for (int i = from; i < to; i++) ever[a[i] >>> 6] |= 1L << a[i];
        if (to > from) used = Math.max(used, (current.last() >>> 6) + 1);
    }

    private void applyAll(long k) {
        UnitWords w = units.words(k);
        if (w != null) {
            w.orInto(log);
            if (ever != null) w.orInto(ever);
            used = Math.max(used, w.end());
            return;
        }
        RoaringBitmap b = units.get(k);
        if (b.isEmpty()) return;
        Bits.or(log, b, words);
        if (ever != null) Bits.or(ever, b, words);
        used = Math.max(used, (b.last() >>> 6) + 1);
    }

    /** The shuffle's random numbers for unit k. */
    private static Ints shuffleRandom(long seed, long k) {
        return new Ints(mix(seed ^ mix(k + 0x9E3779B97F4A7C15L)));
    }

    /** Unit k's pages in the order its dirtyings happen with this seed (a seeded Fisher–Yates shuffle). */
    static int[] shuffled(RoaringBitmap pages, long seed, long k) {
        int[] a = pages.toArray();
        Ints r = shuffleRandom(seed, k);
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
        catchUp();
        if (current != null && done < due && !Bits.covers(log, current, words)) place();
        return log;
    }

    /**
     * The dirty log up to the last time asked for, but for pages of the unit the time is inside of, which may be
     * missing: {@link #exactOn} tells where it is the log.
     */
    long[] logSoFar() {
        catchUp();
        if (current != null && done < due && order != null && fixed <= (done == 0 ? due : done)) place(); // known
        return log;
    }

    /**
     * Whether {@link #logSoFar()} is the log at the pages in [{@code from}, {@code to}) that are set in {@code mask}:
     * no page of the partly due unit there is missing from it.
     */
    boolean exactOn(long[] mask, int from, int to) {
        return current == null || done >= due || Bits.covers(log, current, from, to, mask);
    }

    /** Pages dirtied at least once up to the last time asked for; null when the clock does not track them. */
    long[] ever() {
        if (ever == null) return null;
        catchUp();
        place(); // ever holds all of a unit's pages only once the log does: place them
        return ever;
    }

    /** {@link #ever()} as last applied, possibly behind the time asked for: a page set here is set at that time. */
    long[] everSoFar() {
        return ever;
    }

    /** Words of the log at and above this are zero. */
    int usedWords() {
        return used;
    }

    long dirtyCount() {
        long[] l = log();
        long c = 0;
        for (int i = 0; i < used; i++) c += Long.bitCount(l[i]);
        return c;
    }

    void clearLog() {
        catchUp();
        if (ever != null) place(); // the due pages go to ever before the log forgets them
        java.util.Arrays.fill(log, 0, used, 0);
        used = 0;
        if (current != null) base = done = due; // the due pages went with the log: place the rest only
    }

    @Override
    public void close() {
        units.close();
    }
}
