package io.livemig.sim;

import org.roaringbitmap.PeekableIntIterator;
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
 * log ({@link #logSoFar()} with {@link #settleOn}: Xen's PEEK before a batch looks at the batch's pages only; a few
 * such pages are followed through the shuffle's steps alone, without moving the others). A unit then finished is ORed
 * in whole. The steps' random numbers are drawn once per unit and kept while it is partly due.
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
    private Ints rng; // the shuffle's random numbers; null until the first is drawn
    private int[] draws = new int[0]; // draws[i]: the position step i swaps with, for i in [drawn, size)
    private int drawn;
    private int[] order; // its pages; positions at and above `fixed` hold its shuffled order; null until needed
    private int fixed;
    private int[] scratch = new int[0];
    private boolean askedKept;
    private int[] keptOrder;
    // pages followed through the steps without placing the others (settleOn): position -> follower, by generation
    private int[] tag = new int[0];
    private int[] follower = new int[0];
    private int generation;
    private final int[] followed = new int[FOLLOW];
    private final int[] at = new int[FOLLOW]; // where a followed page ends, when at or above the lowest step; else −1

    /** Pages of the partly due unit a read may follow through its shuffle rather than placing all of its pages. */
    private static final int FOLLOW = 64;

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
            size = drawn = fixed = current.getCardinality();
            due = base = done = 0;
            order = null;
            rng = null;
            askedKept = false;
            keptOrder = null;
        }
        int n = size;
        double x = frac * n;
        int j = (int) x;
        int c = j >= n ? n : j + (offset(nextUnit, j) < x - j ? 1 : 0);
        if (c > due) due = c;
    }

    /** Applies the rest of unit nextUnit. */
    private void finish() {
        if (current == null || base == 0 && (order == null || fixed > done || 4 * (size - done) > size)) {
            applyAll(nextUnit); // nothing of it was cleared: the whole unit, unless most of it is placed already
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

    /** The replay's kept order of the partly due unit, or null; asked once per unit (a replay counts the asks). */
    private int[] kept() {
        if (!askedKept) {
            askedKept = true;
            keptOrder = units.keptOrder(nextUnit, seed);
        }
        return keptOrder;
    }

    /** Draws the shuffle's steps down to {@code p}. */
    private void drawDownTo(int p) {
        int stop = Math.max(p, 1);
        if (drawn <= stop) return;
        if (rng == null) rng = shuffleRandom(seed, nextUnit);
        if (draws.length < size) draws = new int[Math.max(size, draws.length * 2)];
        rng.steps(draws, drawn, stop);
        drawn = stop;
    }

    /** Makes positions at and above {@code p} of the order final (backward Fisher–Yates steps down to p). */
    private void fixDownTo(int p) {
        if (order == null) {
            int[] kept = kept();
            if (kept != null) {
                order = kept;
                fixed = 0;
                return;
            }
            if (scratch.length < size) scratch = new int[Math.max(size, scratch.length * 2)];
            order = scratch;
            Bits.pages(current, order);
            fixed = size;
        }
        if (fixed <= p) return;
        drawDownTo(p);
        int[] a = order, d = draws;
        int stop = Math.max(p, 1);
        for (int i = fixed - 1; i >= stop; i--) {
            int j = d[i];
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

    private void mark(int p) {
        log[p >>> 6] |= 1L << p;
        if (ever != null) ever[p >>> 6] |= 1L << p;
        used = Math.max(used, (p >>> 6) + 1);
    }

    /**
     * Where the {@code k} positions in {@code followed} (of the sorted pages) end up in the shuffled order, as far as
     * the steps from the top down to {@code c} (&gt; 0) tell: {@code at} gets the position (at or above c), or −1 for
     * below c.
     * Each page is followed through the steps (a step moves a page only when it picks its position, or when the page
     * is at the top), without moving the others.
     */
    private void follow(int k, int c) {
        drawDownTo(c);
        if (tag.length < size) {
            tag = new int[Math.max(size, tag.length * 2)];
            follower = new int[tag.length];
            generation = 0;
        }
        if (++generation == 0) { // wrapped: forget every old tag
            java.util.Arrays.fill(tag, 0);
            generation = 1;
        }
        int g = generation;
        int[] t = tag, f = follower, d = draws;
        for (int e = 0; e < k; e++) {
            t[followed[e]] = g;
            f[followed[e]] = e;
            at[e] = -1;
        }
        int left = k;
        for (int i = size - 1, stop = Math.max(c, 1); i >= stop && left > 0; i--) {
            int j = d[i];
            if (t[j] == g) { // picked: fixed at position i
                at[f[j]] = i;
                t[j] = 0;
                left--;
            }
            if (j != i && t[i] == g) { // the page at the top takes the picked one's place
                t[j] = g;
                f[j] = f[i];
                t[i] = 0;
            }
        }
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
            return mixed(seed += GAMMA);
        }

        /** A number in [0, bound), bound &gt; 0. */
        int nextInt(int bound) {
            int r = next(), m = bound - 1;
            if ((bound & m) == 0) return r & m;
            for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = next() >>> 1) {}
            return r;
        }

        /**
         * The draws of a backward shuffle's steps {@code from − 1} down to {@code stop}: {@code into[i] =
         * nextInt(i + 1)}, in that order, the state kept in a local (the loop's only memory traffic is the stores).
         */
        void steps(int[] into, int from, int stop) {
            long s = seed;
            for (int i = from - 1; i >= stop; i--) {
                int bound = i + 1, r = mixed(s += GAMMA);
                if ((bound & i) == 0) {
                    r &= i;
                } else {
                    for (int u = r >>> 1; u + i - (r = u % bound) < 0; u = mixed(s += GAMMA) >>> 1) {}
                }
                into[i] = r;
            }
            seed = s;
        }

        private static int mixed(long z) {
            z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
            return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
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
     * missing: {@link #settleOn} makes it the log where a reader looks.
     */
    long[] logSoFar() {
        catchUp();
        if (current != null && done < due && order != null && fixed <= (done == 0 ? due : done)) place(); // known
        return log;
    }

    /**
     * Makes {@link #logSoFar()} the log at the pages in [{@code from}, {@code to}) that are set in {@code mask};
     * returns whether it was already (nothing changed). The partly due unit's pages there that are missing from the
     * log are followed through the shuffle when they are few (the rest of the unit stays unplaced); else the unit's due
     * pages are placed.
     */
    boolean settleOn(long[] mask, int from, int to) {
        if (current == null || done >= due || from >= to) return true;
        int k = 0;
        PeekableIntIterator it = current.getIntIterator();
        it.advanceIfNeeded(from);
        while (it.hasNext()) {
            int p = it.next();
            if (p >= to) break;
            long bit = 1L << p;
            if ((log[p >>> 6] & bit) != 0 || (mask[p >>> 6] & bit) == 0) continue;
            if (k == FOLLOW) { // many: place them all
                place();
                return false;
            }
            followed[k++] = p;
        }
        if (k == 0) return true;
        if (order == null && kept() != null) { // the whole order is at hand: place the due pages
            place();
            return false;
        }
        for (int e = 0; e < k; e++) followed[e] = (int) current.rank(followed[e]) - 1; // page -> sorted position
        // from 0, the first `due` as a set: below due; else the ones from `done` on: in [done, due)
        int low = done == 0 ? due : done;
        follow(k, low);
        boolean unchanged = true;
        for (int e = 0; e < k; e++) {
            if (done == 0 ? at[e] >= 0 : at[e] < 0 || at[e] >= due) continue;
            mark(current.select(followed[e]));
            unchanged = false;
        }
        return unchanged;
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
