package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

/**
 * The model of Nathan, Bellur and Kulkarni (SoCC 2015), model-paper.md §2: iterations follow
 * V_1 = M − W_1, V_i = D_{i−1} − W_i, T_i = V_i / R, with D_i = D(T_i) from the VM's {@link io.livemig.profile.DirtyProfile}
 * (capped by M_w) instead of the existing models' T_i·S. Under Xen with skip, W_i comes from a {@link SkipFunction}
 * of the eligible pages E_i = D_{i−1} + D_i − D(T_{i−1} + T_i). The policy decides when to stop.
 */
public final class ProposedModel implements MigrationModel {
    private final SkipFunction skip;
    private final String name;
    private final TrafficAccounting accounting;

    private ProposedModel(String name, SkipFunction skip, TrafficAccounting accounting) {
        this.name = name;
        this.skip = skip;
        this.accounting = accounting;
    }

    /**
     * The proposed model with the skip function {@link SkipFunction#defaultFractions()} (used only under Xen with
     * skip): constant fractions of the dirty set, W_1 = 0, W_i = 0.85·D_i (iterations over 1 s) or 0.70·D_i.
     *
     * <p>Why not the authors' regressions: on the dataset's 361 Xen-with-skip rows, with the paper's D(T) at the
     * nominal rate, version A ({@link SkipFunction#versionA()}, the default before) has a p90 migration-time error of
     * 35.1 % (34.2 % on the two-resolution D(T); as the C program computes it) and makes the iteration rows oscillate (W_1 = 0.71·D_1 + 4070 pages
     * skips most of the first pass, then the next pass sends nearly all of it); version B (30.2 %) needs a
     * two-resolution profile. These fractions reach 26.6 % in-sample and 27.3 % leave-one-workload-out
     * ({@code ./livemig validate}, variant {@code proposed_skip_nominal}). The fitted variants with a throughput
     * correction do better (23.8 to 25.4 % cross-validated) but calibrate κ·R/(1 + c·R) to the paper's testbed,
     * which a default should not. On the paper's D(T) the iteration rows can still cycle under Xen with skip: that
     * D(T) is not monotone where S_new^T steps down (at T = 1 s), and V_i = D_{i−1} − W_i settles on a cycle around
     * the step; on a monotone D(T) the same fractions converge to a fixed point.
     */
    public static ProposedModel defaults() { return new ProposedModel("proposed", SkipFunction.defaultFractions(), TrafficAccounting.EXACT); }

    /** The proposed model with another skip function, e.g. one fitted on measured migrations. */
    public static ProposedModel withSkip(String name, SkipFunction skip) {
        return new ProposedModel(Check.notNull("name", name), Check.notNull("skip function", skip), TrafficAccounting.EXACT);
    }

    /** The same model counting sent pages another way (see {@link TrafficAccounting}). */
    public ProposedModel withTrafficAccounting(TrafficAccounting a) {
        return new ProposedModel(name, skip, Check.notNull("traffic accounting", a));
    }

    public SkipFunction skipFunction() { return skip; }

    @Override public String name() { return name; }

    @Override public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        Check.notNull("vm", vm);
        return PrecopyLoop.run(name, vm, rate, policy, vm.profile()::dirtiedPages, skip, accounting);
    }
}
