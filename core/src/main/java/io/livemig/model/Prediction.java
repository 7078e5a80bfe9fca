package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a model (or the simulator) says a migration costs.
 *
 * <p>{@code precopySeconds} is T_pre = Σ T_i over the live iterations, {@code downtimeSeconds} the stop-and-copy
 * time. Traffic is given two ways: {@link #trafficBytes()} counts every page sent (live and stop-and-copy) at the
 * page size; {@link #paperTrafficBytes()} is the paper's T_pre × R (docs/model.md §2.6).
 *
 * @param model          the model's name
 * @param vm             the VM's name
 * @param rate           the migration rate R
 * @param policy         the policy's label
 * @param pageSizeBytes  page size used for byte counts
 * @param iterations     live iterations, then the stop-and-copy row (absent when the migration does not converge)
 * @param precopySeconds T_pre; {@link Double#POSITIVE_INFINITY} only when the migration does not converge
 * @param downtimeSeconds T_down, always finite: a migration that does not converge reports the downtime it would
 *                       have if stopped at its steady pending size
 * @param stopReason     why pre-copy stopped
 * @param stopDetail     one line for a person: which rule fired, with numbers
 * @param wireBytes      bytes on the wire (headers and zero-page records included) when the model or simulator
 *                       counts them; NaN when it counts pages only (see {@link #wireTrafficBytes()})
 */
public record Prediction(
        String model,
        String vm,
        DataRate rate,
        String policy,
        int pageSizeBytes,
        List<Iteration> iterations,
        double precopySeconds,
        double downtimeSeconds,
        StopReason stopReason,
        String stopDetail,
        double wireBytes) {

    /** A prediction that counts pages only: its wire traffic is its pages at the page size. */
    public Prediction(
            String model,
            String vm,
            DataRate rate,
            String policy,
            int pageSizeBytes,
            List<Iteration> iterations,
            double precopySeconds,
            double downtimeSeconds,
            StopReason stopReason,
            String stopDetail) {
        this(
                model,
                vm,
                rate,
                policy,
                pageSizeBytes,
                iterations,
                precopySeconds,
                downtimeSeconds,
                stopReason,
                stopDetail,
                Double.NaN);
    }

    public Prediction {
        iterations = List.copyOf(iterations);
        Check.notNull("stop reason", stopReason);
        // Only a migration that never converges may take forever; nothing else is allowed to be NaN or infinite.
        if (!(stopReason == StopReason.DOES_NOT_CONVERGE && precopySeconds == Double.POSITIVE_INFINITY)) {
            Check.nonNegative("pre-copy time", precopySeconds, "s");
        }
        Check.nonNegative("downtime", downtimeSeconds, "s");
    }

    /**
     * Starts a prediction by name: {@code Prediction.of("proposed", vm, rate, policy).rows(rows)
     * .precopySeconds(t).downtimeSeconds(d).stop(Stop.converged("…")).build()}.
     */
    public static Builder of(String model, String vm, DataRate rate, PrecopyPolicy policy, int pageSizeBytes) {
        return new Builder(model, vm, rate, Check.notNull("policy", policy).label(), pageSizeBytes);
    }

    /** Starts a prediction for a VM: its name and page size. */
    public static Builder of(String model, Vm vm, DataRate rate, PrecopyPolicy policy) {
        return of(model, Check.notNull("vm", vm).name(), rate, policy, vm.pageSizeBytes());
    }

    /** This prediction with a different model name and wire bytes, e.g. a model that recounts another's traffic. */
    public Prediction withModel(String name, double wireBytes) {
        return new Prediction(
                name,
                vm,
                rate,
                policy,
                pageSizeBytes,
                iterations,
                precopySeconds,
                downtimeSeconds,
                stopReason,
                stopDetail,
                wireBytes);
    }

    /** Why pre-copy stopped, as one value. */
    public Stop stop() {
        return new Stop(stopReason, stopDetail);
    }

    /** Named steps instead of eleven positional arguments; {@code wireBytes} defaults to "pages only" (NaN). */
    public static final class Builder {
        private final String model, vm, policy;
        private final DataRate rate;
        private final int pageSizeBytes;
        private List<Iteration> rows = List.of();
        private double precopySeconds = Double.NaN, downtimeSeconds = Double.NaN, wireBytes = Double.NaN;
        private Stop stop;

        private Builder(String model, String vm, DataRate rate, String policy, int pageSizeBytes) {
            this.model = model;
            this.vm = vm;
            this.rate = rate;
            this.policy = policy;
            this.pageSizeBytes = pageSizeBytes;
        }

        public Builder rows(List<Iteration> rows) {
            this.rows = rows;
            return this;
        }

        public Builder precopySeconds(double s) {
            this.precopySeconds = s;
            return this;
        }

        public Builder downtimeSeconds(double s) {
            this.downtimeSeconds = s;
            return this;
        }

        public Builder stop(Stop stop) {
            this.stop = stop;
            return this;
        }
        /** Bytes on the wire, when the model or engine counts them. */
        public Builder wireBytes(double bytes) {
            this.wireBytes = bytes;
            return this;
        }

        /** @throws IllegalArgumentException if a time is missing or negative, or the stop is missing */
        public Prediction build() {
            Check.notNull("stop", stop);
            return new Prediction(
                    model,
                    vm,
                    rate,
                    policy,
                    pageSizeBytes,
                    rows,
                    precopySeconds,
                    downtimeSeconds,
                    stop.reason(),
                    stop.detail(),
                    wireBytes);
        }
    }

    /** T_mig = T_pre + T_down. */
    public double migrationSeconds() {
        return precopySeconds + downtimeSeconds;
    }

    /** Number of live (pre-copy) iterations. */
    public int iterationCount() {
        return (int) iterations.stream().filter(i -> !i.stopAndCopy()).count();
    }

    public boolean converged() {
        return stopReason != StopReason.DOES_NOT_CONVERGE;
    }

    /** Pages sent during the live iterations. */
    public double precopyPages() {
        return iterations.stream()
                .filter(i -> !i.stopAndCopy())
                .mapToDouble(Iteration::sentPages)
                .sum();
    }

    /** Pages sent with the VM paused. */
    public double downtimePages() {
        return iterations.stream()
                .filter(Iteration::stopAndCopy)
                .mapToDouble(Iteration::sentPages)
                .sum();
    }

    /** Every page sent, at the page size: live iterations plus stop-and-copy. */
    public double trafficBytes() {
        return converged() ? (precopyPages() + downtimePages()) * pageSizeBytes : Double.POSITIVE_INFINITY;
    }

    /**
     * Bytes on the wire: what the model or simulator counted, headers and 9-byte zero pages included, or, for a
     * model that counts pages only, {@link #trafficBytes()}. Infinite when the migration does not converge.
     */
    public double wireTrafficBytes() {
        if (!converged()) return Double.POSITIVE_INFINITY;
        return Double.isNaN(wireBytes) ? trafficBytes() : wireBytes;
    }

    /** The paper's traffic: T_pre × R (it leaves the stop-and-copy set out). */
    public double paperTrafficBytes() {
        return precopySeconds * rate.bytesPerSecond();
    }

    /** Traffic as a size; for a migration that does not converge, the traffic sent before the verdict. */
    public DataSize traffic() {
        return DataSize.ofBytes(Math.round((precopyPages() + downtimePages()) * pageSizeBytes));
    }

    /** Per-iteration rows: iteration, sent_pages, duration_s, dirtied_pages, eligible_pages, skipped_pages, stop_and_copy. */
    public Table toTable() {
        return Table.create(tableTitle(), iterationColumns().toArray(Column<?>[]::new));
    }

    /** The title of {@link #toTable()}. */
    public String tableTitle() {
        return model + " · " + vm + " @ " + rate + " · " + policy;
    }

    /**
     * The columns of {@link #toTable()}, filled, without the table: creating a Tablesaw {@code Table} runs its class
     * initialiser, which scans the class path for readers, the largest cost of a short command's start-up (the
     * command line prints these columns through Tablesaw's own printer instead; bench/README.md "Start-up").
     */
    public List<Column<?>> iterationColumns() {
        IntColumn number = IntColumn.create("iteration");
        DoubleColumn sent = DoubleColumn.create("sent_pages"),
                duration = DoubleColumn.create("duration_s"),
                dirtied = DoubleColumn.create("dirtied_pages"),
                eligible = DoubleColumn.create("eligible_pages"),
                skipped = DoubleColumn.create("skipped_pages");
        BooleanColumn stop = BooleanColumn.create("stop_and_copy");
        for (Iteration it : iterations) {
            number.append(it.number());
            sent.append(it.sentPages());
            duration.append(it.durationSeconds());
            dirtied.append(it.dirtiedPages());
            eligible.append(it.eligiblePages());
            skipped.append(it.skippedPages());
            stop.append(it.stopAndCopy());
        }
        return List.of(number, sent, duration, dirtied, eligible, skipped, stop);
    }

    /** One row of totals, the shape of {@link #summaryTable(List)}. */
    public Table summaryTable() {
        return summaryTable(List.of(this));
    }

    /** Totals of several predictions, one row each: for comparing models or rates side by side. */
    public static Table summaryTable(List<Prediction> predictions) {
        Table t = Table.create(
                "predictions",
                StringColumn.create("model"),
                StringColumn.create("vm"),
                DoubleColumn.create("rate_MiB_s"),
                StringColumn.create("policy"),
                IntColumn.create("iterations"),
                DoubleColumn.create("precopy_s"),
                DoubleColumn.create("downtime_s"),
                DoubleColumn.create("migration_s"),
                DoubleColumn.create("traffic_MiB"),
                StringColumn.create("stop"));
        for (Prediction p : predictions) {
            t.stringColumn("model").append(p.model());
            t.stringColumn("vm").append(p.vm());
            t.doubleColumn("rate_MiB_s").append(p.rate().mibPerSecond());
            t.stringColumn("policy").append(p.policy());
            t.intColumn("iterations").append(p.iterationCount());
            t.doubleColumn("precopy_s").append(p.precopySeconds());
            t.doubleColumn("downtime_s").append(p.downtimeSeconds());
            t.doubleColumn("migration_s").append(p.migrationSeconds());
            t.doubleColumn("traffic_MiB").append(p.trafficBytes() / DataSize.MIB);
            t.stringColumn("stop").append(p.stopReason().label());
        }
        return t;
    }

    @Override
    public String toString() {
        String wire = Double.isNaN(wireBytes) || !converged()
                ? ""
                : String.format(Locale.ROOT, " (%.1f MiB on the wire)", wireBytes / DataSize.MIB);
        if (!converged()) {
            // An infinite migration time reads as a number; say what it means instead.
            return String.format(Locale.ROOT, "%s: %s @ %s on %s: %s", model, vm, rate, policy, stopDetail);
        }
        return String.format(
                Locale.ROOT,
                "%s: %s @ %s on %s: migration %.3f s (pre-copy %.3f s, downtime %.4f s), "
                        + "%d iterations, traffic %s%s; %s: %s",
                model,
                vm,
                rate,
                policy,
                migrationSeconds(),
                precopySeconds,
                downtimeSeconds,
                iterationCount(),
                traffic(),
                wire,
                stopReason.label(),
                stopDetail);
    }
}
