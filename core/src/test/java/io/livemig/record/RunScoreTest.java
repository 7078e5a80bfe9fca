package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livemig.ReadmeFigures;
import io.livemig.TraceFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring the model on the user's own migrations: the run recorded by record migration from the lab's guest
 * (data/record/runs, docs/record.md) against the curve recorded from the same guest.
 */
class RunScoreTest {
    @TempDir
    Path dir;

    @Test
    void readsARunFileBack() {
        MeasuredMigration m =
                MeasuredMigration.readRun(RecordedCurveEvidenceTest.data("runs/uniform-m256-l500-d300.csv"));
        assertThat(m.converged()).isTrue();
        assertThat(m.migrationSeconds()).isEqualTo(2.228);
        assertThat(m.downtimeSeconds()).isEqualTo(0.261);
        assertThat(m.transferredBytes()).isEqualTo(140_755_624);
        assertThat(m.zeroPages()).isEqualTo(39_343);
        assertThat(m.memoryBytes()).isEqualTo(256L << 20);
        assertThat(m.downtimeLimitMs()).isEqualTo(300);
        assertThat(m.bandwidthMbps()).isCloseTo(505.6, within(0.1));
    }

    @Test
    void scoresTheRecordedCurveOnTheRecordedRun() {
        DirtyCurve c = DirtyCurveFile.read(RecordedCurveEvidenceTest.data("uniform-m256.curve.json"));
        var run = new RunScore.NamedRun(
                "l500-d300",
                MeasuredMigration.readRun(RecordedCurveEvidenceTest.data("runs/uniform-m256-l500-d300.csv")));
        var t = RunScore.score(c, List.of(run), Optional.empty());
        System.out.println(t.printAll());
        assertThat(t.booleanColumn("predicted_converged").get(0)).isTrue();
        // docs/record.md quotes these: at QEMU's measured 505.6 Mbit/s, non-zero pages = memory − the run's zero pages
        assertThat(Math.round(t.doubleColumn("time_error_pct").getDouble(0))).isEqualTo(EXPECTED_TIME_ERROR_PCT);
        assertThat(Math.round(t.doubleColumn("traffic_error_pct").getDouble(0))).isEqualTo(EXPECTED_TRAFFIC_ERROR_PCT);
        double m = t.doubleColumn("measured_s").getDouble(0);
        assertThat(m)
                .isBetween(
                        t.doubleColumn("predicted_lo_s").getDouble(0),
                        t.doubleColumn("predicted_hi_s").getDouble(0));
    }

    /** docs/record.md's sentence on this run, each figure recomputed to its printed precision. */
    @Test
    void theFiguresDocsRecordQuotesAreTheScore() throws Exception {
        String doc = Files.readString(ReadmeFigures.readme().resolveSibling("docs/record.md"))
                .replaceAll("\\s+", " ");
        Matcher m = Pattern.compile(
                        "the QEMU-accurate model says ([\\d.]+) s \\(([\\d.]+)–([\\d.]+) s over the curve's "
                                + "interval\\), \\+([\\d.]+) % against the measured ([\\d.]+) s, and ([\\d.]+) MiB on the wire, "
                                + "\\+([\\d.]+) %")
                .matcher(doc);
        assertThat(m.find()).as("docs/record.md's score sentence").isTrue();
        DirtyCurve c = DirtyCurveFile.read(RecordedCurveEvidenceTest.data("uniform-m256.curve.json"));
        var run = new RunScore.NamedRun(
                "l500-d300",
                MeasuredMigration.readRun(RecordedCurveEvidenceTest.data("runs/uniform-m256-l500-d300.csv")));
        var t = RunScore.score(c, List.of(run), Optional.empty());
        String[] columns = {
            "predicted_s",
            "predicted_lo_s",
            "predicted_hi_s",
            "time_error_pct",
            "measured_s",
            "predicted_MiB",
            "traffic_error_pct"
        };
        for (int i = 0; i < columns.length; i++) {
            ReadmeFigures.Figure printed = ReadmeFigures.figures(m.group(i + 1)).get(0);
            double computed = t.doubleColumn(columns[i]).getDouble(0);
            assertThat(printed.matches(computed))
                    .as("docs/record.md %s: printed %s, computed %s", columns[i], printed.text(), computed)
                    .isTrue();
        }
    }

    static final long EXPECTED_TIME_ERROR_PCT = 1;
    static final long EXPECTED_TRAFFIC_ERROR_PCT = 1;

    @Test
    void aRunOfAnotherMemorySizeOrAMalformedFileIsRefused() throws Exception {
        DirtyCurve c = DirtyCurveFile.read(RecordedCurveEvidenceTest.data("uniform-m512.curve.json"));
        var run = new RunScore.NamedRun(
                "l500-d300",
                MeasuredMigration.readRun(RecordedCurveEvidenceTest.data("runs/uniform-m256-l500-d300.csv")));
        assertThatThrownBy(() -> RunScore.score(c, List.of(run), Optional.empty()))
                .hasMessage("run l500-d300: memory 256 MiB, but the curve 'uniform-m512' was recorded on 512 MiB");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> MeasuredMigration.readRun(bad))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("bad.csv: line 1: expected the header status,total_time_ms");
        String good = Files.readString(RecordedCurveEvidenceTest.data("runs/uniform-m256-l500-d300.csv"));
        Path text = Files.writeString(dir.resolve("text.csv"), good.replace(",256,300,", ",lots,300,"));
        assertThatThrownBy(() -> MeasuredMigration.readRun(text))
                .hasMessage("text.csv: line 2: column memory_mib: expected a number, got 'lots'");
    }
}
