package io.livemig.record;

import io.livemig.Check;
import io.livemig.model.Prediction;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores the QEMU-accurate model on the user's own migrations: a recorded {@link DirtyCurve} against
 * {@link MeasuredMigration}s of the same VM, each predicted at its own downtime limit and rate, at the curve and at
 * both ends of its interval.
 *
 * <p>The rate is the one given, else QEMU's own bandwidth figure of the run ({@code qemu_mbps}: what the link or
 * {@code max-bandwidth} let through). The non-zero pages are the curve's if it has them, else the run's memory less
 * its zero pages ({@code duplicate_pages}: QEMU sends each zero page once, in the first pass), which QMP tells only
 * after a migration.
 */
public final class RunScore {
    private RunScore() {}

    /** A measured run and the name it is shown under (its file name). */
    public record NamedRun(String name, MeasuredMigration run) {}

    /**
     * One row per run: run, rate_MiB_s, downtime_limit_ms, measured_converged, predicted_converged, measured_s,
     * predicted_s, predicted_lo_s, predicted_hi_s, time_error_pct, measured_downtime_ms, predicted_downtime_ms,
     * measured_MiB, predicted_MiB, traffic_error_pct.
     *
     * @throws IllegalArgumentException if a run's memory differs from the curve's, or no rate is given and a run has none
     */
    public static Table score(DirtyCurve curve, List<NamedRun> runs, Optional<DataRate> rate) {
        Table t = Table.create(
                curve.name() + " · recorded curve vs measured migrations",
                StringColumn.create("run"),
                DoubleColumn.create("rate_MiB_s"),
                DoubleColumn.create("downtime_limit_ms"),
                BooleanColumn.create("measured_converged"),
                BooleanColumn.create("predicted_converged"),
                DoubleColumn.create("measured_s"),
                DoubleColumn.create("predicted_s"),
                DoubleColumn.create("predicted_lo_s"),
                DoubleColumn.create("predicted_hi_s"),
                DoubleColumn.create("time_error_pct"),
                DoubleColumn.create("measured_downtime_ms"),
                DoubleColumn.create("predicted_downtime_ms"),
                DoubleColumn.create("measured_MiB"),
                DoubleColumn.create("predicted_MiB"),
                DoubleColumn.create("traffic_error_pct"));
        QemuAccurateModel model = new QemuAccurateModel();
        for (NamedRun nr : runs) {
            MeasuredMigration r = nr.run();
            Check.that(
                    r.memoryBytes() == curve.memoryBytes(),
                    "run " + nr.name() + ": memory " + r.memoryBytes() / 1048576 + " MiB, but the curve '"
                            + curve.name() + "' was recorded on " + curve.memoryBytes() / 1048576 + " MiB");
            DataRate R = rate.orElseGet(() -> {
                Check.that(
                        Double.isFinite(r.bandwidthMbps()) && r.bandwidthMbps() > 0,
                        "run " + nr.name() + ": no qemu_mbps to take the rate from; give --rate");
                return DataRate.ofMbps(r.bandwidthMbps());
            });
            DirtyCurve c = curve.nonZeroPages().isPresent()
                    ? curve
                    : new DirtyCurve(
                            curve.name(),
                            curve.memoryBytes(),
                            curve.pageSizeBytes(),
                            Optional.of(Math.max(0, curve.memoryPages() - r.zeroPages())),
                            curve.mwPages(),
                            curve.source(),
                            curve.startedAt(),
                            curve.finishedAt(),
                            curve.partial(),
                            curve.notes(),
                            curve.points());
            Qemu policy = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(Math.max(1, r.downtimeLimitMs())));
            Prediction mid = model.predict(c.vm(DirtyCurve.Bound.MEASURED), R, policy);
            Prediction lo = model.predict(c.vm(DirtyCurve.Bound.LOWER), R, policy);
            Prediction hi = model.predict(c.vm(DirtyCurve.Bound.UPPER), R, policy);
            double ms = r.converged() ? r.migrationSeconds() : Double.NaN;
            double ps = mid.converged() ? mid.migrationSeconds() : Double.POSITIVE_INFINITY;
            double mMiB = r.converged() ? r.transferredBytes() / 1048576.0 : Double.NaN;
            double pMiB = mid.converged() ? mid.wireTrafficBytes() / 1048576.0 : Double.POSITIVE_INFINITY;
            t.stringColumn("run").append(nr.name());
            t.doubleColumn("rate_MiB_s").append(R.mibPerSecond());
            t.doubleColumn("downtime_limit_ms").append(r.downtimeLimitMs());
            t.booleanColumn("measured_converged").append(r.converged());
            t.booleanColumn("predicted_converged").append(mid.converged());
            t.doubleColumn("measured_s").append(ms);
            t.doubleColumn("predicted_s").append(ps);
            t.doubleColumn("predicted_lo_s").append(Math.min(seconds(lo), seconds(hi)));
            t.doubleColumn("predicted_hi_s").append(Math.max(seconds(lo), seconds(hi)));
            t.doubleColumn("time_error_pct").append(error(ps, ms));
            t.doubleColumn("measured_downtime_ms").append(r.converged() ? r.downtimeSeconds() * 1000 : Double.NaN);
            t.doubleColumn("predicted_downtime_ms").append(mid.converged() ? mid.downtimeSeconds() * 1000 : Double.NaN);
            t.doubleColumn("measured_MiB").append(mMiB);
            t.doubleColumn("predicted_MiB").append(pMiB);
            t.doubleColumn("traffic_error_pct").append(error(pMiB, mMiB));
        }
        return t;
    }

    private static double seconds(Prediction p) {
        return p.converged() ? p.migrationSeconds() : Double.POSITIVE_INFINITY;
    }

    /** (predicted − measured) / measured, %; NaN unless both are finite. */
    private static double error(double predicted, double measured) {
        return Double.isFinite(predicted) && Double.isFinite(measured) && measured > 0
                ? 100 * (predicted - measured) / measured
                : Double.NaN;
    }
}
