package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.List;

/**
 * The effective-rate model (docs/model.md §3.2, {@code effective-rate}): memory drains at R − S, so
 * T_pre = M/(R − S) when R &gt; S, capped at 3·M/R under Xen legacy (its traffic cap, which also stands in when
 * R ≤ S) and at (iteration cap)·M/R under Xen v2; under QEMU, R ≤ S does not converge. No downtime term.
 */
public final class EffectiveRateModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;

    public EffectiveRateModel(DirtyRateSource dirtyRate) {
        this.dirtyRate = Check.notNull("dirty rate", dirtyRate);
    }

    public EffectiveRateModel() {
        this(DirtyRateSource.profileAverage());
    }

    @Override
    public String name() {
        return "effective-rate";
    }

    @Override
    public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        DataRate eff = PrecopyLoop.usableRate(vm, rate, policy);
        double r = eff.pagesPerSecond(vm.pageSizeBytes());
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double m = vm.memoryPages();
        // Xen legacy stops after maxFactor·M sent; Xen v2 after its iteration cap of full passes at most.
        boolean trafficCapped = Double.isFinite(policy.trafficCapFactor());
        double factor = trafficCapped
                ? policy.trafficCapFactor()
                : policy.hasIterationCap() ? policy.maxIterations() : Double.POSITIVE_INFINITY;
        if (!Double.isFinite(factor) && r <= s) {
            // QEMU has no cap: memory that dirties at least as fast as it drains never finishes.
            return Prediction.of(name(), vm, eff, policy)
                    .rows(List.of(Iteration.live(1, m, m / r, Math.min(m, s * m / r))))
                    .precopySeconds(Double.POSITIVE_INFINITY)
                    .downtimeSeconds(0)
                    .stop(Stop.doesNotConverge("does not converge: dirty rate " + PrecopyLoop.round(s)
                            + " pages/s ≥ rate " + PrecopyLoop.round(r) + " pages/s and the policy has no cap"))
                    .build();
        }
        double cap = factor * m / r;
        double t = r > s ? Math.min(m / (r - s), cap) : cap;
        StopReason reason =
                t >= cap ? (trafficCapped ? StopReason.TRAFFIC_CAP : StopReason.ITERATION_CAP) : StopReason.CONVERGED;
        String detail = r > s
                ? "memory drains at R − S = " + PrecopyLoop.round(r - s) + " pages/s"
                : "dirty rate " + PrecopyLoop.round(s) + " pages/s ≥ rate " + PrecopyLoop.round(r)
                        + " pages/s: capped at " + factor + " × memory";
        return Prediction.of(name(), vm, eff, policy)
                .rows(List.of(Iteration.live(1, t * r, t, s * t), Iteration.stopAndCopy(2, 0, 0)))
                .precopySeconds(t)
                .downtimeSeconds(0)
                .stop(new Stop(reason, detail))
                .build();
    }
}
