package io.livemig.policy;

import io.livemig.Check;
import io.livemig.units.DataRate;

/**
 * Xen migration v2 (Xen ≥ 4.6; docs/hypervisors.md §2.3): one full pass, then at most four passes over the dirty
 * set, stopping early when fewer than {@code minPages} pages are dirty. No skip and no traffic cap.
 */
public record XenV2(int maxIterations, long minPages) implements PrecopyPolicy {
    public XenV2 {
        Check.positive("max iterations", maxIterations, "");
        Check.that(minPages >= 0, "min pages must be >= 0, got " + minPages);
    }

    /** Xen 4.6+ defaults: 5 live iterations, 50 pages. */
    public static XenV2 xen4_6() {
        return new XenV2(5, 50);
    }

    public XenV2 withMaxIterations(int n) {
        return new XenV2(n, minPages);
    }

    /** 8 B per pfn + the page, zero or not, and 16 B per batch of 1024 pages. */
    @Override
    public WireCost wireCost(int pageSizeBytes) {
        Check.positive("page size", pageSizeBytes, "B");
        return new WireCost(
                WireCost.XEN_PFN_HEADER + pageSizeBytes,
                WireCost.XEN_PFN_HEADER + pageSizeBytes,
                WireCost.XEN_BATCH_PAGES,
                16,
                0);
    }

    @Override
    public double thresholdPages(DataRate rate, int pageSizeBytes) {
        return minPages;
    }

    /** Xen v2 stops when fewer than {@code minPages} are dirty (legacy: at most). */
    @Override
    public boolean fitsThreshold(double dirtyPages, DataRate rate, int pageSizeBytes) {
        return dirtyPages < minPages;
    }

    @Override
    public String describeThreshold(DataRate rate, int pageSizeBytes) {
        return "fewer than " + minPages;
    }

    @Override
    public String label() {
        return "xen-v2";
    }
}
