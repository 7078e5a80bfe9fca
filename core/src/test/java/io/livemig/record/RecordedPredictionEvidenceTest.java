package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.Percentiles;
import io.livemig.model.Prediction;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.Qemu;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Guards the prediction figures of docs/record.md: the QEMU-accurate model fed a D(T) recorded over QMP from the lab's
 * guest (data/record/*.curve.json) against the migrations the lab measured (data/record/lab-runs.csv, rows of the
 * lab's data/qemu-lab/runs.csv), beside the same model fed the workload's exact trace (data/record/*.lmt).
 */
class RecordedPredictionEvidenceTest {
    static Path data(String name) {
        return RecordedCurveEvidenceTest.data(name);
    }

    record Run(
            String id,
            String shape,
            int memoryMiB,
            int linkMbit,
            int downtimeLimitMs,
            int timeoutS,
            boolean completed,
            double totalS,
            double downtimeS,
            double transferredBytes,
            long nonZeroPages,
            String trace) {}

    static List<Run> runs() throws IOException {
        List<String> lines = Files.readAllLines(data("lab-runs.csv"));
        String[] h = lines.get(0).split(",");
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < h.length; i++) col.put(h[i], i);
        List<Run> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.add(new Run(
                    f[col.get("id")],
                    f[col.get("shape")],
                    Integer.parseInt(f[col.get("memory_mib")]),
                    Integer.parseInt(f[col.get("link_mbit")]),
                    Integer.parseInt(f[col.get("downtime_limit_ms")]),
                    Integer.parseInt(f[col.get("timeout_s")]),
                    f[col.get("status")].equals("completed"),
                    Double.parseDouble(f[col.get("total_time_ms")]) / 1000,
                    Double.parseDouble(f[col.get("downtime_ms")]) / 1000,
                    Double.parseDouble(f[col.get("transferred_bytes")]),
                    Long.parseLong(f[col.get("nonzero_pages")]),
                    Path.of(f[col.get("trace")]).getFileName().toString()));
        }
        return out;
    }

    /** One row per lab run with a recorded curve: measured, predicted from the recorded curve (and its bounds), and from the exact trace. */
    static Table table() throws IOException {
        Table t = Table.create(
                "recorded-curve predictions vs the lab",
                StringColumn.create("run"),
                BooleanColumn.create("measured_converged"),
                BooleanColumn.create("recorded_converged"),
                BooleanColumn.create("trace_converged"),
                DoubleColumn.create("measured_s"),
                DoubleColumn.create("recorded_s"),
                DoubleColumn.create("recorded_lo_s"),
                DoubleColumn.create("recorded_hi_s"),
                DoubleColumn.create("trace_s"),
                DoubleColumn.create("measured_MiB"),
                DoubleColumn.create("recorded_MiB"),
                DoubleColumn.create("trace_MiB"),
                DoubleColumn.create("measured_down_ms"),
                DoubleColumn.create("recorded_down_ms"),
                DoubleColumn.create("trace_down_ms"));
        QemuAccurateModel model = new QemuAccurateModel();
        for (Run r : runs()) {
            Path curveFile = data(r.shape() + "-m" + r.memoryMiB() + ".curve.json");
            if (!Files.exists(curveFile)) continue;
            DirtyCurve c = DirtyCurveFile.read(curveFile);
            c = new DirtyCurve(
                    c.name(),
                    c.memoryBytes(),
                    c.pageSizeBytes(),
                    java.util.Optional.of((double) r.nonZeroPages()),
                    c.mwPages(),
                    c.source(),
                    c.startedAt(),
                    c.finishedAt(),
                    c.partial(),
                    c.notes(),
                    c.points());
            DataRate rate = DataRate.ofMbps(r.linkMbit());
            Qemu policy = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(r.downtimeLimitMs()));
            Prediction mid = model.predict(c.vm(DirtyCurve.Bound.MEASURED), rate, policy);
            Prediction lo = model.predict(c.vm(DirtyCurve.Bound.LOWER), rate, policy);
            Prediction hi = model.predict(c.vm(DirtyCurve.Bound.UPPER), rate, policy);
            Trace trace = Trace.read().file(data(r.trace())).withNonZeroPages(r.nonZeroPages());
            Prediction tp = model.predict(trace.accurateVm(), rate, policy);
            t.stringColumn("run").append(r.id());
            t.booleanColumn("measured_converged").append(r.completed());
            t.booleanColumn("recorded_converged").append(converged(mid, r));
            t.booleanColumn("trace_converged").append(converged(tp, r));
            t.doubleColumn("measured_s").append(r.completed() ? r.totalS() : Double.NaN);
            t.doubleColumn("recorded_s").append(seconds(mid, r));
            t.doubleColumn("recorded_lo_s").append(Math.min(seconds(lo, r), seconds(hi, r)));
            t.doubleColumn("recorded_hi_s").append(Math.max(seconds(lo, r), seconds(hi, r)));
            t.doubleColumn("trace_s").append(seconds(tp, r));
            t.doubleColumn("measured_MiB").append(r.completed() ? r.transferredBytes() / 1048576 : Double.NaN);
            t.doubleColumn("recorded_MiB").append(converged(mid, r) ? mid.wireTrafficBytes() / 1048576 : Double.NaN);
            t.doubleColumn("trace_MiB").append(converged(tp, r) ? tp.wireTrafficBytes() / 1048576 : Double.NaN);
            t.doubleColumn("measured_down_ms").append(r.completed() ? r.downtimeS() * 1000 : Double.NaN);
            t.doubleColumn("recorded_down_ms").append(converged(mid, r) ? mid.downtimeSeconds() * 1000 : Double.NaN);
            t.doubleColumn("trace_down_ms").append(converged(tp, r) ? tp.downtimeSeconds() * 1000 : Double.NaN);
        }
        return t;
    }

    /** Converged within the lab's timeout: the lab cancels a migration still running then. */
    static boolean converged(Prediction p, Run r) {
        return p.converged() && p.migrationSeconds() <= r.timeoutS();
    }

    static double seconds(Prediction p, Run r) {
        return converged(p, r) ? p.migrationSeconds() : Double.POSITIVE_INFINITY;
    }

    /** p90 of |predicted − measured| / measured, %, over the runs both converged. */
    static double p90(Table t, String predicted, String measured) {
        return pct(t, predicted, measured, 0.9);
    }

    static double p50(Table t, String predicted, String measured) {
        return pct(t, predicted, measured, 0.5);
    }

    static double pct(Table t, String predicted, String measured, double q) {
        List<Double> e = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            double p = t.doubleColumn(predicted).getDouble(i),
                    m = t.doubleColumn(measured).getDouble(i);
            if (Double.isFinite(p) && Double.isFinite(m) && m > 0) e.add(100 * Math.abs(p - m) / m);
        }
        return Percentiles.nearestRank(
                e.stream().mapToDouble(Double::doubleValue).toArray(), q);
    }

    static int verdictsRight(Table t, String column) {
        int n = 0;
        for (int i = 0; i < t.rowCount(); i++)
            if (t.booleanColumn(column).get(i)
                    == t.booleanColumn("measured_converged").get(i)) n++;
        return n;
    }

    /** Measured time inside the recorded range [lo, hi] (both converged). */
    static int insideRange(Table t) {
        int n = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            double m = t.doubleColumn("measured_s").getDouble(i);
            if (Double.isFinite(m)
                    && m >= t.doubleColumn("recorded_lo_s").getDouble(i)
                    && m <= t.doubleColumn("recorded_hi_s").getDouble(i)) n++;
        }
        return n;
    }

    @Test
    void recordedCurvesPredictTheLabsMigrations() throws IOException {
        Table t = table();
        System.out.println(t.printAll());
        String summary = String.format(
                Locale.ROOT,
                "runs %d; verdicts right: recorded %d, trace %d; median |error| %%: time recorded %.1f trace %.1f, "
                        + "traffic recorded %.1f trace %.1f, downtime recorded %.1f trace %.1f; p90 |error| %%: time recorded %.1f trace %.1f; "
                        + "traffic recorded %.1f trace %.1f; downtime recorded %.1f trace %.1f; measured time inside the recorded range: %d",
                t.rowCount(),
                verdictsRight(t, "recorded_converged"),
                verdictsRight(t, "trace_converged"),
                p50(t, "recorded_s", "measured_s"),
                p50(t, "trace_s", "measured_s"),
                p50(t, "recorded_MiB", "measured_MiB"),
                p50(t, "trace_MiB", "measured_MiB"),
                p50(t, "recorded_down_ms", "measured_down_ms"),
                p50(t, "trace_down_ms", "measured_down_ms"),
                p90(t, "recorded_s", "measured_s"),
                p90(t, "trace_s", "measured_s"),
                p90(t, "recorded_MiB", "measured_MiB"),
                p90(t, "trace_MiB", "measured_MiB"),
                p90(t, "recorded_down_ms", "measured_down_ms"),
                p90(t, "trace_down_ms", "measured_down_ms"),
                insideRange(t));
        System.out.println(summary);
        assertThat(summary).isEqualTo(EXPECTED);
    }

    /** README's "Record a live VM" quotes the medians and verdicts of {@link #EXPECTED}, which the test above holds. */
    @Test
    void theReadmeQuotesTheseFigures() throws IOException {
        String readme = Files.readString(io.livemig.ReadmeFigures.readme()).replaceAll("\\s+", " ");
        java.util.regex.Matcher r = java.util.regex.Pattern.compile(
                        "median error of migration time ([\\d.]+) % vs ([\\d.]+) %, of traffic ([\\d.]+) % vs ([\\d.]+) %; "
                                + "(\\d+) of (\\d+) verdicts right vs (\\d+)")
                .matcher(readme);
        assertThat(r.find()).as("README's sentence on recorded curves").isTrue();
        String quoted = String.format(
                Locale.ROOT,
                "runs %s; verdicts right: recorded %s, trace %s; median |error| %%: time recorded %s trace %s, "
                        + "traffic recorded %s trace %s,",
                r.group(6),
                r.group(5),
                r.group(7),
                r.group(1),
                r.group(2),
                r.group(3),
                r.group(4));
        assertThat(EXPECTED).startsWith(quoted);
    }

    /** The summary docs/record.md quotes. */
    static final String EXPECTED =
            "runs 54; verdicts right: recorded 50, trace 54; median |error| %: time recorded 4.2 trace 3.9, traffic recorded 2.0 trace 1.6, downtime recorded 19.1 trace 21.2; p90 |error| %: time recorded 21.5 trace 24.7; traffic recorded 14.3 trace 12.4; downtime recorded 48.7 trace 68.2; measured time inside the recorded range: 33";
}
