package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.trace.Trace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Guards the figures of docs/record.md: a D(T) recorded over QMP from the lab's guest (data/record/*.curve.json, a
 * measurement made by livemig record dirty, see that doc) against the exact D(T) of the workload's trace
 * (data/record/*.lmt, the lab's trace of the same seeded workload).
 */
class RecordedCurveEvidenceTest {
    static Path data(String name) {
        return Path.of(System.getProperty("livemig.root", ".."))
                .resolve("data/record")
                .resolve(name);
    }

    @Test
    void theExactCurveOfAPeriodicTrace() {
        Trace t = Trace.read().file(data("uniform-r8000-w8192-m256-s1.lmt"));
        // 800 pages per 100 ms unit, each unit's pages distinct
        assertThat(CurveCheck.periodicDirtied(t, 1)).isCloseTo(800, within(40.0));
        // uniform over 8192 pages: D(n units) ≈ 8192·(1 − (1 − 1/8192)^(800·n)), here n = 10 (1 s): 5136 pages
        assertThat(CurveCheck.periodicDirtied(t, 10))
                .isCloseTo(8192 * (1 - Math.pow(1 - 1.0 / 8192, 8000)), within(150.0));
        // a window of the whole period or more: every page of the period
        assertThat(CurveCheck.periodicDirtied(t, 100)).isEqualTo(CurveCheck.periodicDirtied(t, 50));
    }

    @Test
    void recordedAgainstExactPerWindow() {
        DirtyCurve c = DirtyCurveFile.read(data("uniform-m256.curve.json"));
        Trace t = Trace.read().file(data("uniform-r8000-w8192-m256-s1.lmt"));
        var table = CurveCheck.compare(c, t);
        System.out.println(table.printAll());
        FIGURES.check(table);
    }

    /**
     * Every recorded curve of data/record against its workload's trace: per curve, the error per window (whole
     * percent) and how many exact values lie inside the recorded interval. docs/record.md quotes these lines.
     */
    @Test
    void everyRecordedCurveAgainstItsTrace() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var files = java.nio.file.Files.list(data(""))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".curve.json"))
                    .sorted()
                    .toList()) {
                DirtyCurve c = DirtyCurveFile.read(f);
                // NAME is SHAPE-mMEMORY, optionally with a suffix (bursty-m256-r10: another recording of the same
                // guest)
                var m = java.util.regex.Pattern.compile("([a-z]+)-m(\\d+).*").matcher(c.name());
                assertThat(m.matches()).as(c.name()).isTrue();
                int mem = Integer.parseInt(m.group(2));
                Path trace = data(m.group(1) + "-r8000-w" + mem * 32 + "-m" + mem + "-s1.lmt");
                var table = CurveCheck.compare(c, Trace.read().file(trace));
                int inside = 0;
                StringBuilder errs = new StringBuilder();
                for (int i = 0; i < table.rowCount(); i++) {
                    if (table.booleanColumn("inside").get(i)) inside++;
                    errs.append(i == 0 ? "" : " ")
                            .append(Math.round(table.doubleColumn("error_pct").getDouble(i)));
                }
                sb.append(c.name())
                        .append(": ")
                        .append(errs)
                        .append("; inside ")
                        .append(inside)
                        .append('/')
                        .append(table.rowCount())
                        .append('\n');
            }
        }
        System.out.print(sb);
        assertThat(sb.toString()).isEqualTo(EVERY_CURVE);
    }

    static final String EVERY_CURVE = """
            bursty-m256-r10-nojitter: 140 91 9 -37 -3; inside 4/5
            bursty-m256-r10: -75 16 49 -42 -15; inside 4/5
            bursty-m256: 39 -9 -44 11 1 -13 10; inside 7/7
            bursty-m512: -97 -71 109 -36 -2 2 7; inside 5/7
            hotcold-m256: -8 -8 10 12 14 -1 -2; inside 7/7
            hotcold-m512: -9 9 16 -32 -10 0 -25; inside 6/7
            sequential-m256: -14 29 13 -2 6 -14 -7; inside 7/7
            sequential-m512: 16 15 2 3 -7 -6 -6; inside 7/7
            uniform-m256: -5 -8 -5 1 5 2 -1; inside 7/7
            uniform-m512: 10 -12 2 9 0 -2 2; inside 7/7
            """;

    /** The figures docs/record.md quotes (error_pct per window, rounded to whole percent, and how many lie inside). */
    static final Figures FIGURES = new Figures();

    static final class Figures {
        void check(tech.tablesaw.api.Table table) {
            assertThat(table.rowCount()).isEqualTo(7);
            int inside = 0;
            for (int i = 0; i < table.rowCount(); i++)
                if (table.booleanColumn("inside").get(i)) inside++;
            assertThat(inside).isEqualTo(EXPECTED_INSIDE);
            for (int i = 0; i < table.rowCount(); i++) {
                assertThat(Math.round(table.doubleColumn("error_pct").get(i)))
                        .as("window " + table.doubleColumn("window_s").get(i))
                        .isEqualTo(EXPECTED_ERROR_PCT[i]);
            }
        }
    }

    static final int EXPECTED_INSIDE = 7;
    static final long[] EXPECTED_ERROR_PCT = {-5, -8, -5, 1, 5, 2, -1};
}
