package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.roaringbitmap.RoaringBitmap;

/**
 * The lazy clock (whole units ORed at a read, the unit the time is inside of shuffled only as far as a read needs, a
 * few of its pages followed through the shuffle for a read of part of the log) reads what an eager clock reads that
 * applies every dirtying as soon as it is due, one page at a time in the seeded shuffled order: full reads, counts,
 * {@code ever}, and {@code logSoFar} where {@code settleOn} made it exact (and never a page more than the eager log),
 * across clears, pauses, loops of the trace and a second replay that uses kept orders.
 */
class DirtyClockProperties {

    @Property(tries = 400)
    void theLazyClockReadsWhatAnEagerOneApplied(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int memory = switch (r.nextInt(3)) {
            case 0 -> 1 + r.nextInt(300);
            case 1 -> 1 + r.nextInt(5000);
            default -> 65_000 + r.nextInt(80_000);
        };
        double unit = r.nextBoolean() ? 0.1 : 0.01 + r.nextDouble();
        int count = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(12);
        double density = Math.pow(r.nextDouble(), 2);
        List<RoaringBitmap> units = new ArrayList<>();
        for (int k = 0; k < count; k++) units.add(unit(r, memory, density));
        Trace trace = Trace.ofPages("t", new TraceHeader(4096, memory, unit), units);
        long clockSeed = r.nextLong();
        boolean trackEver = r.nextInt(3) == 0;
        long script = r.nextLong();
        for (int replay = 0; replay < 3; replay++) { // from the second replay on the trace keeps orders and words
            SplittableRandom ops = new SplittableRandom(script);
            Eager eager = new Eager(trace, clockSeed, trackEver);
            try (DirtyClock clock = new DirtyClock(Replay.of(trace), clockSeed, trackEver)) {
                run(ops, clock, eager, memory, unit, seed + " replay " + replay);
            }
        }
    }

    private static void run(SplittableRandom ops, DirtyClock clock, Eager eager, int memory, double unit, String as) {
        double time = 0;
        for (int step = 0; step < 80; step++) {
            String at = as + ", step " + step + " at " + time + " s";
            switch (ops.nextInt(10)) {
                case 0, 1, 2 -> { // mostly within a unit, sometimes across several (and loops of the trace)
                    time += unit * (ops.nextInt(4) == 0 ? ops.nextDouble() * 30 : ops.nextDouble() * 0.4);
                    clock.advanceTo(time);
                    eager.advanceTo(time);
                }
                case 3 -> assertThat(clock.log()).as(at).isEqualTo(eager.log);
                case 4 -> assertThat(clock.dirtyCount()).as(at).isEqualTo(Bits.count(eager.log));
                case 5 -> {
                    if (eager.ever != null) assertThat(clock.ever()).as(at).isEqualTo(eager.ever);
                }
                case 6 -> {
                    assertThat(clock.log()).as(at).isEqualTo(eager.log);
                    clock.clearLog();
                    eager.clearLog();
                }
                case 7 -> {
                    if (ops.nextInt(8) == 0) {
                        clock.pause();
                        eager.paused = true;
                    }
                }
                default -> { // a part of the log, as Xen's PEEK reads it
                    long[] mask = mask(ops, memory);
                    int from = ops.nextInt(memory + 1);
                    int to = from + ops.nextInt(memory + 1 - from);
                    long[] soFar = clock.logSoFar();
                    for (int w = 0; w < soFar.length; w++)
                        assertThat(soFar[w] & ~eager.log[w])
                                .as("%s: a page not dirtied yet", at)
                                .isZero();
                    long[] before = soFar.clone();
                    boolean unchanged = clock.settleOn(mask, from, to);
                    long[] after = clock.logSoFar();
                    for (int p = from; p < to; p++) {
                        if (!Bits.get(mask, p)) continue;
                        assertThat(Bits.get(after, p)).as("%s: page %d", at, p).isEqualTo(Bits.get(eager.log, p));
                        if (unchanged)
                            assertThat(Bits.get(before, p))
                                    .as("%s: unchanged, page %d", at, p)
                                    .isEqualTo(Bits.get(eager.log, p));
                    }
                }
            }
        }
        assertThat(clock.log()).as(as + ", at the end").isEqualTo(eager.log);
    }

    private static long[] mask(SplittableRandom r, int memory) {
        return switch (r.nextInt(3)) {
            case 0 -> Bits.all(memory);
            default -> {
                long[] m = Bits.create(memory);
                double d = r.nextDouble();
                for (int p = 0; p < memory; p++) if (r.nextDouble() < d) Bits.set(m, p);
                yield m;
            }
        };
    }

    private static RoaringBitmap unit(SplittableRandom r, int memory, double density) {
        RoaringBitmap b = new RoaringBitmap();
        switch (r.nextInt(5)) {
            case 0 -> {} // an idle unit
            case 1 -> { // a few runs
                for (int i = r.nextInt(4); i >= 0; i--) {
                    int from = r.nextInt(memory);
                    b.add((long) from, Math.min(memory, from + 1L + r.nextInt(1 + (int) (density * memory))));
                }
            }
            case 2 -> { // a hot region dirtied densely and a few pages elsewhere
                int hot = 1 + r.nextInt(Math.min(memory, 4096));
                for (int p = 0; p < hot; p++) if (r.nextBoolean()) b.add(p);
                for (int i = r.nextInt(50); i > 0; i--) b.add(r.nextInt(memory));
            }
            default -> { // scattered pages
                long n = (long) (density * memory) + r.nextInt(3);
                for (long i = 0; i < n; i++) b.add(r.nextInt(memory));
            }
        }
        if (r.nextBoolean()) b.runOptimize();
        return b;
    }

    /** Applies each dirtying when it is due, page by page in the shuffled order (the clock's definition). */
    private static final class Eager {
        final Trace trace;
        final long seed;
        final double unit;
        final long[] log;
        final long[] ever;
        boolean paused;
        double time;

        Eager(Trace trace, long seed, boolean trackEver) {
            this.trace = trace;
            this.seed = seed;
            this.unit = trace.header().unitSeconds();
            this.log = Bits.create((int) trace.memoryPages());
            this.ever = trackEver ? Bits.create((int) trace.memoryPages()) : null;
        }

        /** Pages of unit k due by time t: all before its unit, none after, a share of its own inside. */
        private int due(long k, double t, int n) {
            double units = t / unit;
            long full = (long) Math.floor(units);
            if (k < full) return n;
            if (k > full) return 0;
            double frac = units - full;
            if (frac <= 0) return 0;
            double x = frac * n;
            int j = (int) x;
            double offset = (DirtyClock.mix(seed * 31 + k * 0x632BE59BD9B4E019L + j) >>> 11) * 0x1.0p-53;
            return j >= n ? n : j + (offset < x - j ? 1 : 0);
        }

        void advanceTo(double t) {
            if (paused || t <= time || trace.unitCount() == 0) {
                if (!paused && t > time) time = t;
                return;
            }
            for (long k = (long) Math.floor(time / unit); k <= (long) Math.floor(t / unit); k++) {
                RoaringBitmap pages = trace.unit((int) (k % trace.unitCount()));
                int n = pages.getCardinality();
                int from = due(k, time, n), to = due(k, t, n);
                if (to <= from) continue;
                int[] order = DirtyClock.shuffled(pages, seed, k);
                for (int i = from; i < to; i++) {
                    Bits.set(log, order[i]);
                    if (ever != null) Bits.set(ever, order[i]);
                }
            }
            time = t;
        }

        void clearLog() {
            java.util.Arrays.fill(log, 0);
        }
    }
}
