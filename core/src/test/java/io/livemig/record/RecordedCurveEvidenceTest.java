package io.livemig.record;

import io.livemig.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Guards the figures of docs/record.md: a D(T) recorded over QMP from the lab's guest (data/record/*.curve.json, a
 * measurement made by livemig record dirty, see that doc) against the exact D(T) of the workload's trace
 * (data/record/*.lmt, the lab's trace of the same seeded workload).
 */
class RecordedCurveEvidenceTest {
    static Path data(String name) { return Path.of(System.getProperty("livemig.root", "..")).resolve("data/record").resolve(name); }

    @Test void theExactCurveOfAPeriodicTrace() {
        Trace t = Trace.read().file(data("uniform-r8000-w8192-m256-s1.lmt"));
        // 800 pages per 100 ms unit, each unit's pages distinct
        assertThat(CurveCheck.periodicDirtied(t, 1)).isCloseTo(800, within(40.0));
        // uniform over 8192 pages: D(n units) ≈ 8192·(1 − (1 − 1/8192)^(800·n)), here n = 10 (1 s): 5136 pages
        assertThat(CurveCheck.periodicDirtied(t, 10)).isCloseTo(8192 * (1 - Math.pow(1 - 1.0 / 8192, 8000)), within(150.0));
        // a window of the whole period or more: every page of the period
        assertThat(CurveCheck.periodicDirtied(t, 100)).isEqualTo(CurveCheck.periodicDirtied(t, 50));
    }

    @Test void recordedAgainstExactPerWindow() {
        DirtyCurve c = DirtyCurveFile.read(data("uniform-m256.curve.json"));
        Trace t = Trace.read().file(data("uniform-r8000-w8192-m256-s1.lmt"));
        var table = CurveCheck.compare(c, t);
        System.out.println(table.printAll());
        FIGURES.check(table);
    }

    /** The figures docs/record.md quotes (error_pct per window, rounded to whole percent, and how many lie inside). */
    static final Figures FIGURES = new Figures();

    static final class Figures {
        void check(tech.tablesaw.api.Table table) {
            assertThat(table.rowCount()).isEqualTo(7);
            int inside = 0;
            for (int i = 0; i < table.rowCount(); i++) if (table.booleanColumn("inside").get(i)) inside++;
            assertThat(inside).isEqualTo(EXPECTED_INSIDE);
            for (int i = 0; i < table.rowCount(); i++) {
                assertThat(Math.round(table.doubleColumn("error_pct").get(i))).as("window " + table.doubleColumn("window_s").get(i))
                        .isEqualTo(EXPECTED_ERROR_PCT[i]);
            }
        }
    }

    static final int EXPECTED_INSIDE = 7;
    static final long[] EXPECTED_ERROR_PCT = {-5, -8, -5, 1, 5, 2, -1};
}
