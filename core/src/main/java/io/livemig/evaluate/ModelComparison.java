package io.livemig.evaluate;

import io.livemig.Check;
import io.livemig.model.EffectiveRateModel;
import io.livemig.model.FullCopyModel;
import io.livemig.model.GeometricSeriesModel;
import io.livemig.model.LiuIterativeModel;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.trace.DirtyRateEstimator;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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
    /** Column names of {@link #rows}: the contract with the DSL, the CLI and the notebooks. */
    public static final String WORKLOAD = "workload",
            RATE_MB_S = "rate_MB_s",
            POLICY = "policy",
            MODEL = "model",
            SIM_MIGRATION_S = "sim_migration_s",
            MODEL_MIGRATION_S = "model_migration_s",
            MIGRATION_ERR_PCT = "migration_err_pct",
            SIM_DOWNTIME_S = "sim_downtime_s",
            MODEL_DOWNTIME_S = "model_downtime_s",
            DOWNTIME_ERR_S = "downtime_err_s",
            SIM_TRAFFIC_MIB = "sim_traffic_MiB",
            MODEL_TRAFFIC_MIB = "model_traffic_MiB",
            TRAFFIC_ERR_PCT = "traffic_err_pct";

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
        Vm paper = trace.paperVm();
        List<Contender> out = new ArrayList<>();
        out.add(new Contender(ProposedModel.defaults(), paper));
        out.add(new Contender(new QemuAccurateModel(), trace.accurateVm().withComposition(composition(trace, config))));
        out.add(new Contender(new FullCopyModel(), paper));
        for (DirtyRateEstimator e :
                List.of(new DirtyRateEstimator.Average(), new DirtyRateEstimator.PacerFrequency(10))) {
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
        if (trace.header().nonZeroKnown() || config.zeroPageFraction() == 0)
            return trace.fit().composition();
        return MemoryComposition.ofNonZeroFraction(1 - config.zeroPageFraction());
    }

    private static MigrationModel named(MigrationModel m, String name) {
        return new MigrationModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
                return m.predict(vm, rate, policy);
            }
        };
    }

    /**
     * One row per trace × rate × policy × model: workload, rate_MB_s, policy, model, sim_migration_s,
     * model_migration_s, migration_err_pct, sim_downtime_s, model_downtime_s, downtime_err_s, sim_traffic_MiB,
     * model_traffic_MiB, traffic_err_pct.
     */
    public static Table rows(List<Trace> traces, List<DataRate> rates, List<PrecopyPolicy> policies, SimConfig config) {
        Check.notNull("traces", traces);
        Table t = Table.create(
                "models vs simulator",
                StringColumn.create(WORKLOAD),
                DoubleColumn.create(RATE_MB_S),
                StringColumn.create(POLICY),
                StringColumn.create(MODEL),
                DoubleColumn.create(SIM_MIGRATION_S),
                DoubleColumn.create(MODEL_MIGRATION_S),
                DoubleColumn.create(MIGRATION_ERR_PCT),
                DoubleColumn.create(SIM_DOWNTIME_S),
                DoubleColumn.create(MODEL_DOWNTIME_S),
                DoubleColumn.create(DOWNTIME_ERR_S),
                DoubleColumn.create(SIM_TRAFFIC_MIB),
                DoubleColumn.create(MODEL_TRAFFIC_MIB),
                DoubleColumn.create(TRAFFIC_ERR_PCT));
        for (Trace trace : traces) {
            List<Contender> contenders = contenders(trace, config);
            for (DataRate rate : rates) {
                for (PrecopyPolicy policy : policies) {
                    Prediction sim = Simulator.simulate(trace, rate, policy, config);
                    for (Contender c : contenders)
                        addRow(
                                t,
                                trace,
                                rate,
                                policy,
                                c.model().name(),
                                sim,
                                c.model().predict(c.vm(), rate, policy));
                }
            }
        }
        return t;
    }

    private static void addRow(
            Table t, Trace trace, DataRate rate, PrecopyPolicy policy, String model, Prediction sim, Prediction p) {
        t.stringColumn(WORKLOAD).append(trace.name());
        t.doubleColumn(RATE_MB_S).append(rate.mbPerSecond());
        t.stringColumn(POLICY).append(policy.label());
        t.stringColumn(MODEL).append(model);
        t.doubleColumn(SIM_MIGRATION_S).append(sim.migrationSeconds());
        t.doubleColumn(MODEL_MIGRATION_S).append(p.migrationSeconds());
        t.doubleColumn(MIGRATION_ERR_PCT)
                .append(Errors.relativePct(p.migrationSeconds(), sim.migrationSeconds(), sim, p));
        t.doubleColumn(SIM_DOWNTIME_S).append(sim.downtimeSeconds());
        t.doubleColumn(MODEL_DOWNTIME_S).append(p.downtimeSeconds());
        t.doubleColumn(DOWNTIME_ERR_S).append(Math.abs(p.downtimeSeconds() - sim.downtimeSeconds()));
        double simMiB = sim.trafficBytes() / DataSize.MIB, modelMiB = p.trafficBytes() / DataSize.MIB;
        t.doubleColumn(SIM_TRAFFIC_MIB).append(simMiB);
        t.doubleColumn(MODEL_TRAFFIC_MIB).append(modelMiB);
        t.doubleColumn(TRAFFIC_ERR_PCT).append(Errors.relativePct(modelMiB, simMiB, sim, p));
    }

    /** Per policy and model: rows, p90 migration-time error (%), p90 downtime error (s), p90 traffic error (%). */
    public static Table percentiles(Table rows) {
        return GroupedPercentile.p90(
                rows,
                "p90 errors vs simulator",
                List.of(POLICY, MODEL),
                List.of(MIGRATION_ERR_PCT, DOWNTIME_ERR_S, TRAFFIC_ERR_PCT),
                2);
    }
}
