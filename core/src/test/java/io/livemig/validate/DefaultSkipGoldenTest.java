package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.Percentiles;
import io.livemig.TestData;
import io.livemig.model.MigrationModel;
import io.livemig.model.ProposedModel;
import io.livemig.model.SkipFunction;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evidence behind {@link ProposedModel#defaults()}'s skip function, on the dataset's 361 Xen-with-skip rows. */
class DefaultSkipGoldenTest {
    static List<MeasuredRun> xen;

    @BeforeAll
    static void load() {
        xen = Dataset.load(TestData.datasetDir()).runs().stream()
                .filter(r -> r.skip() && r.inPaperSet())
                .toList();
    }

    /** p90 relative migration-time error on the 361 rows: paper D(T), nominal rate, C-code conventions. */
    static double p90(MigrationModel model) {
        return p90(model, Variants::paperProfile);
    }

    static double p90(
            MigrationModel model,
            java.util.function.Function<WorkloadParams, io.livemig.profile.DirtyProfile> profile) {
        Variant v =
                new Variant("t", Variants.XEN, Conventions.cCode(), false, "t", Variants.model(model, profile, true));
        double[] e = xen.stream()
                .filter(MeasuredRun::inRepo361)
                .mapToDouble(run -> {
                    Variant.Outcome o = v.predictor().predict(run, null);
                    double meas = v.conventions().measuredMigrationSeconds(run);
                    return Math.abs(o.precopySeconds() + o.downtimeSeconds() - meas) / meas * 100;
                })
                .toArray();
        assertThat(e).hasSize(361);
        return Percentiles.nearestRank(e, 0.9);
    }

    @Test
    void theDefaultSkipFunctionBeatsVersionAOnTheMeasuredXenRuns() {
        double dflt = p90(ProposedModel.defaults());
        double a = p90(ProposedModel.withSkip("a", SkipFunction.versionA()));
        assertThat(dflt).isCloseTo(26.62, within(0.01));
        // version A as with-skip/predict-new.c computes it (SkipFunction.versionA), on either D(T)
        assertThat(a).isCloseTo(35.10, within(0.01));
        assertThat(p90(ProposedModel.withSkip("a", SkipFunction.versionA()), Variants::twoResolutionProfile))
                .isCloseTo(34.24, within(0.01));
        assertThat(dflt).isLessThan(a - 8);
    }

    @Test
    void theDefaultFractionsAreTheInSampleChoiceOfTheNominalRateFit() {
        CrossValidation.Fit fit = CrossValidation.lowo(
                xen,
                MeasuredRun::inRepo361,
                Variants.nominalFractionGrid().points(),
                c -> Variants.proposedSkipNominal(c[0], c[1], c[2]),
                "n");
        assertThat(fit.chosenIn()).containsExactly(new double[] {0, 0.85, 0.70}, within(1e-9));
        assertThat(fit.chosenPerWorkload()).hasSize(53);
    }
}
