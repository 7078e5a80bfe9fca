package io.livemig.policy;

import io.livemig.Check;

/**
 * Bytes a policy puts on the wire for the pages it sends (docs/hypervisors.md §1.3, §2.1, §2.3):
 * <ul>
 *   <li>QEMU: 8 B header + 4096 B per normal page, 8 B + 1 B per zero page, 18 B per burst ({@code ram_save_iterate}
 *       call: EOS marker, section header and footer), a burst lasting at most 50 ms;</li>
 *   <li>Xen legacy: 8 B {@code pfn_type} + the full page, zero or not, and 4 B per batch of 1024 pages;</li>
 *   <li>Xen v2: 8 B per pfn + the full page, and 16 B per batch of 1024 pages.</li>
 * </ul>
 *
 * @param normalPageBytes bytes for a page with data, header included
 * @param zeroPageBytes   bytes for a zero page (the normal size when the policy has no zero-page saving)
 * @param batchPages      pages per batch (Xen), 0 when the overhead is per burst of time instead (QEMU)
 * @param perBatchBytes   bytes per batch or per burst
 * @param burstSeconds    length of a burst (QEMU's {@code MAX_WAIT}), 0 for batch-based policies
 */
public record WireCost(int normalPageBytes, int zeroPageBytes, int batchPages, int perBatchBytes, double burstSeconds) {
    public static final int QEMU_HEADER = 8, QEMU_ZERO_PAYLOAD = 1, QEMU_BURST_OVERHEAD = 8 + 5 + 5;
    public static final double QEMU_MAX_WAIT_SECONDS = 0.05;
    /** Xen's per-page header (legacy {@code pfn_type}, v2 pfn) and pages per batch. */
    public static final int XEN_PFN_HEADER = 8, XEN_BATCH_PAGES = 1024;

    public WireCost {
        Check.positive("normal page", normalPageBytes, "B");
        Check.positive("zero page", zeroPageBytes, "B");
        Check.that(batchPages >= 0, "batch must be >= 0 pages, got " + batchPages);
        Check.that(perBatchBytes >= 0, "per-batch overhead must be >= 0 B, got " + perBatchBytes);
        Check.nonNegative("burst", burstSeconds, "s");
    }

    /** The wire cost of {@code policy} for pages of {@code pageSizeBytes}: {@link PrecopyPolicy#wireCost(int)}. */
    public static WireCost of(PrecopyPolicy policy, int pageSizeBytes) {
        return Check.notNull("policy", policy).wireCost(pageSizeBytes);
    }

    public boolean savesZeroPages() {
        return zeroPageBytes < normalPageBytes;
    }

    /**
     * Bytes for {@code normalPages} + {@code zeroPages} pages sent in one go lasting {@code seconds} (fluid: batches
     * and bursts are counted fractionally).
     */
    public double bytes(double normalPages, double zeroPages, double seconds) {
        double pages = normalPages + zeroPages;
        double overhead = batchPages > 0
                ? Math.ceil(pages / batchPages) * perBatchBytes
                : burstSeconds > 0 ? Math.max(pages > 0 ? 1 : 0, Math.ceil(seconds / burstSeconds)) * perBatchBytes : 0;
        return normalPages * normalPageBytes + zeroPages * zeroPageBytes + overhead;
    }
}
