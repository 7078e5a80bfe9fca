package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelInputTest {
    static final Vm VM = Vm.of("vm", DataSize.ofGiB(1), LinearDirtyProfile.paper(8822, new double[]{2775, 1559}, 119435));

    @Test void impossibleInputsAreRejectedWithTheirNameAndValue() {
        for (MigrationModel m : Models.all()) {
            assertThatThrownBy(() -> m.predict(VM, DataRate.ofBytesPerSecond(0), XenLegacy.paper(false))).as(m.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate").hasMessageContaining("0");
            assertThatThrownBy(() -> m.predict(VM, DataRate.ofBytesPerSecond(Double.NaN), XenLegacy.paper(false))).as(m.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        }
        assertThatThrownBy(() -> Vm.of("big", DataSize.ofMiB(100), LinearDirtyProfile.paper(10, new double[]{1}, 30000)))
                .hasMessageContaining("M_w").hasMessageContaining("30000 pages");
        assertThatThrownBy(() -> LinearDirtyProfile.paper(-1, new double[]{1}, 10)).hasMessageContaining("S must be > 0, got -1");
    }

    @Test void nonConvergingMigrationIsAResultWithItsReason() {
        Vm busy = Vm.of("busy", DataSize.ofGiB(2), LinearDirtyProfile.paper(20000, new double[]{5000}, 400000));
        Prediction p = ProposedModel.defaults().predict(busy, DataRate.ofMiBps(50), PrecopyPolicy.named("qemu"));
        assertThat(p.stopReason()).isEqualTo(StopReason.DOES_NOT_CONVERGE);
        assertThat(p.converged()).isFalse();
        assertThat(p.precopySeconds()).isInfinite();
        assertThat(p.downtimeSeconds()).isFinite().isPositive();
        assertThat(p.stopDetail()).contains("does not converge");
    }

    @Test void geometricRowsStayWithinMemoryAndAddUpWhenLambdaExceedsOne() {
        // S = 100 MiB/s at R = 50 MiB/s: λ = 2. Rows used to grow as M·λ^{i−1}.
        Prediction p = new GeometricSeriesModel(DirtyRateSource.fixed(100 * 256)).predict(VM, DataRate.ofMiBps(50), XenLegacy.paper(false));
        assertThat(p.iterations()).allSatisfy(it -> assertThat(it.sentPages()).isLessThanOrEqualTo(VM.memoryPages()));
        assertThat(p.precopyPages()).isCloseTo(3 * VM.memoryPages(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.precopySeconds()).isCloseTo(p.precopyPages() / (50 * 256.0), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(p.stopReason()).isEqualTo(StopReason.TRAFFIC_CAP);
        assertThat(p.toTable().rowCount()).isEqualTo(p.iterations().size());
    }
}
