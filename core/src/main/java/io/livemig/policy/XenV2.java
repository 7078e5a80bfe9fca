package io.livemig.policy;

import io.livemig.Check;

/**
 * Xen migration v2 (Xen ≥ 4.6; precopy-algorithms.md §2.3): one full pass, then at most four passes over the dirty
 * set, stopping early when fewer than {@code minPages} pages are dirty. No skip and no traffic cap.
 */
public record XenV2(int maxIterations, long minPages) implements PrecopyPolicy {
    public XenV2 {
        Check.positive("max iterations", maxIterations, "");
        Check.that(minPages >= 0, "min pages must be >= 0, got " + minPages);
    }

    /** Xen 4.6+ defaults: 5 live iterations, 50 pages. */
    public static XenV2 xen4_6() { return new XenV2(5, 50); }

    public XenV2 withMaxIterations(int n) { return new XenV2(n, minPages); }

    @Override public String label() { return "xen-v2"; }
}
