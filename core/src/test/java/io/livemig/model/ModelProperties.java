package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the models. The step function S_new^T makes D(T) jump down where S_new^{k+1} &lt; S_new^k (the paper's
 * profiles do: eclipse's D(0.99 s) &gt; D(1 s)), and then neither D(T) nor the migration time is monotone; so the
 * monotonicity laws are checked on profiles whose S_new does not decrease with T, where they hold. The cap laws
 * hold for every profile.
 */
class ModelProperties {

    @Provide
    Arbitrary<LinearDirtyProfile> anyProfile() {
        return Arbitraries.doubles()
                .between(1, 20000)
                .flatMap(s -> Arbitraries.doubles()
                        .between(0, 5000)
                        .array(double[].class)
                        .ofMinSize(1)
                        .ofMaxSize(10)
                        .flatMap(sNew -> Arbitraries.doubles()
                                .between(s, 262144)
                                .map(mw -> LinearDirtyProfile.paper(s, sNew, mw))));
    }

    @Provide
    Arbitrary<LinearDirtyProfile> nonDecreasingProfile() {
        return Arbitraries.doubles()
                .between(1, 20000)
                .flatMap(s -> Arbitraries.doubles()
                        .between(0, 5000)
                        .array(double[].class)
                        .ofMinSize(1)
                        .ofMaxSize(10)
                        .flatMap(sNew -> {
                            double[] sorted = sNew.clone();
                            java.util.Arrays.sort(sorted);
                            return Arbitraries.doubles()
                                    .between(s, 262144)
                                    .map(mw -> LinearDirtyProfile.paper(s, sorted, mw));
                        }));
    }

    @Provide
    Arbitrary<PrecopyPolicy> policy() {
        return Arbitraries.of(
                XenLegacy.paper(false),
                XenLegacy.paper(true),
                XenV2.xen4_6(),
                Qemu.defaults(),
                Qemu.qemu1_7().withMaxBandwidth(DataRate.unlimited()));
    }

    @Property
    void dirtiedIsCappedByMwAndNeverNegative(
            @ForAll("anyProfile") LinearDirtyProfile p, @ForAll @DoubleRange(min = 0, max = 1000) double t) {
        assertThat(p.dirtiedPages(t)).isBetween(0.0, p.mwPages());
    }

    @Property
    void dirtiedIsMonotoneWhenSNewDoesNotDecrease(
            @ForAll("nonDecreasingProfile") LinearDirtyProfile p,
            @ForAll @DoubleRange(min = 0, max = 100) double t,
            @ForAll @DoubleRange(min = 0, max = 50) double dt) {
        assertThat(p.dirtiedPages(t + dt)).isGreaterThanOrEqualTo(p.dirtiedPages(t));
    }

    @Property
    void iterationCountRespectsThePolicyCapAndNothingIsNaN(
            @ForAll("anyProfile") LinearDirtyProfile p,
            @ForAll("policy") PrecopyPolicy policy,
            @ForAll @DoubleRange(min = 0.5, max = 2000) double mibPerSecond) {
        Vm vm = Vm.of("vm", DataSize.ofGiB(1), p);
        for (MigrationModel m : Models.all()) {
            Prediction pr = m.predict(vm, DataRate.ofMiBps(mibPerSecond), policy);
            assertThat(pr.iterationCount()).as(m.name()).isLessThanOrEqualTo(policy.maxIterations());
            assertThat(pr.downtimeSeconds()).as(m.name()).isFinite();
            assertThat(Double.isNaN(pr.precopySeconds())).as(m.name()).isFalse();
            if (pr.converged()) assertThat(pr.precopySeconds()).as(m.name()).isFinite();
            else assertThat(pr.stopDetail()).as(m.name()).contains("does not converge");
        }
    }

    @Property
    void fasterRateNeverCostsMoreTimeOrTraffic(
            @ForAll("nonDecreasingProfile") LinearDirtyProfile p,
            @ForAll @DoubleRange(min = 1, max = 1000) double mibPerSecond,
            @ForAll @DoubleRange(min = 1, max = 4) double factor,
            @ForAll @IntRange(min = 0, max = 1) int which) {
        PrecopyPolicy policy = which == 0 ? XenLegacy.paper(false) : XenV2.xen4_6();
        Vm vm = Vm.of("vm", DataSize.ofGiB(1), p);
        for (MigrationModel m :
                new MigrationModel[] {new FullCopyModel(), ProposedModel.withSkip("p", SkipFunction.none())}) {
            Prediction slow = m.predict(vm, DataRate.ofMiBps(mibPerSecond), policy);
            Prediction fast = m.predict(vm, DataRate.ofMiBps(mibPerSecond * factor), policy);
            // 1e-9 relative: floating-point sums over up to 29 iterations
            assertThat(fast.migrationSeconds()).as(m.name()).isLessThanOrEqualTo(slow.migrationSeconds() * (1 + 1e-9));
            // Traffic: exact under Xen v2. Under Xen legacy the 3·M cap is checked after an iteration is sent, so a
            // faster migration that reaches the cap in a later iteration can overshoot it by up to one set (≤ M):
            // a documented exception, bounded here.
            double slack = policy instanceof XenLegacy ? vm.memory().bytes() : 0;
            assertThat(fast.trafficBytes()).as(m.name()).isLessThanOrEqualTo(slow.trafficBytes() * (1 + 1e-9) + slack);
        }
    }
}
