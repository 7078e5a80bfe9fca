package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/** The word helpers the engines count with agree with bit-by-bit definitions. */
class BitsProperties {
    @Property(tries = 3000)
    void nthIsTheNthSetBitFromTheLowEnd(@ForAll long word, @ForAll @IntRange(min = 0, max = 63) int n) {
        Assume.that(Long.bitCount(word) > n);
        int seen = -1, expected = -1;
        for (int b = 0; b < 64 && expected < 0; b++) if ((word >>> b & 1) != 0 && ++seen == n) expected = b;
        assertThat(Bits.nth(word, n)).isEqualTo(expected);
    }

    @Property(tries = 5000)
    void addingRepeatedlyIsTheLoopsSum(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int shape = r.nextInt(5), n = r.nextInt(200);
        double t = shape == 0 ? 0 : Math.scalb(1 + r.nextDouble(), r.nextInt(-30, 20)); // times from 0 to days
        double d = Math.scalb(1 + r.nextDouble(), r.nextInt(-40, 0)); // a page's seconds on the wire
        // also steps that are powers of two, exactly half-way between two ulps of t (ties), or below half an ulp
        double step = switch (shape) {
            case 1 -> Math.scalb(1.0, Math.getExponent(d));
            case 2 -> Math.ulp(t) * (0.5 + r.nextInt(3));
            case 3 -> Math.ulp(t) * 0.25;
            default -> d;
        };
        double loop = t;
        for (int i = 0; i < n; i++) loop += step;
        assertThat(Double.compare(Bits.addRepeatedly(t, step, n), loop))
                .as("%s + %s × %d", t, step, n)
                .isZero();
    }

    @Property(tries = 2000)
    void aRepeatedSumAddsWhatTheLoopAdds(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int shape = r.nextInt(4);
        double t = shape == 0 ? 0 : Math.scalb(1 + r.nextDouble(), r.nextInt(-1070, 20)); // subnormal ulps to days
        double d = switch (shape) { // a page time; a power of two; a tie at t's ulp; below half an ulp
            case 1 -> Math.scalb(1.0, r.nextInt(-40, 0));
            case 2 -> t == 0 ? 1e-6 : Math.ulp(t) * (0.5 + r.nextInt(3));
            case 3 -> t == 0 ? 1e-300 : Math.ulp(t) * 0.25;
            default -> Math.scalb(1 + r.nextDouble(), r.nextInt(-40, 0));
        };
        Bits.RepeatedSum sum = new Bits.RepeatedSum(d);
        double loop = t, ours = t;
        for (int call = 0; call < 50; call++) { // calls of a few pages, across binades
            int n = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 65 : 5000);
            for (int i = 0; i < n; i++) loop += d;
            ours = sum.add(ours, n);
            assertThat(Double.compare(ours, loop))
                    .as("%s + %s, call %d (%d)", t, d, call, n)
                    .isZero();
        }
    }

    @Property(tries = 200)
    void upToKeepsTheBitsAtAndBelow(@ForAll @IntRange(min = 0, max = 63) int bit) {
        long mask = Bits.upTo(bit);
        for (int b = 0; b < 64; b++) assertThat((mask >>> b & 1) != 0).isEqualTo(b <= bit);
    }

    /** A page set of every container kind: arrays (sparse, or dense in a hot region), bitmaps and runs. */
    private static RoaringBitmap pages(java.util.SplittableRandom r, int memory) {
        RoaringBitmap b = new RoaringBitmap();
        switch (r.nextInt(4)) {
            case 0 -> { // sparse: array containers
                for (int i = r.nextInt(3000); i > 0; i--) b.add(r.nextInt(memory));
            }
            case 1 -> { // dense: bitmap containers
                double d = 0.1 + r.nextDouble() * 0.9;
                for (int p = 0; p < memory; p++) if (r.nextDouble() < d) b.add(p);
            }
            case 2 -> { // runs
                for (int i = r.nextInt(20); i > 0; i--) {
                    int from = r.nextInt(memory);
                    b.add((long) from, Math.min(memory, from + 1L + r.nextInt(5000)));
                }
            }
            default -> { // a hot region half dirtied (array) and scattered pages
                int hot = Math.min(memory, 1 + r.nextInt(4096));
                for (int p = 0; p < hot; p++) if (r.nextBoolean()) b.add(p);
                for (int i = r.nextInt(300); i > 0; i--) b.add(r.nextInt(memory));
            }
        }
        if (r.nextBoolean()) b.runOptimize();
        return b;
    }

    /** Words already set before the OR: none, random ones, or some all ones (which the OR steps over). */
    private static long[] words(java.util.SplittableRandom r, int memory) {
        long[] w = Bits.create(memory);
        int shape = r.nextInt(3);
        for (int i = 0; i < w.length; i++) {
            if (shape == 1 && r.nextInt(4) == 0) w[i] = r.nextLong();
            if (shape == 2 && r.nextInt(3) != 0) w[i] = r.nextInt(4) == 0 ? r.nextLong() : -1L;
        }
        int rest = memory & 63;
        if (rest != 0) w[w.length - 1] &= (1L << rest) - 1;
        return w;
    }

    /** The pages set in {@code w}, read bit by bit (the reverse of {@link #words(RoaringBitmap, int)}). */
    private static RoaringBitmap pages(long[] w, int memory) {
        RoaringBitmap set = new RoaringBitmap();
        for (int p = 0; p < memory; p++) if (Bits.get(w, p)) set.add(p);
        return set;
    }

    private static long[] words(RoaringBitmap b, int memory) {
        long[] w = Bits.create(memory);
        b.forEach((org.roaringbitmap.IntConsumer) p -> Bits.set(w, p));
        return w;
    }

    @Property(tries = 400)
    void orIsRoaringsOwnUnion(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int memory = 1 + r.nextInt(r.nextBoolean() ? 5000 : 300_000);
        RoaringBitmap pages = pages(r, memory);
        long[] into = words(r, memory);
        RoaringBitmap before = pages(into, memory);
        Bits.or(into, pages, new long[1 << 10]);
        assertThat(into).isEqualTo(words(RoaringBitmap.or(before, pages), memory));
    }

    @Property(tries = 400)
    void coversIsRoaringsOwnSubsetTest(@ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int memory = 1 + r.nextInt(r.nextBoolean() ? 5000 : 300_000);
        RoaringBitmap pages = pages(r, memory);
        long[] bits = words(r, memory);
        if (r.nextBoolean()) Bits.or(bits, pages, new long[1 << 10]); // a superset
        if (r.nextBoolean() && !pages.isEmpty()) Bits.clear(bits, pages.select(r.nextInt(pages.getCardinality())));
        RoaringBitmap set = pages(bits, memory);
        boolean subset = RoaringBitmap.andNot(pages, set).isEmpty();
        assertThat(Bits.covers(bits, pages, new long[1 << 10])).isEqualTo(subset);
        // over a range and a mask: the pages there, masked, against the set
        int from = r.nextInt(memory + 1), to = from + r.nextInt(memory + 1 - from);
        long[] mask = r.nextBoolean() ? null : words(r, memory);
        RoaringBitmap there = RoaringBitmap.and(pages, RoaringBitmap.bitmapOfRange(from, to));
        if (mask != null) there.and(pages(mask, memory));
        assertThat(Bits.covers(bits, pages, from, to, mask))
                .isEqualTo(RoaringBitmap.andNot(there, set).isEmpty());
    }
}
