package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.function.DoubleUnaryOperator;

/**
 * Liu, Xu, Jin, Gong, Liao, "Performance and energy modeling for live migration of virtual machines" (HPDC 2011),
 * as the paper's authors re-fitted it ({@code hpdc-skip.c}, docs/model.md §3.2): V_1 = M; D_i = T_i·S, capped only by M;
 * under Xen with skip a fraction β of every dirty set is skipped for good (Liu et al. treat it as the writable
 * working set that is not worth sending), so V_{i+1} = (1 − β)·T_i·S, the stop rules look at that reduced set and
 * the stop-and-copy sends it; β = 0.362·(S / 1180.11) + 0.4342 for S in MiB/s. Without skip, V_{i+1} = T_i·S.
 */
public final class LiuIterativeModel implements MigrationModel {
    private final DirtyRateSource dirtyRate;
    private final DoubleUnaryOperator betaOfRatePagesPerSecond;
    private final TrafficAccounting accounting;
    private final boolean capAtMemory;

    /**
     * @param dirtyRate the one dirty rate S
     * @param beta      β as a function of S in pages per second
     */
    public LiuIterativeModel(DirtyRateSource dirtyRate, DoubleUnaryOperator beta) {
        this(dirtyRate, beta, TrafficAccounting.EXACT, true);
    }

    private LiuIterativeModel(
            DirtyRateSource dirtyRate, DoubleUnaryOperator beta, TrafficAccounting accounting, boolean capAtMemory) {
        this.dirtyRate = Check.notNull("dirty rate", dirtyRate);
        this.betaOfRatePagesPerSecond = Check.notNull("beta", beta);
        this.accounting = Check.notNull("traffic accounting", accounting);
        this.capAtMemory = capAtMemory;
    }

    /** The same model counting sent pages another way (see {@link TrafficAccounting}). */
    public LiuIterativeModel withTrafficAccounting(TrafficAccounting a) {
        return new LiuIterativeModel(dirtyRate, betaOfRatePagesPerSecond, a, capAtMemory);
    }

    /**
     * The same model without the cap of D at memory, as {@code hpdc-skip.c} computes it (a dirty set larger than the
     * VM); only for reproducing the authors' predictions.
     */
    public LiuIterativeModel withUncappedDirtySet() {
        return new LiuIterativeModel(dirtyRate, betaOfRatePagesPerSecond, accounting, false);
    }

    public LiuIterativeModel(DirtyRateSource dirtyRate) {
        this(dirtyRate, LiuIterativeModel::authorsBeta);
    }

    public LiuIterativeModel() {
        this(DirtyRateSource.profileAverage());
    }

    /** β = 0.362·(S/1180.11) + 0.4342 with S in MiB/s of 4 KiB pages, as the authors' re-fit applies it. */
    public static double authorsBeta(double sPagesPerSecond) {
        return 0.362 * ((sPagesPerSecond / 256.0) / 1180.11) + 0.4342;
    }

    @Override
    public String name() {
        return "liu-iterative";
    }

    @Override
    public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        double s = Check.nonNegative("dirty rate", dirtyRate.pagesPerSecond(vm), "pages/s");
        double beta = policy.skips() ? Math.max(0, Math.min(1, betaOfRatePagesPerSecond.applyAsDouble(s))) : 0;
        double kept = (1 - beta) * s;
        double m = capAtMemory ? vm.memoryPages() : Double.POSITIVE_INFINITY;
        // D = T·S has no working-set cap in Liu et al., but no VM dirties more pages than it has.
        return PrecopyLoop.run(name(), vm, rate, policy, t -> Math.min(m, t * kept), SkipFunction.none(), accounting);
    }
}
