package io.livemig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** The nearest-rank percentile found by selection is the one the definition gives: sort, then take rank ⌈q·n⌉. */
class PercentilesProperties {
    @Provide
    Arbitrary<double[]> errors() {
        // duplicates, zeros of both signs, infinities (wrong verdicts) and NaN (missing) all occur in error columns
        Arbitrary<Double> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        6, Arbitraries.doubles().between(-50, 500).ofScale(1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.POSITIVE_INFINITY, Double.NaN, 7.5)));
        return value.array(double[].class).ofMinSize(0).ofMaxSize(400);
    }

    @Property(tries = 2000)
    void selectionAgreesWithSorting(
            @ForAll("errors") double[] values, @ForAll @DoubleRange(min = 0.01, max = 1) double q) {
        double[] kept =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double expected =
                kept.length == 0 ? Double.NaN : kept[Math.max((int) Math.ceil(q * kept.length - 1e-9), 1) - 1];
        double[] before = values.clone();
        assertThat(Double.compare(Percentiles.nearestRank(values, q), expected)).isZero();
        assertThat(values).as("the input is not reordered").isEqualTo(before);
    }

    @Property(tries = 1000)
    void sortTopEndsWithTheLargestValuesSorted(@ForAll("errors") double[] values, @ForAll long seed) {
        int top = values.length == 0 ? 0 : (int) Math.floorMod(seed, (long) values.length + 1);
        double[] v = values.clone();
        Percentiles.sortTop(v, v.length, top);
        double[] all = values.clone();
        Arrays.sort(all);
        double[] tail = Arrays.copyOfRange(v, v.length - top, v.length);
        assertThat(tail).as("the top, sorted").isEqualTo(Arrays.copyOfRange(all, all.length - top, all.length));
        if (top > 0 && top < v.length) {
            for (int i = 0; i < v.length - top; i++)
                assertThat(Double.compare(v[i], v[v.length - top])).isLessThanOrEqualTo(0);
        }
        double[] same = v.clone();
        Arrays.sort(same);
        assertThat(same).as("a permutation").isEqualTo(all);
    }
}
