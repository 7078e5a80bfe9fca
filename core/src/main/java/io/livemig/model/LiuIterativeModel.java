package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

import java.util.function.DoubleUnaryOperator;

/**
 * Liu, Xu, Jin, Gong, Liao, "Performance and energy modeling for live migration of virtual machines" (HPDC 2011),
 * as the paper's authors re-fitted it ({@code hpdc-skip.c}, model-paper.md §3.2): V_1 = M; D_i = T_i·S, uncapped;
 * under Xen with skip a fraction β of each due set is skipped, V_{i+1} = (1 − β)·D_i, with
 * β = 0.362·(S / 1180.11) + 0.4342 for S in MiB/s. The policy's stop rules apply.
 */
public final class LiuIterativeModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;
    private final DoubleUnaryOperator betaOfRatePagesPerSecond;

    /**
     * @param dirtyRate the one dirty rate S
     * @param beta      β as a function of S in pages per second
     */
    public LiuIterativeModel(DirtyRateSource dirtyRate, DoubleUnaryOperator beta) {
        this.dirtyRate = Check.notNull("dirty rate", dirtyRate);
        this.betaOfRatePagesPerSecond = Check.notNull("beta", beta);
    }

    public LiuIterativeModel(DirtyRateSource dirtyRate) { this(dirtyRate, LiuIterativeModel::authorsBeta); }

    public LiuIterativeModel() { this(DirtyRateSource.profileAverage()); }

    /** β = 0.362·(S/1180.11) + 0.4342 with S in MiB/s of 4 KiB pages, as the authors' re-fit applies it. */
    public static double authorsBeta(double sPagesPerSecond) {
        return 0.362 * ((sPagesPerSecond / 256.0) / 1180.11) + 0.4342;
    }

    @Override public String name() { return "liu-iterative"; }

    @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double beta = Math.max(0, Math.min(1, betaOfRatePagesPerSecond.applyAsDouble(s)));
        SkipFunction skip = c -> c.iteration() == 1 ? 0 : beta * c.duePages();
        return PrecopyLoop.run(name(), vm, rate, policy, t -> t * s, skip);
    }
}
