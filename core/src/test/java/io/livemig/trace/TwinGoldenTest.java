package io.livemig.trace;

import io.livemig.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twins of the 55 measured workloads: the fit of each twin reproduces S and M_w within 5 %, and the achievable
 * S_new^T (TwinTarget#achievable: published rows are often not a possible union curve) within 5 % for at least 50
 * rows and within 15 % for all.
 */
class TwinGoldenTest {

    @Test void everyTwinFitsItsRow() {
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
                failures.add(String.format(Locale.ROOT, "%s: S %.1f%%, M_w %.1f%%, S_new %.1f%% (published %.1f%%)",
                        row.name(), 100 * eS, 100 * eMw, 100 * eNew, 100 * ePub));
            }
        }
        System.out.printf(Locale.ROOT, "twins: worst S %.2f%%, M_w %.2f%%, achievable S_new %.2f%% (%d of 55 within 5%%); "
                + "%d of 55 within 5%% of the published S_new%n", 100 * worstS, 100 * worstMw, 100 * worstSNew, withinFive, matchesPublished);
        failures.forEach(System.out::println);
        assertThat(failures).isEmpty();
        // A few rows land between 5 % and 15 %: with P(G = 1) above 0.9 (dacapo-avrora) the units overflow S often and
        // the surplus, deferred by a unit, adds new pages to the shortest windows.
        assertThat(withinFive).as("twins whose S_new^T are within 5 %% of the achievable target").isGreaterThanOrEqualTo(50);
    }
}
