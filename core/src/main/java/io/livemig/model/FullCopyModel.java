package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.List;

/** The trivial lower bound: memory sent once, T_pre = M/R, no downtime (docs/model.md §3.2, {@code base}). */
public final class FullCopyModel implements MigrationModel {
    @Override
    public String name() {
        return "full-copy";
    }

    @Override
    public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        DataRate r = PrecopyLoop.usableRate(vm, rate, policy);
        double m = vm.memoryPages();
        double t = m / r.pagesPerSecond(vm.pageSizeBytes());
        return Prediction.of(name(), vm, r, policy)
                .rows(List.of(Iteration.live(1, m, t, 0), Iteration.stopAndCopy(2, 0, 0)))
                .precopySeconds(t)
                .downtimeSeconds(0)
                .stop(Stop.converged("memory sent once; dirtying ignored"))
                .build();
    }
}
