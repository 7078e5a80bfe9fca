package io.livemig.plan;

import io.livemig.model.Prediction;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The answer to "what is the lowest rate that migrates this VM within a target": the rate found (verified to meet
 * the target) or, when no rate up to the maximum does, {@code feasible == false} with the reason.
 *
 * @param vm           the VM's name
 * @param model        the model's name
 * @param policy       the policy's label
 * @param target       what is bounded: {@link Objective#MIGRATION_TIME} or {@link Objective#DOWNTIME}
 * @param limit        the bound on it
 * @param maxRate      the highest rate the search could use
 * @param feasible     whether a rate up to {@code maxRate} meets the target
 * @param rateOrNull   the rate found, null when infeasible (see {@link #rate()})
 * @param prediction   the prediction at the rate found, or at {@code maxRate} when infeasible (how close it came)
 * @param reason       one line for a person
 * @param evaluations  model evaluations spent (at most {@link SearchBudget#maxRateEvaluations()} + 1)
 */
public record RatePlan(
        String vm,
        String model,
        String policy,
        Objective target,
        Duration limit,
        DataRate maxRate,
        boolean feasible,
        DataRate rateOrNull,
        Prediction prediction,
        String reason,
        int evaluations) {

    /** What was asked: the lowest rate for this VM, model and policy to keep {@code target} within {@code limit}. */
    public record Question(
            String vm, String model, String policy, Objective target, Duration limit, DataRate maxRate) {}

    /** A rate that meets the target, with its prediction. */
    public static RatePlan met(Question q, DataRate rate, Prediction prediction, String reason, int evaluations) {
        return new RatePlan(
                q.vm(),
                q.model(),
                q.policy(),
                q.target(),
                q.limit(),
                q.maxRate(),
                true,
                rate,
                prediction,
                reason,
                evaluations);
    }

    /** No rate up to the maximum meets the target; {@code closest} is the prediction at the maximum rate. */
    public static RatePlan unmet(Question q, Prediction closest, String reason, int evaluations) {
        return new RatePlan(
                q.vm(),
                q.model(),
                q.policy(),
                q.target(),
                q.limit(),
                q.maxRate(),
                false,
                null,
                closest,
                reason,
                evaluations);
    }

    public Optional<DataRate> rate() {
        return Optional.ofNullable(rateOrNull);
    }

    /** One row: vm, model, policy, target, limit_s, max_rate_MiB_s, feasible, rate_MiB_s, migration_s, downtime_s, traffic_MiB, evaluations, reason. */
    public Table toTable() {
        Table t = Table.create(
                "rate plan · " + vm,
                StringColumn.create("vm"),
                StringColumn.create("model"),
                StringColumn.create("policy"),
                StringColumn.create("target"),
                DoubleColumn.create("limit_s"),
                DoubleColumn.create("max_rate_MiB_s"),
                BooleanColumn.create("feasible"),
                DoubleColumn.create("rate_MiB_s"),
                DoubleColumn.create("migration_s"),
                DoubleColumn.create("downtime_s"),
                DoubleColumn.create("traffic_MiB"),
                IntColumn.create("evaluations"),
                StringColumn.create("reason"));
        t.stringColumn("vm").append(vm);
        t.stringColumn("model").append(model);
        t.stringColumn("policy").append(policy);
        t.stringColumn("target").append(target.label());
        t.doubleColumn("limit_s").append(limit.toNanos() / 1e9);
        t.doubleColumn("max_rate_MiB_s").append(maxRate.mibPerSecond());
        t.booleanColumn("feasible").append(feasible);
        if (rateOrNull == null) t.doubleColumn("rate_MiB_s").appendMissing();
        else t.doubleColumn("rate_MiB_s").append(rateOrNull.mibPerSecond());
        t.doubleColumn("migration_s").append(prediction.migrationSeconds());
        t.doubleColumn("downtime_s").append(prediction.downtimeSeconds());
        t.doubleColumn("traffic_MiB").append(prediction.trafficBytes() / (1024.0 * 1024.0));
        t.intColumn("evaluations").append(evaluations);
        t.stringColumn("reason").append(reason);
        return t;
    }

    @Override
    public String toString() {
        return feasible
                ? String.format(
                        Locale.ROOT,
                        "%s: lowest rate for %s ≤ %s is %s (%s)",
                        vm,
                        target.label(),
                        seconds(limit),
                        rateOrNull,
                        reason)
                : String.format(
                        Locale.ROOT,
                        "%s: no rate up to %s gives %s ≤ %s: %s",
                        vm,
                        maxRate,
                        target.label(),
                        seconds(limit),
                        reason);
    }

    /** "10 s", "300 ms": Duration's own "PT10S" is for machines. */
    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : String.format(Locale.ROOT, "%.3g s", s);
    }
}
