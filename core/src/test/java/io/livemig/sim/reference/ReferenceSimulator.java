package io.livemig.sim.reference;

import io.livemig.Check;
import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;

/**
 * The simulator as it was before the word-wise rewrite (commit b7bc7f3), kept in test code, one page at a
 * time: {@code SimulatorDifferentialProperties} checks that {@link io.livemig.sim.Simulator} computes exactly what this
 * does. One change from then: QEMU's engine no longer waits forever when the end of a rate-limited window rounds
 * below 100 ms (a case that used to hang, so no result changes). A change to what the simulator computes must be
 * made here too.
 */
public final class ReferenceSimulator {
    /** The model name simulator results carry. */
    public static final String NAME = io.livemig.sim.Simulator.NAME;

    private ReferenceSimulator() {}

    public static Prediction simulate(Trace trace, DataRate rate, PrecopyPolicy policy) {
        return simulate(trace, rate, policy, SimConfig.defaults());
    }

    /**
     * @throws IllegalArgumentException if the trace has no page numbers, its memory is unknown, or the rate is not
     *                                  a finite number &gt; 0
     */
    public static Prediction simulate(Trace trace, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        Check.notNull("trace", trace);
        Check.notNull("policy", policy);
        Check.notNull("config", config);
        PrecopyPolicy.checkedRate(rate);
        Check.that(
                trace.hasPages(),
                trace.name() + ": the simulator needs page numbers; a counts-only trace cannot be replayed");
        Check.that(trace.memoryPages() > 0, trace.name() + ": memory size unknown; expected memory pages > 0");
        if (policy instanceof Qemu q) return new QemuEngine(trace, rate, q, config).run();
        if (policy instanceof XenLegacy x) return new XenLegacyEngine(trace, rate, x, config).run();
        return new XenV2Engine(trace, rate, (XenV2) policy, config).run();
    }
}
