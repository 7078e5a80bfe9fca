package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

import java.util.List;

/** The trivial lower bound: memory sent once, T_pre = M/R, no downtime (model-paper.md §3.2, {@code base}). */
public final class FullCopyModel implements MigrationModel {
    @Override public String name() { return "full-copy"; }

    @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        DataRate r = PrecopyLoop.usableRate(vm, rate, policy);
        double m = vm.memoryPages();
        double t = m / r.pagesPerSecond(vm.pageSizeBytes());
        return new Prediction(name(), vm.name(), r, policy.label(), vm.pageSizeBytes(),
                List.of(Iteration.live(1, m, t, 0), Iteration.stopAndCopy(2, 0, 0)), t, 0,
                StopReason.CONVERGED, "memory sent once; dirtying ignored");
    }
}
