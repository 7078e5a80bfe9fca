package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The objective reads each fold's p90 from errors sorted once and sums the mean only where the p90 leaves a grid point
 * in the race; its choice must be the scan's ({@link CrossValidation#bestByScan}: every point's p90 and mean over the
 * fold's runs), ties, NaN and infinite errors included.
 */
class CrossValidationObjectiveTest {
    @Property(tries = 300)
    void choosesWhatTheScanChooses(@ForAll long seed) {
        Random rnd = new Random(seed);
        int g = 1 + rnd.nextInt(60), n = 1 + rnd.nextInt(80), groups = 1 + rnd.nextInt(6);
        // few distinct values: ties in p90 and in the mean are the rule, as on the real grids
        double[] values = {0, 0.5, 1, 1, 2.25, 3, 7, Double.POSITIVE_INFINITY, Double.NaN};
        int spread = rnd.nextBoolean() ? 4 : values.length;
        double[][] err = new double[g][n];
        for (double[] row : err) for (int j = 0; j < n; j++) row[j] = values[rnd.nextInt(spread)];
        if (rnd.nextInt(4) == 0) err[rnd.nextInt(g)][rnd.nextInt(n)] = -1; // no pruning then
        boolean[] fitOn = new boolean[n];
        int[] group = new int[n];
        for (int j = 0; j < n; j++) {
            fitOn[j] = rnd.nextInt(5) > 0;
            group[j] = rnd.nextInt(groups);
        }
        boolean[] base = fitOn.clone();
        CrossValidation.Objective objective = new CrossValidation.Objective(err, base);
        assertThat(objective.best(base)).isEqualTo(CrossValidation.bestByScan(err, base));
        for (int held = 0; held < groups; held++) {
            boolean[] train = new boolean[n];
            boolean any = false;
            for (int j = 0; j < n; j++) any |= train[j] = fitOn[j] && group[j] != held;
            if (!any) continue;
            assertThat(objective.best(train)).as("fold %d", held).isEqualTo(CrossValidation.bestByScan(err, train));
        }
    }

    @Test
    void choosesWhatTheScanChoosesOnTheNominalXenGrid() {
        List<MeasuredRun> xen = Dataset.load(TestData.datasetDir()).runs().stream()
                .filter(r -> r.skip() && r.inPaperSet())
                .toList();
        double[][] err = Variants.nominalFractionGrid().errors(xen);
        boolean[] base = CrossValidation.trainingRuns(xen, MeasuredRun::inRepo361, r -> "", null);
        CrossValidation.Objective objective = new CrossValidation.Objective(err, base);
        for (Function<MeasuredRun, String> group :
                List.<Function<MeasuredRun, String>>of(MeasuredRun::workload, MeasuredRun::family)) {
            for (String held : xen.stream().map(group).distinct().toList()) {
                boolean[] train = CrossValidation.trainingRuns(xen, MeasuredRun::inRepo361, group, held);
                assertThat(objective.best(train)).as(held).isEqualTo(CrossValidation.bestByScan(err, train));
            }
        }
    }

    @Test
    void aTrainingSetOutsideTheBaseIsRefused() {
        double[][] err = {{1, 2, 3}};
        CrossValidation.Objective objective = new CrossValidation.Objective(err, new boolean[] {true, true, false});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> objective.best(new boolean[] {true, false, true}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run 2");
    }
}
