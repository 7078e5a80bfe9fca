package io.livemig.model;

/** Why pre-copy stopped. A prediction never ends in NaN or a hang: it ends in one of these. */
public enum StopReason {
    /** The dirty set became small enough for the policy's stop-and-copy threshold. */
    CONVERGED,
    /** The policy's iteration cap forced stop-and-copy (Xen: 29 live iterations; Xen v2: 5). */
    ITERATION_CAP,
    /** The policy's traffic cap forced stop-and-copy (Xen legacy: more than 3 × memory sent). */
    TRAFFIC_CAP,
    /** The policy has no cap and the dirty set never fits its threshold: the migration would run forever. */
    DOES_NOT_CONVERGE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
