package io.livemig.sim;

import io.livemig.Check;
import io.livemig.Percentiles;
import io.livemig.model.EffectiveRateModel;
import io.livemig.model.FullCopyModel;
import io.livemig.model.GeometricSeriesModel;
import io.livemig.model.LiuIterativeModel;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.model.StopReason;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.trace.DirtyRateEstimator;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proposed model, the QEMU-accurate model and the existing models against the simulator: for every trace, rate and
 * policy, the simulator's migration is the truth and each model predicts from the trace's fitted linear profile (the
 * proposed model), its curve D(T) and memory composition (QEMU-accurate) or one dirty rate (the existing models, fed
 * the plain average and Pacer's estimate). {@link #rows} gives one row per
 * (trace, rate, policy, model); {@link #percentiles} the 90th-percentile errors per policy and model.
 *
 * <p>A migration that does not converge has an infinite time: a model and the simulator that both say so agree
 * (error 0); one that says so alone has an infinite error.
 */
public final class ModelComparison {
    private ModelComparison() {}

    /** A model and the VM it is given: what it reads of the trace (profile, composition). */
    public record Contender(MigrationModel model, Vm vm) {}

    /**
     * The models compared, fed from {@code trace}: the proposed model with the fitted linear profile, the
     * QEMU-accurate model with the trace's curve D(T) and the memory composition the simulator will see, full copy,
     * and the existing models with one dirty rate each.
     */
    public static List<Contender> contenders(Trace trace, SimConfig config) {
        Check.notNull("trace", trace);
        Check.notNull("config", config);
        Vm paper = QemuCheck.paperVm(trace);
        List<Contender> out = new ArrayList<>();
        out.add(new Contender(ProposedModel.defaults(), paper));
        out.add(new Contender(new QemuAccurateModel(), QemuCheck.accurateVm(trace).withComposition(composition(trace, config))));
        out.add(new Contender(new FullCopyModel(), paper));
        for (DirtyRateEstimator e : List.of(new DirtyRateEstimator.Average(), new DirtyRateEstimator.PacerFrequency(10))) {
            var src = e.source(trace);
            String tag = e instanceof DirtyRateEstimator.Average ? "average" : "pacer";
            out.add(new Contender(named(new GeometricSeriesModel(src), "geometric+" + tag), paper));
            out.add(new Contender(named(new EffectiveRateModel(src), "effective-rate+" + tag), paper));
            out.add(new Contender(named(new LiuIterativeModel(src), "liu+" + tag), paper));
        }
        return out;
    }

    /**
     * The zero pages the simulator starts from: the trace header's non-zero count when it gives one, else the
     * configured share of memory (the simulator keeps a page of that share zero until the guest first writes it, and
     * at the start nothing has been written).
     */
    static MemoryComposition composition(Trace trace, SimConfig config) {
        if (trace.header().nonZeroKnown() || config.zeroPageFraction() == 0) return trace.fit().composition();
        return MemoryComposition.ofNonZeroFraction(1 - config.zeroPageFraction());
    }

    private static MigrationModel named(MigrationModel m, String name) {
        return new MigrationModel() {
            @Override public String name() { return name; }
            @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) { return m.predict(vm, rate, policy); }
        };
    }

    /**
     * One row per trace × rate × policy × model: workload, rate_MB_s, policy, model, sim_migration_s,
     * model_migration_s, migration_err_pct, sim_downtime_s, model_downtime_s, downtime_err_s, sim_traffic_MiB,
     * model_traffic_MiB, traffic_err_pct.
     */
    public static Table rows(List<Trace> traces, List<DataRate> rates, List<PrecopyPolicy> policies, SimConfig config) {
        Check.notNull("traces", traces);
        Table t = Table.create("models vs simulator", StringColumn.create("workload"), DoubleColumn.create("rate_MB_s"),
                StringColumn.create("policy"), StringColumn.create("model"), DoubleColumn.create("sim_migration_s"),
                DoubleColumn.create("model_migration_s"), DoubleColumn.create("migration_err_pct"),
                DoubleColumn.create("sim_downtime_s"), DoubleColumn.create("model_downtime_s"), DoubleColumn.create("downtime_err_s"),
                DoubleColumn.create("sim_traffic_MiB"), DoubleColumn.create("model_traffic_MiB"), DoubleColumn.create("traffic_err_pct"));
        for (Trace trace : traces) {
            List<Contender> contenders = contenders(trace, config);
            for (DataRate rate : rates) {
                for (PrecopyPolicy policy : policies) {
                    Prediction sim = Simulator.simulate(trace, rate, policy, config);
                    for (Contender c : contenders) {
                        MigrationModel model = c.model();
                        Prediction p = model.predict(c.vm(), rate, policy);
                        t.stringColumn("workload").append(trace.name());
                        t.doubleColumn("rate_MB_s").append(rate.mbPerSecond());
                        t.stringColumn("policy").append(policy.label());
                        t.stringColumn("model").append(model.name());
                        t.doubleColumn("sim_migration_s").append(sim.migrationSeconds());
                        t.doubleColumn("model_migration_s").append(p.migrationSeconds());
                        t.doubleColumn("migration_err_pct").append(relative(p.migrationSeconds(), sim.migrationSeconds(), sim, p));
                        t.doubleColumn("sim_downtime_s").append(sim.downtimeSeconds());
                        t.doubleColumn("model_downtime_s").append(p.downtimeSeconds());
                        t.doubleColumn("downtime_err_s").append(Math.abs(p.downtimeSeconds() - sim.downtimeSeconds()));
                        double simMiB = sim.trafficBytes() / DataSize.MIB, modelMiB = p.trafficBytes() / DataSize.MIB;
                        t.doubleColumn("sim_traffic_MiB").append(simMiB);
                        t.doubleColumn("model_traffic_MiB").append(modelMiB);
                        t.doubleColumn("traffic_err_pct").append(relative(modelMiB, simMiB, sim, p));
                    }
                }
            }
        }
        return t;
    }

    private static double relative(double model, double truth, Prediction sim, Prediction p) {
        boolean simDnc = sim.stopReason() == StopReason.DOES_NOT_CONVERGE, modelDnc = p.stopReason() == StopReason.DOES_NOT_CONVERGE;
        if (simDnc || modelDnc) return simDnc && modelDnc ? 0 : Double.POSITIVE_INFINITY;
        return truth == 0 ? (model == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(model - truth) / truth * 100;
    }

    /** Per policy and model: rows, p90 migration-time error (%), p90 downtime error (s), p90 traffic error (%). */
    public static Table percentiles(Table rows) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            groups.computeIfAbsent(rows.stringColumn("policy").get(i) + "\u0000" + rows.stringColumn("model").get(i), k -> new ArrayList<>()).add(i);
        }
        Table t = Table.create("p90 errors vs simulator", StringColumn.create("policy"), StringColumn.create("model"),
                IntColumn.create("rows"), DoubleColumn.create("p90_migration_err_pct"), DoubleColumn.create("p90_downtime_err_s"),
                DoubleColumn.create("p90_traffic_err_pct"));
        for (var e : groups.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            List<Integer> idx = e.getValue();
            t.stringColumn("policy").append(key[0]);
            t.stringColumn("model").append(key[1]);
            t.intColumn("rows").append(idx.size());
            t.doubleColumn("p90_migration_err_pct").append(round(p90(rows.doubleColumn("migration_err_pct"), idx)));
            t.doubleColumn("p90_downtime_err_s").append(round(p90(rows.doubleColumn("downtime_err_s"), idx)));
            t.doubleColumn("p90_traffic_err_pct").append(round(p90(rows.doubleColumn("traffic_err_pct"), idx)));
        }
        return t;
    }

    private static double round(double v) { return Double.isFinite(v) && Math.abs(v) < 1e12 ? Math.round(v * 100) / 100.0 : v; }

    /** The 90th percentile of the rows {@code idx}, nearest rank as in the validation (infinite values sort last). */
    static double p90(DoubleColumn c, List<Integer> idx) {
        return Percentiles.nearestRank(idx.stream().mapToDouble(c::getDouble).toArray(), 0.9);
    }

}
