package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.policy.Qemu;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

/**
 * A QEMU migration that cannot converge must say so within a bounded number of rounds, also when its steady state
 * alternates between two round lengths (found by a scan of linear profiles: before the cycle test this one ran the
 * 200 000-round safety net).
 */
class QemuSteadyStateTest {
    @Test
    void anAlternatingSteadyStateIsCalledOffEarly() {
        double sn = 300;
        var profile = LinearDirtyProfile.paper(
                500,
                new double[] {
                    sn, sn * 0.8, sn * 0.7, sn * 0.6, sn * 0.5, sn * 0.5, sn * 0.5, sn * 0.5, sn * 0.5, sn * 0.5
                },
                20_000);
        Prediction p = new QemuAccurateModel()
                .predict(Vm.of("cycle", DataSize.ofGiB(1), profile), DataRate.ofMiBps(10), Qemu.defaults());
        assertThat(p.stopReason()).isEqualTo(StopReason.DOES_NOT_CONVERGE);
        assertThat(p.stopDetail()).startsWith("does not converge:").contains("stay pending");
        // effort bound: the verdict comes from the steady-state tests, not from the safety net
        assertThat(p.iterations()).hasSizeLessThan(1_000);
    }

    @Test
    void everyLinearProfileOfTheScanEndsInBoundedRounds() {
        for (double rate : new double[] {5, 10, 20, 40, 80}) {
            for (double s : new double[] {500, 2000, 8822}) {
                for (double sn : new double[] {100, 300, 800, 2775}) {
                    var profile = LinearDirtyProfile.paper(
                            s,
                            new double[] {
                                sn, sn * 0.8, sn * 0.7, sn * 0.6, sn * 0.5, sn * 0.5, sn * 0.5, sn * 0.5, sn * 0.5,
                                sn * 0.5
                            },
                            20_000);
                    Prediction p = new QemuAccurateModel()
                            .predict(
                                    Vm.of("scan", DataSize.ofGiB(1), profile), DataRate.ofMiBps(rate), Qemu.defaults());
                    assertThat(p.iterations())
                            .as("rate %s, S %s, S_new %s", rate, s, sn)
                            .hasSizeLessThan(2_000);
                }
            }
        }
    }
}
