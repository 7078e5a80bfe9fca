package io.livemig.evaluate;

import io.livemig.Check;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.Qemu;
import io.livemig.profile.Vm;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TwinTarget;
import io.livemig.trace.Workload;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The evidence that the QEMU-accurate model predicts QEMU: the simulator's QEMU policy is the truth, and on a fixed-seed
 * set of traces (uniform, hot/cold, sequential, two dataset-like twins; each with all memory non-zero and with 40 %
 * non-zero) at rates that straddle convergence, {@link QemuAccurateModel} (curve D(T), composition, wire bytes) and
 * the paper's model as-is ({@link ProposedModel}, linear D(T), every page 4 KiB) each predict the migration.
 * {@link #rows} has one row per case and model, {@link #summary} the 90th-percentile errors and the share of right
 * convergence verdicts.
 *
 * <p>Errors: relative, |model − sim| / sim × 100, for migration time, downtime and traffic (bytes on the wire). A case
 * where both say "does not converge" has error 0; where only one says so, an infinite error.
 */
public final class QemuCheck {
    /** The rates, as multiples of a trace's short-term dirtying speed (pages of one unit per unit × QEMU's bytes per page on the wire). */
    public static final double[] RATE_FACTORS = {0.5, 0.9, 1.2, 1.6, 2.5, 5};
    /** The non-zero share of the "partly zero" variants (raised to cover every page the trace dirties). */
    public static final double NON_ZERO_FRACTION = 0.4;

    private QemuCheck() {}

    /** One trace of the set with the composition its header gives. */
    public record Case(Trace trace, DataRate rate) {}

    /** The seeds {@code livemig qemu-check} runs by default: each gives a different draw of every trace. */
    public static final long[] SEEDS = {7, 8, 9};

    /** {@link #traces(long)} for each seed, the seed appended to each name ({@code uniform#7}). */
    public static List<Trace> traces(long... seeds) {
        List<Trace> out = new ArrayList<>();
        for (long seed : seeds) for (Trace t : traces(seed)) out.add(t.withName(t.name() + "#" + seed));
        return out;
    }

    /**
     * The traces of one seed: five shapes in 512 MiB (1 GiB for the eclipse twin), each all non-zero and 40 %
     * non-zero. The twins are made as {@code trace generate --twin} makes them, first-unit burst included.
     */
    public static List<Trace> traces(long seed) {
        long mem = 131_072; // 512 MiB
        TraceHeader h = TraceHeader.of(mem);
        List<Trace> base = new ArrayList<>();
        base.add(TraceGenerator.generate("uniform", new Workload.UniformWorkingSet(60_000, 2_500), h, 300, seed));
        base.add(TraceGenerator.generate("hot-cold", new Workload.HotCold(4_000, 2_000, 60_000, 600), h, 300, seed));
        base.add(TraceGenerator.generate("sequential", new Workload.SequentialScan(50_000, 2_000), h, 300, seed));
        base.add(TraceGenerator.twin(
                new TwinTarget(
                        "twin-light",
                        mem,
                        1_500,
                        new double[] {600, 400, 300, 250, 200, 180, 160, 150, 140, 130},
                        50_000),
                seed));
        // dacapo-eclipse's fitted parameters as docs/model.md §2.2 quotes them
        base.add(TraceGenerator.twin(
                new TwinTarget(
                        "twin-eclipse",
                        262_144,
                        8_822,
                        new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533},
                        119_435),
                seed));
        List<Trace> out = new ArrayList<>();
        for (Trace t : base) {
            out.add(t);
            long nonZero = Math.max(t.fit().mwPages(), Math.round(NON_ZERO_FRACTION * t.memoryPages()));
            out.add(t.withNonZeroPages(nonZero)
                    .withName(t.name() + "@" + Math.round(100.0 * nonZero / t.memoryPages()) + "%"));
        }
        return out;
    }

    /** The rates for {@code trace}: {@link #RATE_FACTORS} × its short-term dirtying speed. */
    public static List<DataRate> rates(Trace trace) {
        double pagesPerSecond = trace.fit().sPagesPerSecond();
        int pageOnWire =
                Qemu.defaults().wireCost(trace.header().pageSizeBytes()).normalPageBytes();
        return Arrays.stream(RATE_FACTORS)
                .mapToObj(f -> DataRate.ofBytesPerSecond(f * pagesPerSecond * pageOnWire))
                .toList();
    }

    /**
     * One row per case and model: workload, rate_MB_s, model, sim_verdict, model_verdict, verdict_right, sim/model
     * migration_s, downtime_s, traffic_MiB (wire) and the three relative errors in %.
     */
    public static Table rows(List<Trace> traces, Qemu policy, SimConfig config) {
        Check.notNull("traces", traces);
        Table t = Table.create(
                "QEMU-accurate model vs simulator",
                StringColumn.create("workload"),
                DoubleColumn.create("rate_MB_s"),
                StringColumn.create("model"),
                StringColumn.create("sim_verdict"),
                StringColumn.create("model_verdict"),
                BooleanColumn.create("verdict_right"),
                DoubleColumn.create("sim_migration_s"),
                DoubleColumn.create("model_migration_s"),
                DoubleColumn.create("migration_err_pct"),
                DoubleColumn.create("sim_downtime_s"),
                DoubleColumn.create("model_downtime_s"),
                DoubleColumn.create("downtime_err_pct"),
                DoubleColumn.create("sim_traffic_MiB"),
                DoubleColumn.create("model_traffic_MiB"),
                DoubleColumn.create("traffic_err_pct"));
        MigrationModel accurate = new QemuAccurateModel(), paper = ProposedModel.defaults();
        for (Trace trace : traces) {
            Vm acc = trace.accurateVm(), pap = trace.paperVm();
            for (DataRate rate : rates(trace)) {
                Prediction sim = Simulator.simulate(trace, rate, policy, config);
                add(t, trace, rate, "qemu-accurate", sim, accurate.predict(acc, rate, policy));
                add(t, trace, rate, "paper (as is)", sim, paper.predict(pap, rate, policy));
            }
        }
        return t;
    }

    private static void add(Table t, Trace trace, DataRate rate, String model, Prediction sim, Prediction p) {
        t.stringColumn("workload").append(trace.name());
        t.doubleColumn("rate_MB_s").append(rate.mbPerSecond());
        t.stringColumn("model").append(model);
        t.stringColumn("sim_verdict").append(verdict(sim));
        t.stringColumn("model_verdict").append(verdict(p));
        t.booleanColumn("verdict_right").append(sim.converged() == p.converged());
        t.doubleColumn("sim_migration_s").append(sim.migrationSeconds());
        t.doubleColumn("model_migration_s").append(p.migrationSeconds());
        t.doubleColumn("migration_err_pct")
                .append(Errors.relativePct(p.migrationSeconds(), sim.migrationSeconds(), sim, p));
        t.doubleColumn("sim_downtime_s").append(sim.converged() ? sim.downtimeSeconds() : Double.NaN);
        t.doubleColumn("model_downtime_s").append(p.converged() ? p.downtimeSeconds() : Double.NaN);
        t.doubleColumn("downtime_err_pct")
                .append(Errors.relativePct(p.downtimeSeconds(), sim.downtimeSeconds(), sim, p));
        t.doubleColumn("sim_traffic_MiB").append(sim.wireTrafficBytes() / DataSize.MIB);
        t.doubleColumn("model_traffic_MiB").append(p.wireTrafficBytes() / DataSize.MIB);
        t.doubleColumn("traffic_err_pct")
                .append(Errors.relativePct(p.wireTrafficBytes(), sim.wireTrafficBytes(), sim, p));
    }

    private static String verdict(Prediction p) {
        return p.converged() ? CONVERGES : DOES_NOT_CONVERGE;
    }

    /**
     * Per model: all cases; the converging ones (the simulator converges) with their p90 errors of migration time,
     * traffic and downtime (%); the cases where both say "does not converge", which carry no error; and the verdicts
     * right (%) over all cases. Pooling the agreeing non-converging cases as error 0 would flatter the percentiles.
     */
    public static Table summary(Table rows) {
        Table converging = rows.where(rows.stringColumn("sim_verdict").isEqualTo(CONVERGES));
        Table t = GroupedPercentile.p90(
                converging,
                "p90 errors vs the simulator (QEMU), converging cases",
                List.of("model"),
                List.of("migration_err_pct", "traffic_err_pct", "downtime_err_pct"),
                1);
        t.column("rows").setName("converging");
        IntColumn cases = IntColumn.create("cases"), bothNot = IntColumn.create("both_do_not_converge");
        DoubleColumn right = DoubleColumn.create("verdict_right_pct");
        for (String model : t.stringColumn("model")) {
            Table mine = rows.where(rows.stringColumn("model").isEqualTo(model));
            cases.append(mine.rowCount());
            bothNot.append(mine.where(mine.stringColumn("sim_verdict")
                            .isEqualTo(DOES_NOT_CONVERGE)
                            .and(mine.stringColumn("model_verdict").isEqualTo(DOES_NOT_CONVERGE)))
                    .rowCount());
            right.append(
                    Errors.rounded(100.0 * mine.booleanColumn("verdict_right").countTrue() / mine.rowCount(), 1));
        }
        t.insertColumn(1, cases);
        return t.addColumns(bothNot, right);
    }

    private static final String CONVERGES = "converges", DOES_NOT_CONVERGE = "does not converge";
}
