package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.Percentiles;
import io.livemig.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationGoldenTest {
    @Test
    void heldOutPredictionsUseCoefficientsFittedWithoutTheirWorkload() {
        Dataset d = Dataset.load(TestData.datasetDir());
        List<MeasuredRun> runs =
                d.runs().stream().filter(r -> !r.skip() && r.inPaperSet()).toList();
        CrossValidation.Fit fit =
                CrossValidation.lowo(runs, Variants.efficiencyGrid(), c -> Variants.proposedNoSkip(c[0], c[1]), "k");
        assertThat(fit.chosenPerWorkload()).hasSize(53);
        assertThat(fit.crossValidated().crossValidated()).isTrue();
        assertThat(fit.inSample().crossValidated()).isFalse();
        for (MeasuredRun run : runs) {
            double[] c = fit.chosenPerWorkload().get(run.workload());
            Variant.Outcome expected =
                    Variants.proposedNoSkip(c[0], c[1]).predictor().predict(run, null);
            Variant.Outcome held = fit.crossValidated().predictor().predict(run, null);
            assertThat(held.precopySeconds()).isEqualTo(expected.precopySeconds());
        }
    }

    @Test
    void nearestRankPercentileIsTheValueAtRankCeilQn() {
        assertThat(Percentiles.nearestRank(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10}, 0.9))
                .isEqualTo(9);
        assertThat(Percentiles.nearestRank(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11}, 0.9))
                .isEqualTo(10);
        assertThat(Percentiles.nearestRank(new double[] {Double.NaN, 2}, 0.9)).isEqualTo(2);
    }
}
