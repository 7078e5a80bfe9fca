package io.livemig.policy;

import io.livemig.Check;
import io.livemig.units.DataRate;

/**
 * Xen's legacy pre-copy ({@code xc_domain_save.c}, Xen ≤ 4.5; docs/hypervisors.md §2.1). It stops iterating
 * after {@code maxIterations} live passes, when more than {@code maxFactor}·M has been sent, or when fewer than
 * {@code minPages} pages were due in a pass; with {@code skip}, a page re-dirtied before the scan reaches it is
 * deferred to the next pass. The paper's evaluation used these rules for both its "KVM" (skip off) and Xen rows.
 */
public record XenLegacy(int maxIterations, double maxFactor, long minPages, boolean skip) implements PrecopyPolicy {
    public XenLegacy {
        Check.positive("max iterations", maxIterations, "");
        Check.positive("max factor", maxFactor, "× memory");
        Check.that(minPages >= 0, "min pages must be >= 0, got " + minPages);
    }

    /** Xen 4.0 … 4.5 defaults: 29 iterations, 3 × memory, 50 pages, skip on. */
    public static XenLegacy xen4_x() {
        return new XenLegacy(29, 3, 50, true);
    }

    /** The stop rules of the paper's testbed, with the skip technique on (its Xen rows) or off (its "KVM" rows). */
    public static XenLegacy paper(boolean skip) {
        return xen4_x().withSkip(skip);
    }

    public XenLegacy withSkip(boolean s) {
        return new XenLegacy(maxIterations, maxFactor, minPages, s);
    }

    public XenLegacy withMaxIterations(int n) {
        return new XenLegacy(n, maxFactor, minPages, skip);
    }

    public XenLegacy withMaxFactor(double f) {
        return new XenLegacy(maxIterations, f, minPages, skip);
    }

    public XenLegacy withMinPages(long p) {
        return new XenLegacy(maxIterations, maxFactor, p, skip);
    }

    @Override
    public boolean skips() {
        return skip;
    }

    /** 8 B {@code pfn_type} + the page, zero or not, and 4 B per batch of 1024 pages. */
    @Override
    public WireCost wireCost(int pageSizeBytes) {
        Check.positive("page size", pageSizeBytes, "B");
        return new WireCost(
                WireCost.XEN_PFN_HEADER + pageSizeBytes,
                WireCost.XEN_PFN_HEADER + pageSizeBytes,
                WireCost.XEN_BATCH_PAGES,
                4,
                0);
    }

    @Override
    public double thresholdPages(DataRate rate, int pageSizeBytes) {
        return minPages;
    }

    @Override
    public String describeThreshold(DataRate rate, int pageSizeBytes) {
        return "at most " + minPages;
    }

    @Override
    public double trafficCapFactor() {
        return maxFactor;
    }

    @Override
    public String label() {
        return "xen-legacy(" + (skip ? "skip" : "no skip") + ")";
    }
}
