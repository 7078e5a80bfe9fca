package io.livemig.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearDirtyProfileTest {
    // dacapo-eclipse, docs/model.md §2.2
    static final LinearDirtyProfile ECLIPSE =
            LinearDirtyProfile.paper(8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435);

    @Test
    void followsThePapersPiecewiseForm() {
        assertThat(ECLIPSE.dirtiedPages(0.05))
                .isCloseTo(8822 * 0.5, within(1e-9)); // shorter than one unit: linear from 0
        assertThat(ECLIPSE.dirtiedPages(0.5)).isCloseTo(8822 + 4 * 2775, within(1e-9)); // T < 1 s uses S_new^0
        assertThat(ECLIPSE.dirtiedPages(2.5)).isCloseTo(8822 + 24 * 1292, within(1e-9)); // ⌊2.5⌋ = 2
        assertThat(ECLIPSE.dirtiedPages(1000)).isEqualTo(119435); // capped by M_w
    }

    @Test
    void rejectsImpossibleParametersByName() {
        assertThatThrownBy(() -> LinearDirtyProfile.paper(Double.NaN, new double[] {1}, 10))
                .hasMessage("S must be > 0, got NaN pages");
        assertThatThrownBy(() -> LinearDirtyProfile.paper(5, new double[] {-1}, 10))
                .hasMessage("S_new[0] must be >= 0, got -1 pages");
        assertThatThrownBy(() -> LinearDirtyProfile.paper(5, new double[] {}, 10))
                .hasMessageContaining("at least one value");
    }

    @Test
    void vmRejectsMwAboveMemory() {
        var p = LinearDirtyProfile.paper(10, new double[] {1}, 300_000);
        assertThatThrownBy(() -> Vm.of("web", io.livemig.units.DataSize.ofGiB(1), p))
                .hasMessage("vm 'web': M_w (1.144 GiB, 300000 pages) must not exceed memory (1 GiB, 262144 pages)");
    }
}
