package io.livemig.profile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class LinearDirtyProfileProperties {

    @Provide
    Arbitrary<LinearDirtyProfile> constantSNew() {
        return Arbitraries.doubles()
                .between(1, 50_000)
                .flatMap(s -> Arbitraries.doubles()
                        .between(0, 20_000)
                        .flatMap(sNew -> Arbitraries.doubles()
                                .between(s, 400_000)
                                .map(mw -> LinearDirtyProfile.paper(s, new double[] {sNew}, mw))));
    }

    /** With one S_new value, D(T) is monotone; the step function S_new^T may break this, see the DirtyProfile docs. */
    @Property
    void dirtiedIsMonotoneWithConstantSNew(
            @ForAll("constantSNew") LinearDirtyProfile p,
            @ForAll @DoubleRange(min = 0, max = 100) double t,
            @ForAll @DoubleRange(min = 0, max = 10) double dt) {
        assertThat(p.dirtiedPages(t + dt)).isGreaterThanOrEqualTo(p.dirtiedPages(t));
    }

    @Property
    void dirtiedIsCappedByMw(
            @ForAll("constantSNew") LinearDirtyProfile p, @ForAll @DoubleRange(min = 0, max = 10_000) double t) {
        assertThat(p.dirtiedPages(t)).isBetween(0.0, p.mwPages());
    }
}
