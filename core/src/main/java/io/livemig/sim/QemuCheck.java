package io.livemig.sim;

import io.livemig.Check;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.model.StopReason;
import io.livemig.policy.Qemu;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TwinTarget;
import io.livemig.trace.Workload;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** The rates, as multiples of a trace's short-term dirtying speed (pages of one unit per unit × 4104 B). */
    public static final double[] RATE_FACTORS = {0.5, 0.9, 1.2, 1.6, 2.5, 5};
    /** The non-zero share of the "partly zero" variants (raised to cover every page the trace dirties). */
    public static final double NON_ZERO_FRACTION = 0.4;

    private QemuCheck() {}

    /** One trace of the set with the composition its header gives. */
    public record Case(Trace trace, DataRate rate) {}

    /** The fixed-seed traces: five shapes in 512 MiB (1 GiB for the eclipse twin), each all non-zero and 40 % non-zero. */
    public static List<Trace> traces(long seed) {
        long mem = 131_072;               // 512 MiB
        TraceHeader h = TraceHeader.of(mem);
        List<Trace> base = new ArrayList<>();
        base.add(TraceGenerator.generate("uniform", new Workload.UniformWorkingSet(60_000, 2_500), h, 300, seed));
        base.add(TraceGenerator.generate("hot-cold", new Workload.HotCold(4_000, 2_000, 60_000, 600), h, 300, seed));
        base.add(TraceGenerator.generate("sequential", new Workload.SequentialScan(50_000, 2_000), h, 300, seed));
        base.add(TraceGenerator.stationaryTwin(new TwinTarget("twin-light", mem, 1_500,
                new double[]{600, 400, 300, 250, 200, 180, 160, 150, 140, 130}, 50_000), seed));
        // dacapo-eclipse's fitted parameters as model-paper.md §2.2 quotes them
        base.add(TraceGenerator.stationaryTwin(new TwinTarget("twin-eclipse", 262_144, 8_822,
                new double[]{2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119_435), seed));
        List<Trace> out = new ArrayList<>();
        for (Trace t : base) {
            out.add(t);
            long nonZero = Math.max(t.fit().mwPages(), Math.round(NON_ZERO_FRACTION * t.memoryPages()));
            out.add(t.withNonZeroPages(nonZero).withName(t.name() + "@" + Math.round(100.0 * nonZero / t.memoryPages()) + "%"));
        }
        return out;
    }

    /** The rates for {@code trace}: {@link #RATE_FACTORS} × its short-term dirtying speed. */
    public static List<DataRate> rates(Trace trace) {
        double pagesPerSecond = trace.fit().sPagesPerSecond();
        return Arrays.stream(RATE_FACTORS).mapToObj(f -> DataRate.ofBytesPerSecond(f * pagesPerSecond * 4104)).toList();
    }

    /** The VM the QEMU-accurate model sees: the trace's curve D(T) and composition. */
    public static Vm accurateVm(Trace trace) {
        Vm vm = Vm.of(trace.name(), memory(trace), trace.curveProfile());
        return vm.withComposition(trace.fit().composition());
    }

    /** The VM the paper's model sees: its linear D(T), every page non-zero. */
    public static Vm paperVm(Trace trace) { return Vm.of(trace.name(), memory(trace), trace.profile()); }

    private static DataSize memory(Trace trace) { return DataSize.ofBytes(trace.memoryPages() * trace.header().pageSizeBytes()); }

    /**
     * One row per case and model: workload, rate_MB_s, model, sim_verdict, model_verdict, verdict_right, sim/model
     * migration_s, downtime_s, traffic_MiB (wire) and the three relative errors in %.
     */
    public static Table rows(List<Trace> traces, Qemu policy, SimConfig config) {
        Check.notNull("traces", traces);
        Table t = Table.create("QEMU-accurate model vs simulator", StringColumn.create("workload"), DoubleColumn.create("rate_MB_s"),
                StringColumn.create("model"), StringColumn.create("sim_verdict"), StringColumn.create("model_verdict"),
                BooleanColumn.create("verdict_right"), DoubleColumn.create("sim_migration_s"), DoubleColumn.create("model_migration_s"),
                DoubleColumn.create("migration_err_pct"), DoubleColumn.create("sim_downtime_s"), DoubleColumn.create("model_downtime_s"),
                DoubleColumn.create("downtime_err_pct"), DoubleColumn.create("sim_traffic_MiB"), DoubleColumn.create("model_traffic_MiB"),
                DoubleColumn.create("traffic_err_pct"));
        MigrationModel accurate = new QemuAccurateModel(), paper = ProposedModel.defaults();
        for (Trace trace : traces) {
            Vm acc = accurateVm(trace), pap = paperVm(trace);
            for (DataRate rate : rates(trace)) {
                Prediction sim = Simulator.simulate(trace, rate, policy, config);
                add(t, trace, rate, "qemu-accurate", sim, accurate.predict(acc, rate, policy));
                add(t, trace, rate, "paper (as is)", sim, paper.predict(pap, rate, policy));
            }
        }
        return t;
    }

    private static void add(Table t, Trace trace, DataRate rate, String model, Prediction sim, Prediction p) {
        boolean simDnc = sim.stopReason() == StopReason.DOES_NOT_CONVERGE, modelDnc = p.stopReason() == StopReason.DOES_NOT_CONVERGE;
        t.stringColumn("workload").append(trace.name());
        t.doubleColumn("rate_MB_s").append(rate.mbPerSecond());
        t.stringColumn("model").append(model);
        t.stringColumn("sim_verdict").append(simDnc ? "does not converge" : "converges");
        t.stringColumn("model_verdict").append(modelDnc ? "does not converge" : "converges");
        t.booleanColumn("verdict_right").append(simDnc == modelDnc);
        t.doubleColumn("sim_migration_s").append(sim.migrationSeconds());
        t.doubleColumn("model_migration_s").append(p.migrationSeconds());
        t.doubleColumn("migration_err_pct").append(error(p.migrationSeconds(), sim.migrationSeconds(), simDnc, modelDnc));
        t.doubleColumn("sim_downtime_s").append(simDnc ? Double.NaN : sim.downtimeSeconds());
        t.doubleColumn("model_downtime_s").append(modelDnc ? Double.NaN : p.downtimeSeconds());
        t.doubleColumn("downtime_err_pct").append(error(p.downtimeSeconds(), sim.downtimeSeconds(), simDnc, modelDnc));
        t.doubleColumn("sim_traffic_MiB").append(sim.wireTrafficBytes() / DataSize.MIB);
        t.doubleColumn("model_traffic_MiB").append(p.wireTrafficBytes() / DataSize.MIB);
        t.doubleColumn("traffic_err_pct").append(error(p.wireTrafficBytes(), sim.wireTrafficBytes(), simDnc, modelDnc));
    }

    static double error(double model, double truth, boolean simDnc, boolean modelDnc) {
        if (simDnc || modelDnc) return simDnc && modelDnc ? 0 : Double.POSITIVE_INFINITY;
        if (truth == 0) return model == 0 ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(model - truth) / truth * 100;
    }

    /** Rounded to 0.1 for people (infinity stays). */
    private static double tenth(double v) { return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v; }

    /** Per model: cases, p90 errors of migration time, downtime and traffic (%), and the verdicts right (%). */
    public static Table summary(Table rows) {
        Map<String, List<Integer>> byModel = new LinkedHashMap<>();
        for (int i = 0; i < rows.rowCount(); i++) byModel.computeIfAbsent(rows.stringColumn("model").get(i), k -> new ArrayList<>()).add(i);
        Table t = Table.create("p90 errors vs the simulator (QEMU)", StringColumn.create("model"), IntColumn.create("cases"),
                DoubleColumn.create("p90_migration_err_pct"), DoubleColumn.create("p90_traffic_err_pct"),
                DoubleColumn.create("p90_downtime_err_pct"), DoubleColumn.create("verdict_right_pct"));
        for (var e : byModel.entrySet()) {
            List<Integer> idx = e.getValue();
            long right = idx.stream().filter(i -> rows.booleanColumn("verdict_right").get(i)).count();
            t.stringColumn("model").append(e.getKey());
            t.intColumn("cases").append(idx.size());
            t.doubleColumn("p90_migration_err_pct").append(tenth(ModelComparison.p90(rows.doubleColumn("migration_err_pct"), idx)));
            t.doubleColumn("p90_traffic_err_pct").append(tenth(ModelComparison.p90(rows.doubleColumn("traffic_err_pct"), idx)));
            t.doubleColumn("p90_downtime_err_pct").append(tenth(ModelComparison.p90(rows.doubleColumn("downtime_err_pct"), idx)));
            t.doubleColumn("verdict_right_pct").append(tenth(100.0 * right / idx.size()));
        }
        return t;
    }
}
