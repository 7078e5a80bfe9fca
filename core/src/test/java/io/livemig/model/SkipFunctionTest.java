package io.livemig.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.policy.XenLegacy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import org.junit.jupiter.api.Test;

class SkipFunctionTest {
    static final Vm ECLIPSE = Vm.of(
            "eclipse",
            DataSize.ofGiB(1),
            LinearDirtyProfile.paper(
                    8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435));

    /**
     * with-skip/predict-new.c on dacapo-eclipse's profile at 50 MiB/s pre-copies for 35.0 s (issue 11's run of the C
     * program); an earlier versionA() took the next dirty set before the skip and clamped W, and gave 61.2 s.
     */
    @Test
    void versionAIsTheCProgram() {
        Prediction p = ProposedModel.withSkip("a", SkipFunction.versionA())
                .predict(ECLIPSE, DataRate.ofMiBps(50), XenLegacy.xen4_x());
        assertThat(p.precopySeconds()).isCloseTo(35.0, within(0.05)); // the C figure is printed to 0.1 s
        assertThat(SkipFunction.versionA().clamped()).isFalse();
        assertThat(SkipFunction.versionA().nextDirtySetAfterSkip()).isTrue();
    }

    @Test
    void versionBKeepsANegativeSkipAsTheCodeDoes() {
        assertThat(SkipFunction.versionB().clamped()).isFalse();
        assertThat(SkipFunction.versionB().nextDirtySetAfterSkip()).isFalse();
        assertThat(SkipFunction.defaultFractions().clamped()).isTrue();
    }
}
