package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometric-series pre-copy model (labelled "INFOCOM" by the paper's authors; the same closed form is in
 * Akoush et al. MASCOTS'10 and Liu et al. HPDC'11), docs/model.md §3.2. With λ = S/R each iteration sends λ times
 * the previous one: V_i = M·λ^{i−1}. It stops after n = ⌊log α / log λ⌋ iterations, where α is the policy's stop
 * threshold as a fraction of memory (Xen: 50 pages / M; QEMU: R × downtime limit / M), capped by the policy's
 * iteration cap; T_pre = (M/R)(1 − λ^n)/(1 − λ), capped at 3·M/R (Xen legacy's traffic cap); the stop-and-copy
 * sends V_{n+1} = M·λ^n, capped at M. No set exceeds M, so for λ ≥ 1 each pass sends M. The authors' bc script
 * used λ^{n+1} for the downtime and truncated every step to 3 decimals; those conventions live in the validation
 * package ({@code io.livemig.validate.BcScripts}), not here.
 */
public final class GeometricSeriesModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;

    public GeometricSeriesModel(DirtyRateSource dirtyRate) {
        this.dirtyRate = Check.notNull("dirty rate", dirtyRate);
    }

    public GeometricSeriesModel() {
        this(DirtyRateSource.profileAverage());
    }

    @Override
    public String name() {
        return "geometric";
    }

    /** α: the stop threshold of the policy as a fraction of memory. */
    static double alpha(PrecopyPolicy policy, Vm vm, DataRate rate) {
        return policy.thresholdPages(rate, vm.pageSizeBytes()) / vm.memoryPages();
    }

    @Override
    public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        DataRate eff = PrecopyLoop.usableRate(vm, rate, policy);
        double r = eff.pagesPerSecond(vm.pageSizeBytes());
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double m = vm.memoryPages();
        double lambda = s / r;
        double alpha = Math.min(alpha(policy, vm, eff), 1);
        int cap = policy.maxIterations();

        if (lambda >= 1 && !policy.hasIterationCap()) {
            List<Iteration> rows = List.of(Iteration.live(1, m, m / r, Math.min(m, s * m / r)));
            return Prediction.of(name(), vm, eff, policy)
                    .rows(rows)
                    .precopySeconds(Double.POSITIVE_INFINITY)
                    .downtimeSeconds(m / r)
                    .stop(Stop.doesNotConverge(String.format(
                            Locale.ROOT,
                            "does not converge: dirty rate %.0f pages/s ≥ rate %.0f pages/s and the policy has no cap",
                            s,
                            r)))
                    .build();
        }
        int n;
        StopReason reason;
        if (lambda <= 0) {
            n = 1;
            reason = StopReason.CONVERGED;
        } else if (lambda >= 1) {
            n = cap;
            reason = StopReason.ITERATION_CAP;
        } else {
            double raw = Math.floor(Math.log(alpha) / Math.log(lambda));
            n = (int) Math.max(1, Math.min(raw, cap));
            reason = raw > cap ? StopReason.ITERATION_CAP : StopReason.CONVERGED;
        }
        // Rows follow V_i = M·λ^{i−1}, but no dirty set can exceed memory (so λ ≥ 1 sends M each pass), and a policy
        // with a traffic cap stops sending once the cap is reached: the rows add up to T_pre exactly.
        double trafficCap = policy.trafficCapFactor() * m;
        List<Iteration> rows = new ArrayList<>();
        double sentTotal = 0;
        double v = m;
        int done = 0;
        for (int i = 1; i <= n; i++) {
            double send = Math.min(v, trafficCap - sentTotal);
            if (send <= 0) break;
            double dirtied = Math.min(m, send * lambda);
            rows.add(Iteration.live(i, send, send / r, dirtied));
            sentTotal += send;
            done = i;
            if (sentTotal >= trafficCap) {
                reason = StopReason.TRAFFIC_CAP;
                break;
            }
            v = Math.min(m, v * lambda);
        }
        double tpre = sentTotal / r;
        double down = Math.min(m, m * Math.pow(lambda, done));
        double tdown = down / r;
        rows.add(Iteration.stopAndCopy(done + 1, down, tdown));
        n = done;
        String detail = "λ = S/R = " + (Math.round(lambda * 1e4) / 1e4) + ", threshold α = "
                + (Math.round(alpha * 1e6) / 1e6) + " of memory, " + n + " iterations";
        return Prediction.of(name(), vm, eff, policy)
                .rows(rows)
                .precopySeconds(tpre)
                .downtimeSeconds(tdown)
                .stop(new Stop(reason, detail))
                .build();
    }
}
