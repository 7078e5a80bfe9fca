package io.livemig.profile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Laws of the trace-following D(T): monotone, capped by M_w, through its points, concave where they are. */
class CurveDirtyProfileProperties {

    /** Concave points: nonincreasing, non-negative increments. */
    @Provide
    Arbitrary<CurveDirtyProfile> concave() {
        return Arbitraries.doubles()
                .between(1, 20000)
                .flatMap(first -> Arbitraries.doubles()
                        .between(0, 1)
                        .array(double[].class)
                        .ofMinSize(1)
                        .ofMaxSize(100)
                        .flatMap(ratios -> {
                            double[] p = new double[ratios.length];
                            p[0] = first;
                            double inc = first;
                            for (int i = 1; i < p.length; i++) {
                                inc *= ratios[i];
                                p[i] = p[i - 1] + inc;
                            }
                            return Arbitraries.doubles()
                                    .between(1, 3)
                                    .map(f -> new CurveDirtyProfile(0.1, p, p[p.length - 1] * f, 4096));
                        }));
    }

    /** Any non-negative points, not sorted: the profile makes them monotone. */
    @Provide
    Arbitrary<CurveDirtyProfile> any() {
        return Arbitraries.doubles()
                .between(0, 50000)
                .array(double[].class)
                .ofMinSize(1)
                .ofMaxSize(100)
                .flatMap(p -> {
                    p[0] = Math.max(p[0], 1);
                    return Arbitraries.doubles().between(1, 60000).map(mw -> new CurveDirtyProfile(0.1, p, mw, 4096));
                });
    }

    @Property
    void monotoneAndCapped(
            @ForAll("any") CurveDirtyProfile d,
            @ForAll @DoubleRange(min = 0, max = 200) double a,
            @ForAll @DoubleRange(min = 0, max = 200) double b) {
        double lo = Math.min(a, b), hi = Math.max(a, b);
        assertThat(d.dirtiedPages(lo)).isLessThanOrEqualTo(d.dirtiedPages(hi));
        assertThat(d.dirtiedPages(hi)).isLessThanOrEqualTo(d.mwPages());
        assertThat(d.dirtiedPages(0)).isZero();
    }

    @Property
    void throughItsPoints(@ForAll("concave") CurveDirtyProfile d) {
        double[] p = d.pointsPages();
        for (int n = 1; n <= p.length; n++)
            assertThat(d.dirtiedPages(n * 0.1))
                    .isCloseTo(p[n - 1], org.assertj.core.api.Assertions.within(1e-6 * p[n - 1]));
    }

    @Property
    void concaveWhereThePointsAre(
            @ForAll("concave") CurveDirtyProfile d,
            @ForAll @DoubleRange(min = 0, max = 30) double a,
            @ForAll @DoubleRange(min = 0, max = 30) double b) {
        double mid = d.dirtiedPages((a + b) / 2), chord = (d.dirtiedPages(a) + d.dirtiedPages(b)) / 2;
        assertThat(mid).isGreaterThanOrEqualTo(chord - 1e-6 * (1 + chord));
    }

    @Property
    void reachesTowardsMwBeyondThePoints(@ForAll("concave") CurveDirtyProfile d) {
        double end = d.coveredSeconds();
        double last = d.pointsPages()[d.pointsPages().length - 1];
        assertThat(d.dirtiedPages(end + 1)).isBetween(last, d.mwPages());
        if (d.mwPages() > last && d.pointsPages().length > 1 && last > d.pointsPages()[d.pointsPages().length - 2]) {
            assertThat(d.dirtiedPages(end + 1)).isGreaterThan(last);
        }
    }
}
