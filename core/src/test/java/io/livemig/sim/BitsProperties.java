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

    @Property(tries = 200)
    void upToKeepsTheBitsAtAndBelow(@ForAll @IntRange(min = 0, max = 63) int bit) {
        long mask = Bits.upTo(bit);
        for (int b = 0; b < 64; b++) assertThat((mask >>> b & 1) != 0).isEqualTo(b <= bit);
    }
}
