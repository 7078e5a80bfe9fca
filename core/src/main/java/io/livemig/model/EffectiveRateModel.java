package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

import java.util.List;
import java.util.Locale;

/**
 * The effective-rate model (model-paper.md §3.2, {@code effective-rate}): memory drains at R − S, so
 * T_pre = M/(R − S) when R &gt; S, capped at 3·M/R (the Xen traffic cap; the cap also stands in when R ≤ S);
 * no downtime term.
 */
public final class EffectiveRateModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;

    public EffectiveRateModel(DirtyRateSource dirtyRate) { this.dirtyRate = Check.notNull("dirty rate", dirtyRate); }

    public EffectiveRateModel() { this(DirtyRateSource.profileAverage()); }

    @Override public String name() { return "effective-rate"; }

    @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        Check.notNull("policy", policy);
        PrecopyLoop.checkedRate(rate);
        DataRate eff = PrecopyLoop.effectiveRate(rate, policy);
        double r = eff.pagesPerSecond(vm.pageSizeBytes());
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double m = vm.memoryPages();
        double factor = policy instanceof XenLegacy x ? x.maxFactor() : 3;
        double cap = factor * m / r;
        double t = r > s ? Math.min(m / (r - s), cap) : cap;
        StopReason reason = t >= cap ? StopReason.TRAFFIC_CAP : StopReason.CONVERGED;
        String detail = r > s
                ? "memory drains at R − S = " + PrecopyLoop.round(r - s) + " pages/s"
                : "dirty rate " + PrecopyLoop.round(s) + " pages/s ≥ rate " + PrecopyLoop.round(r) + " pages/s: capped at " + factor + " × memory";
        return new Prediction(name(), vm.name(), eff, policy.label(), vm.pageSizeBytes(),
                List.of(Iteration.live(1, t * r, t, s * t), Iteration.stopAndCopy(2, 0, 0)), t, 0, reason, detail);
    }
}
