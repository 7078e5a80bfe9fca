package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The word helpers the engines count with agree with bit-by-bit definitions. */
class BitsProperties {
    @Property(tries = 3000)
    void nthIsTheNthSetBitFromTheLowEnd(@ForAll long word, @ForAll @IntRange(min = 0, max = 63) int n) {
        Assume.that(Long.bitCount(word) > n);
        int seen = -1, expected = -1;
        for (int b = 0; b < 64 && expected < 0; b++) if ((word >>> b & 1) != 0 && ++seen == n) expected = b;
        assertThat(Bits.nth(word, n)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void upToKeepsTheBitsAtAndBelow(@ForAll @IntRange(min = 0, max = 63) int bit) {
        long mask = Bits.upTo(bit);
        for (int b = 0; b < 64; b++) assertThat((mask >>> b & 1) != 0).isEqualTo(b <= bit);
    }
}
