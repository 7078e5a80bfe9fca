package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Twins of the 55 measured workloads: the fit of each twin reproduces S and M_w within 5 %, and the achievable
 * S_new^T (TwinTarget#achievable: published rows are often not a possible union curve) within 5 % for at least 50
 * rows and within 15 % for all.
 */
class TwinGoldenTest {

    @Test
    void everyTwinFitsItsRow() {
        List<TwinTarget> rows = TwinTarget.readParams(TestData.datasetDir().resolve("params.csv"));
        assertThat(rows).hasSize(55);
        List<String> failures = new ArrayList<>();
        int matchesPublished = 0, withinFive = 0;
        double worstS = 0, worstMw = 0, worstSNew = 0;
        for (TwinTarget row : rows) {
            TraceFit fit = TraceGenerator.twin(row, 42).fit();
            TwinTarget goal = row.achievable();
            double eS = Math.abs(fit.sPages() - row.sPages()) / row.sPages();
            double eMw = Math.abs(fit.mwPages() - row.mwPages()) / (double) row.mwPages();
            double eNew = goal.maxRelativeSNewDifference(fit.sNewPages());
            double ePub = row.maxRelativeSNewDifference(fit.sNewPages());
            worstS = Math.max(worstS, eS);
            worstMw = Math.max(worstMw, eMw);
            worstSNew = Math.max(worstSNew, eNew);
            if (ePub <= 0.05) matchesPublished++;
            if (eNew <= 0.05) withinFive++;
            if (eS > 0.05 || eMw > 0.05 || eNew > 0.15) {
                failures.add(String.format(
                        Locale.ROOT,
                        "%s: S %.1f%%, M_w %.1f%%, S_new %.1f%% (published %.1f%%)",
                        row.name(),
                        100 * eS,
                        100 * eMw,
                        100 * eNew,
                        100 * ePub));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "twins: worst S %.2f%%, M_w %.2f%%, achievable S_new %.2f%% (%d of 55 within 5%%); "
                        + "%d of 55 within 5%% of the published S_new%n",
                100 * worstS,
                100 * worstMw,
                100 * worstSNew,
                withinFive,
                matchesPublished);
        failures.forEach(System.out::println);
        assertThat(failures).isEmpty();
        // A few rows land between 5 % and 15 %: with P(G = 1) above 0.9 (dacapo-avrora) the units overflow S often and
        // the surplus, deferred by a unit, adds new pages to the shortest windows.
        assertThat(withinFive)
                .as("twins whose S_new^T are within 5 %% of the achievable target")
                .isGreaterThanOrEqualTo(50);

        // the figures README's "Twins of the measured workloads" prints, read from README.md
        String readme;
        try {
            readme = java.nio.file.Files.readString(io.livemig.ReadmeFigures.readme())
                    .replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "reproduces S within ([\\d.]+) % and M_w within ([\\d.]+) % .*? "
                                + "within 5 % for (\\d+) of the 55 rows.*?matches that within 5 % for (\\d+) rows, within ([\\d.]+) % for all")
                .matcher(readme);
        assertThat(m.find()).as("README's twin sentence").isTrue();
        // "within X %" printed to one decimal: within 0.1 point of the worst case
        assertThat(100 * worstS)
                .as("worst S error, %%")
                .isCloseTo(Double.parseDouble(m.group(1)), org.assertj.core.data.Offset.offset(0.1));
        assertThat(100 * worstMw)
                .as("worst M_w error, %%")
                .isCloseTo(Double.parseDouble(m.group(2)), org.assertj.core.data.Offset.offset(0.1));
        assertThat(matchesPublished)
                .as("twins within 5 %% of the published S_new")
                .isEqualTo(Integer.parseInt(m.group(3)));
        assertThat(withinFive).as("twins within 5 %% of the achievable S_new").isEqualTo(Integer.parseInt(m.group(4)));
        assertThat(100 * worstSNew)
                .as("worst achievable S_new error, %%")
                .isCloseTo(Double.parseDouble(m.group(5)), org.assertj.core.data.Offset.offset(0.1));
    }
}
