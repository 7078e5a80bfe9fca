package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The cross-validated figures are only worth publishing if no fold sees the runs it predicts. Each held-out choice
 * must be exactly the in-sample choice of a fit on the data without that workload (or family), computed from scratch;
 * a cross-validation that let the held-out runs into the objective, even partly, chooses differently for some fold.
 */
class CrossValidationLeakTest {
    static final List<MeasuredRun> RUNS = Dataset.load(TestData.datasetDir()).runs().stream()
            .filter(r -> !r.skip() && r.inPaperSet())
            .toList();

    private static void foldsAreBlind(
            Function<MeasuredRun, String> group, Function<CrossValidation.Fit, Map<String, double[]>> chosen) {
        List<double[]> grid = Variants.efficiencyGrid();
        CrossValidation.Fit fit =
                CrossValidation.lowo(RUNS, MeasuredRun::inRepo361, grid, c -> Variants.proposedNoSkip(c[0], c[1]), "k");
        int differFromInSample = 0;
        for (var e : chosen.apply(fit).entrySet()) {
            List<MeasuredRun> without = RUNS.stream()
                    .filter(r -> !group.apply(r).equals(e.getKey()))
                    .toList();
            double[] blind = CrossValidation.lowo(
                            without, MeasuredRun::inRepo361, grid, c -> Variants.proposedNoSkip(c[0], c[1]), "b")
                    .chosenIn();
            assertThat(e.getValue())
                    .as("coefficients chosen with %s held out", e.getKey())
                    .containsExactly(blind);
            if (!java.util.Arrays.equals(blind, fit.chosenIn())) differFromInSample++;
        }
        // the check has teeth only if holding out changes some choice: a fold that saw everything would choose chosenIn
        assertThat(differFromInSample)
                .as("folds whose blind choice differs from the in-sample one")
                .isPositive();
    }

    @Test
    void everyWorkloadFoldChoosesWithoutItsWorkload() {
        foldsAreBlind(MeasuredRun::workload, CrossValidation.Fit::chosenPerWorkload);
    }

    @Test
    void everyFamilyFoldChoosesWithoutItsFamily() {
        foldsAreBlind(MeasuredRun::family, CrossValidation.Fit::chosenPerFamily);
    }

    @Test
    void aFoldNeverTrainsOnItsGroup() {
        boolean[] train = CrossValidation.trainingRuns(RUNS, r -> true, MeasuredRun::family, "DaCapo");
        for (int j = 0; j < RUNS.size(); j++)
            assertThat(train[j]).isEqualTo(!RUNS.get(j).family().equals("DaCapo"));
    }
}
