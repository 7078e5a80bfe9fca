package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

class ModelInputTest {
    static final Vm VM =
            Vm.of("vm", DataSize.ofGiB(1), LinearDirtyProfile.paper(8822, new double[] {2775, 1559}, 119435));

    @Test
    void impossibleInputsAreRejectedWithTheirNameAndValue() {
        for (MigrationModel m : Models.all()) {
            assertThatThrownBy(() -> m.predict(VM, DataRate.ofBytesPerSecond(0), XenLegacy.paper(false)))
                    .as(m.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate")
                    .hasMessageContaining("0");
            assertThatThrownBy(() -> m.predict(VM, DataRate.ofBytesPerSecond(Double.NaN), XenLegacy.paper(false)))
                    .as(m.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate");
        }
        assertThatThrownBy(
                        () -> Vm.of("big", DataSize.ofMiB(100), LinearDirtyProfile.paper(10, new double[] {1}, 30000)))
                .hasMessageContaining("M_w")
                .hasMessageContaining("30000 pages");
        assertThatThrownBy(() -> LinearDirtyProfile.paper(-1, new double[] {1}, 10))
                .hasMessageContaining("S must be > 0, got -1");
    }

    /**
     * Why the iteration rows of dacapo-eclipse cycle under Xen with skip (the demo, section 1): the paper's D(T) is
     * not monotone at T = 1 s, where S_new^T steps from S_new^0 to S_new^1, and the recurrence settles on a 3-cycle
     * around that step. With one S_new (a monotone D) the same skip fractions settle on a fixed point.
     */
    @Test
    void xenSkipRowsCycleOnlyWhereThePapersDOfTStepsDown() {
        LinearDirtyProfile eclipse = LinearDirtyProfile.paper(
                8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435);
        assertThat(eclipse.dirtiedPages(0.9)).isGreaterThan(eclipse.dirtiedPages(1.02)); // the step: 31 022 > 23 165
        DataRate r = DataRate.ofMiBps(100);
        Prediction stepped = ProposedModel.defaults()
                .predict(Vm.of("eclipse", DataSize.ofGiB(1), eclipse), r, XenLegacy.paper(true));
        double[] sent = stepped.iterations().stream()
                .filter(i -> !i.stopAndCopy())
                .mapToDouble(Iteration::sentPages)
                .toArray();
        assertThat(sent[9]).isCloseTo(sent[6], org.assertj.core.data.Percentage.withPercentage(1)); // period 3
        double lo = Math.min(sent[6], Math.min(sent[7], sent[8])), hi = Math.max(sent[6], Math.max(sent[7], sent[8]));
        assertThat(hi / lo).isGreaterThan(3); // 1 374 … 8 898 pages

        LinearDirtyProfile flat = LinearDirtyProfile.paper(8822, new double[] {1559}, 119435);
        Prediction settled =
                ProposedModel.defaults().predict(Vm.of("eclipse", DataSize.ofGiB(1), flat), r, XenLegacy.paper(true));
        double[] s2 = settled.iterations().stream()
                .filter(i -> !i.stopAndCopy())
                .mapToDouble(Iteration::sentPages)
                .toArray();
        // damped: from iteration 8 on the rows only shrink, towards a fixed point (about 5 573 pages)
        for (int i = 8; i < s2.length; i++)
            assertThat(s2[i]).as("iteration " + (i + 1)).isLessThanOrEqualTo(s2[i - 1] + 1e-6);
        assertThat(s2[s2.length - 1])
                .isCloseTo(s2[s2.length - 2], org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void nonConvergingMigrationIsAResultWithItsReason() {
        Vm busy = Vm.of("busy", DataSize.ofGiB(2), LinearDirtyProfile.paper(20000, new double[] {5000}, 400000));
        Prediction p = ProposedModel.defaults().predict(busy, DataRate.ofMiBps(50), PrecopyPolicy.named("qemu"));
        assertThat(p.stopReason()).isEqualTo(StopReason.DOES_NOT_CONVERGE);
        assertThat(p.converged()).isFalse();
        assertThat(p.precopySeconds()).isInfinite();
        assertThat(p.downtimeSeconds()).isFinite().isPositive();
        assertThat(p.stopDetail()).contains("does not converge");
    }

    @Test
    void geometricRowsStayWithinMemoryAndAddUpWhenLambdaExceedsOne() {
        // S = 100 MiB/s at R = 50 MiB/s: λ = 2. Rows used to grow as M·λ^{i−1}.
        Prediction p = new GeometricSeriesModel(DirtyRateSource.fixed(100 * 256))
                .predict(VM, DataRate.ofMiBps(50), XenLegacy.paper(false));
        assertThat(p.iterations()).allSatisfy(it -> assertThat(it.sentPages()).isLessThanOrEqualTo(VM.memoryPages()));
        assertThat(p.precopyPages()).isCloseTo(3 * VM.memoryPages(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.precopySeconds())
                .isCloseTo(p.precopyPages() / (50 * 256.0), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(p.stopReason()).isEqualTo(StopReason.TRAFFIC_CAP);
        assertThat(p.toTable().rowCount()).isEqualTo(p.iterations().size());
    }
}
