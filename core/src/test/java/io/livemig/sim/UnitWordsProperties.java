package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/** A unit's words set exactly its pages, whatever containers Roaring chose (array, bitmap, run). */
class UnitWordsProperties {
    @Property(tries = 300)
    void wordsSetThePagesOfTheUnit(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 400_000) int memory,
            @ForAll @IntRange(min = 0, max = 20_000) int pages,
            @ForAll boolean runs) {
        SplittableRandom r = new SplittableRandom(seed);
        RoaringBitmap b = new RoaringBitmap();
        for (int i = 0; i < pages; i++) {
            int p = r.nextInt(memory);
            if (runs) b.add((long) p, Math.min(memory, p + 1L + r.nextInt(300)));
            else b.add(p);
        }
        if (runs) b.runOptimize();
        long[] expected = Bits.create(memory);
        b.forEach((int p) -> Bits.set(expected, p));
        long[] into = Bits.create(memory);
        into[into.length - 1] |= 1L << 63; // ORed into, not overwritten
        expected[expected.length - 1] |= 1L << 63;
        int[] buffer = new int[1 << 12];
        long[] words = new long[1 << 10];
        UnitWords.of(new RoaringBitmap(), buffer, words).orInto(into); // leaves scratch a later unit must not see
        UnitWords.of(b, buffer, words).orInto(into);
        UnitWords.of(b, buffer, words).orInto(into); // scratch reused
        assertThat(into).isEqualTo(expected);
    }
}
