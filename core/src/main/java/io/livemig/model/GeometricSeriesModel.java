package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometric-series pre-copy model (labelled "INFOCOM" by the paper's authors; the same closed form is in
 * Akoush et al. MASCOTS'10 and Liu et al. HPDC'11), model-paper.md §3.2. With λ = S/R each iteration sends λ times
 * the previous one: V_i = M·λ^{i−1}. It stops after n = ⌊log α / log λ⌋ iterations, where α is the policy's stop
 * threshold as a fraction of memory (Xen: 50 pages / M; QEMU: R × downtime limit / M), capped by the policy's
 * iteration cap; T_pre = (M/R)(1 − λ^n)/(1 − λ), capped at 3·M/R; T_down = (M/R)·λ^{n+1}, capped at M/R.
 */
public final class GeometricSeriesModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;

    public GeometricSeriesModel(DirtyRateSource dirtyRate) { this.dirtyRate = Check.notNull("dirty rate", dirtyRate); }

    public GeometricSeriesModel() { this(DirtyRateSource.profileAverage()); }

    @Override public String name() { return "geometric"; }

    /** α: the stop threshold of the policy as a fraction of memory. */
    static double alpha(PrecopyPolicy policy, Vm vm, DataRate rate) {
        double m = vm.memoryPages();
        if (policy instanceof Qemu q) return rate.pagesPerSecond(vm.pageSizeBytes()) * q.downtimeLimitSeconds() / m;
        if (policy instanceof XenLegacy x) return x.minPages() / m;
        return ((XenV2) policy).minPages() / m;
    }

    @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        Check.notNull("policy", policy);
        PrecopyLoop.checkedRate(rate);
        DataRate eff = PrecopyLoop.effectiveRate(rate, policy);
        double r = eff.pagesPerSecond(vm.pageSizeBytes());
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double m = vm.memoryPages();
        double lambda = s / r;
        double alpha = Math.min(alpha(policy, vm, eff), 1);
        int cap = policy.maxIterations();
        String label = policy.label();

        if (lambda >= 1 && cap == Integer.MAX_VALUE) {
            List<Iteration> rows = List.of(Iteration.live(1, m, m / r, Math.min(m, s * m / r)));
            return new Prediction(name(), vm.name(), eff, label, vm.pageSizeBytes(), rows, Double.POSITIVE_INFINITY,
                    m / r, StopReason.DOES_NOT_CONVERGE, String.format(Locale.ROOT,
                    "does not converge: dirty rate %.0f pages/s ≥ rate %.0f pages/s and the policy has no cap", s, r));
        }
        int n;
        StopReason reason;
        if (lambda <= 0) { n = 1; reason = StopReason.CONVERGED; }
        else if (lambda >= 1) { n = cap; reason = StopReason.ITERATION_CAP; }
        else {
            double raw = Math.floor(Math.log(alpha) / Math.log(lambda));
            n = (int) Math.max(1, Math.min(raw, cap));
            reason = raw > cap ? StopReason.ITERATION_CAP : StopReason.CONVERGED;
        }
        double tpre = lambda == 1 ? n * m / r : (m / r) * (1 - Math.pow(lambda, n)) / (1 - lambda);
        double trafficCap = (policy instanceof XenLegacy x ? x.maxFactor() : 3) * m / r;
        if (!(policy instanceof Qemu) && tpre > trafficCap) { tpre = trafficCap; reason = StopReason.TRAFFIC_CAP; }
        double tdown = Math.min((m / r) * Math.pow(lambda, n + 1), m / r);

        List<Iteration> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            double v = m * Math.pow(lambda, i - 1);
            rows.add(Iteration.live(i, v, v / r, v * lambda));
        }
        rows.add(Iteration.stopAndCopy(n + 1, tdown * r, tdown));
        String detail = String.format(Locale.ROOT, "λ = S/R = %.4f, threshold α = %.6f of memory, %d iterations", lambda, alpha, n);
        return new Prediction(name(), vm.name(), eff, label, vm.pageSizeBytes(), rows, tpre, tdown, reason, detail);
    }
}
