package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.ReadmeFigures;
import io.livemig.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Every figure of README's validation table ("Validate against measured migrations"), recomputed at test time: the
 * reference variants, the fitted ones in-sample, leave-one-workload-out and leave-one-family-out, and the simulator
 * on the twins. A changed model, grid or cross-validation that moves a published figure fails here until README.md
 * says the new number.
 */
class ValidationGoldenTest {
    static Table summary;
    static List<CrossValidation.Fit> fits;

    @BeforeAll
    static void run() {
        Dataset d = Dataset.load(TestData.datasetDir());
        List<Variant> variants = new ArrayList<>(Variants.reference());
        fits = Variants.fitted(d.runs());
        for (CrossValidation.Fit f : fits) {
            variants.add(f.inSample());
            variants.add(f.crossValidated());
            variants.add(f.familyHeldOut());
        }
        variants.addAll(Variants.simulatorOnTwins(1));
        summary = Validation.run(d, variants).summary();
    }

    private static double value(String variant, int rows, String column) {
        Table t = summary.where(summary.stringColumn("variant")
                .isEqualTo(variant)
                .and(summary.intColumn("rows").isEqualTo(rows)));
        assertThat(t.rowCount()).as("%s on %d rows", variant, rows).isEqualTo(1);
        return t.doubleColumn(column).getDouble(0);
    }

    @Test
    void everyFigureOfTheReadmeValidationTableIsRecomputed() {
        String[] columns = {"p90_time_pct", "p90_time_s", "p90_traffic_mb", "p90_downtime_s"};
        List<List<String>> rows = ReadmeFigures.table("| variant | p90 time % |");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (List<String> row : rows) {
            String variant = ReadmeFigures.name(row.get(0));
            for (int c = 0; c < columns.length; c++) {
                List<ReadmeFigures.Figure> f = ReadmeFigures.figures(row.get(c + 1));
                assertThat(f).as("%s, %s: '361 (371)'", variant, columns[c]).hasSize(2);
                for (int set = 0; set < 2; set++) {
                    double computed = value(variant, set == 0 ? 361 : 371, columns[c]);
                    checked++;
                    if (!f.get(set).matches(computed)) {
                        mismatches.add(variant + " " + columns[c] + " (" + (set == 0 ? 361 : 371) + " rows): README "
                                + f.get(set).text() + ", computed " + computed);
                    }
                }
            }
        }
        assertThat(mismatches).as("README figures that no longer hold").isEmpty();
        assertThat(checked).isEqualTo(rows.size() * 8);
        // every fitted variant is published, cross-validated both ways
        List<String> published =
                rows.stream().map(r -> ReadmeFigures.name(r.get(0))).toList();
        for (CrossValidation.Fit f : fits) {
            assertThat(published)
                    .contains(
                            f.inSample().name(),
                            f.crossValidated().name(),
                            f.familyHeldOut().name());
        }
    }
}
