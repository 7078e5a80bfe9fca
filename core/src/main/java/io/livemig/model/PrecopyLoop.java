package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The iterative pre-copy recurrence shared by the iterative models (docs/model.md §2.7):
 * V_1 = M − W_1, V_i = D_{i−1} − W_i, T_i = V_i / R, D_i = D(unreduced T_i); the policy decides when to stop, and the
 * last dirty set is sent with the VM paused. The models differ only in D(T) and in the skip function.
 */
final class PrecopyLoop {
    /** Beyond this many iterations without a cap, a fixed point has been reached to double precision. */
    private static final int NO_CAP_ITERATION_BOUND = 100_000;

    private PrecopyLoop() {}

    /**
     * The one precondition check every model starts with: vm, policy and a finite rate &gt; 0, and the rate the policy
     * lets the migration use.
     * @throws IllegalArgumentException naming the missing or impossible argument
     */
    static DataRate usableRate(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        return Check.notNull("policy", policy).usableRate(rate);
    }

    /**
     * @param dirtied D(T) in pages for an interval of T seconds; must be monotone and capped
     * @param skip    W_i; ignored unless the policy is Xen legacy with skip on
     */
    static Prediction run(
            String model,
            Vm vm,
            DataRate requestedRate,
            PrecopyPolicy policy,
            DoubleUnaryOperator dirtied,
            SkipFunction skip) {
        return run(model, vm, requestedRate, policy, dirtied, skip, TrafficAccounting.EXACT);
    }

    static Prediction run(
            String model,
            Vm vm,
            DataRate requestedRate,
            PrecopyPolicy policy,
            DoubleUnaryOperator dirtied,
            SkipFunction skip,
            TrafficAccounting accounting) {
        DataRate rate = usableRate(vm, requestedRate, policy);
        double r = rate.pagesPerSecond(vm.pageSizeBytes());
        double m = vm.memoryPages();
        boolean skipping = policy.skips();
        int cap = policy.maxIterations();

        List<Iteration> rows = new ArrayList<>(Math.min(cap, 63) + 1);
        double due = m; // pages due this iteration, before skipping
        double total = 0, tpre = 0;
        double prevD = 0, prevT = 0, prevSent = 0;
        for (int i = 1; ; i++) {
            double t0 = due / r;
            double d = dirtied.applyAsDouble(t0);
            double e = 0, w = 0;
            if (skipping) {
                e = i == 1 ? d : Math.max(0, prevD + d - dirtied.applyAsDouble(prevT + t0));
                double raw =
                        skip.skippedPages(new SkipFunction.Context(i, due, d, e, t0, r, prevSent, prevT, vm.profile()));
                // the authors' C programs apply W as computed (SkipFunction.clamped)
                w = !Double.isFinite(raw) ? 0 : skip.clamped() ? Math.max(0, Math.min(raw, due)) : raw;
            }
            double sent = due - w;
            double t = sent / r;
            tpre += t;
            total += sent;
            if (accounting == TrafficAccounting.WHOLE_MIB_TRUNCATED) {
                double pagesPerMiB = (1 << 20) / (double) vm.pageSizeBytes();
                total = Math.floor(total / pagesPerMiB) * pagesPerMiB;
            }
            rows.add(new Iteration(i, sent, t, d, e, w, false));
            prevD = d;
            prevT = t;
            prevSent = sent;
            double next = skipping && skip.nextDirtySetAfterSkip() ? dirtied.applyAsDouble(t) : d;

            Stop stop = stopRule(policy, i, next, total, m, rate, vm.pageSizeBytes());
            if (stop != null) {
                double down = next / r;
                rows.add(Iteration.stopAndCopy(i + 1, next, down));
                return Prediction.of(model, vm, rate, policy)
                        .rows(rows)
                        .precopySeconds(tpre)
                        .downtimeSeconds(down)
                        .stop(stop)
                        .build();
            }
            // Without a cap, a dirty set that stops shrinking never fits the threshold: say so instead of looping.
            if (!policy.hasIterationCap() && (next >= due * (1 - 1e-12) || i >= NO_CAP_ITERATION_BOUND)) {
                double steadyBytes = next * vm.pageSizeBytes();
                String why = String.format(
                        Locale.ROOT,
                        "does not converge: after %d iterations %.0f pages (%.1f MiB) stay dirty, the threshold is %.1f MiB "
                                + "(%s); the VM dirties pages as fast as they are sent",
                        i,
                        next,
                        steadyBytes / (1 << 20),
                        policy.thresholdPages(rate, vm.pageSizeBytes()) * vm.pageSizeBytes() / (1 << 20),
                        policy.describeThreshold(rate, vm.pageSizeBytes()));
                return Prediction.of(model, vm, rate, policy)
                        .rows(rows)
                        .precopySeconds(Double.POSITIVE_INFINITY)
                        .downtimeSeconds(next / r)
                        .stop(Stop.doesNotConverge(why))
                        .build();
            }
            due = next;
        }
    }

    /** The policy's stop rules after live iteration {@code i}, in Xen's order; null to go on. */
    private static Stop stopRule(
            PrecopyPolicy policy, int i, double dirtied, double total, double m, DataRate rate, int pageSize) {
        if (policy.fitsThreshold(dirtied, rate, pageSize)) {
            return Stop.converged(round(dirtied) + " pages dirty, " + policy.describeThreshold(rate, pageSize));
        }
        double trafficCap = policy.trafficCapFactor() * m;
        if (total >= trafficCap) {
            return Stop.trafficCap(round(total) + " pages sent, cap " + policy.trafficCapFactor() + " × memory = "
                    + round(trafficCap) + " pages");
        }
        if (i >= policy.maxIterations()) return Stop.iterationCap("the policy allows " + i + " live iterations");
        return null;
    }

    /** Cheap integer text for stop details: String.format dominated a prediction's cost. */
    static String round(double v) {
        return Long.toString(Math.round(v));
    }
}
