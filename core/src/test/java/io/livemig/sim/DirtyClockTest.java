package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The clock's inlined random numbers are SplittableRandom's, so a seed places dirtyings where it always did. */
class DirtyClockTest {
    @Property(tries = 500)
    void intsAreSplittableRandomsBoundedInts(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int largest) {
        SplittableRandom jdk = new SplittableRandom(seed);
        DirtyClock.Ints ours = new DirtyClock.Ints(seed);
        SplittableRandom bounds = new SplittableRandom(~seed);
        for (int i = 0; i < 200; i++) {
            // small bounds, powers of two, and bounds near 2^31 where the rejection loop runs often
            int bound = switch (i % 4) {
                case 0 -> 1 + bounds.nextInt(Math.min(largest, 5000));
                case 1 -> 1 << bounds.nextInt(31);
                case 2 -> largest;
                default -> Integer.MAX_VALUE - bounds.nextInt(1 << 20);
            };
            assertThat(ours.nextInt(bound)).as("bound %d, draw %d", bound, i).isEqualTo(jdk.nextInt(bound));
        }
    }

    /** Units of up to 60 000 pages: a few hundred of the draws reject (probability up to 2.8e-5 each). */
    @Property(tries = 200)
    void stepsDrawWhatNextIntDrawsOneAfterAnother(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60_000) int size,
            @ForAll @IntRange(min = 0, max = 3) int cut) {
        DirtyClock.Ints one = new DirtyClock.Ints(seed), bulk = new DirtyClock.Ints(seed);
        int[] expected = new int[size], actual = new int[size];
        for (int i = size - 1; i >= 1; i--) expected[i] = one.nextInt(i + 1);
        int mid = Math.max(1, size - size * cut / 4); // drawn in two goes, as a clock asks for more later
        bulk.steps(actual, size, mid);
        bulk.steps(actual, mid, 1);
        assertThat(actual).isEqualTo(expected);
        assertThat(bulk.nextInt(1 << 20)).as("the state after").isEqualTo(one.nextInt(1 << 20));
    }
}
