package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fraction grids' error matrices, computed for the whole grid at once, are what each point's own variant (the
 * proposed model through {@code PrecopyLoop}) predicts, bit for bit: the cross-validation chooses from them.
 */
class ProposedGridTest {
    static final List<MeasuredRun> RUNS = Dataset.load(TestData.datasetDir()).runs();
    static final List<MeasuredRun> XEN =
            RUNS.stream().filter(r -> r.skip() && r.inPaperSet()).toList();
    static final List<MeasuredRun> KVM =
            RUNS.stream().filter(r -> !r.skip() && r.inPaperSet()).toList();

    /** Every {@code stride}-th point (all of them for 1) against its variant's predictions on every run. */
    private static void matchesTheModel(ProposedGrid grid, List<MeasuredRun> runs, int stride) {
        double[][] fast = grid.errors(runs);
        List<double[]> points = grid.points();
        assertThat(fast.length).isEqualTo(points.size());
        int checked = 0;
        for (int k = 0; k < points.size(); k += stride) {
            double[] slow = CrossValidation.errors(runs, List.of(points.get(k)), grid::at)[0];
            for (int j = 0; j < runs.size(); j++) {
                assertThat(Double.doubleToRawLongBits(fast[k][j]))
                        .as(
                                "point %s, run %s: %s vs %s",
                                java.util.Arrays.toString(points.get(k)),
                                runs.get(j).key(),
                                fast[k][j],
                                slow[j])
                        .isEqualTo(Double.doubleToRawLongBits(slow[j]));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void theNominalGridIsWhatItsVariantsPredict() {
        matchesTheModel(Variants.nominalFractionGrid(), XEN, 1);
    }

    @Test
    void theTwoResolutionGridIsWhatItsVariantsPredict() {
        // a stride prime to every axis length (6, 6, 6, 4, 6) visits every value of every axis
        matchesTheModel(Variants.fractionGrid(false), XEN, 7);
    }

    @Test
    void thePaperGridIsWhatItsVariantsPredict() {
        matchesTheModel(Variants.fractionGrid(true), XEN, 7);
    }

    @Test
    void theThroughputGridIsWhatItsVariantsPredict() {
        matchesTheModel(Variants.throughputGrid(), KVM, 1);
    }

    @Test
    void pointsRunTheFirstAxisSlowest() {
        List<double[]> p = Variants.fractionGrid(false).points();
        assertThat(p).hasSize(5184);
        assertThat(p.get(0)).containsExactly(0, 0, 0, 0.96, 0);
        assertThat(p.get(1)).containsExactly(0, 0, 0, 0.96, 0.0008);
        assertThat(p.get(6)).containsExactly(0, 0, 0, 1.0, 0);
        assertThat(p.get(5183)).containsExactly(1, 1, 1, 0.96 + 0.04 * 3, 0.0008 * 5);
        assertThat(Variants.nominalFractionGrid().points().get(1)).containsExactly(0, 0.5, 0.55);
        assertThat(Variants.efficiencyGrid().get(12)).containsExactly(0.97, 0.0002);
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProposedGrid.fractions(
                        new double[] {0},
                        new double[] {0.5, 1.2},
                        new double[] {0.5},
                        Variants::paperProfile,
                        c -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2");
    }
}
