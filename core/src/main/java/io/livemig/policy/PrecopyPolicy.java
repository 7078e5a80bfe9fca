package io.livemig.policy;

import io.livemig.Check;
import io.livemig.units.DataRate;

/**
 * A hypervisor's pre-copy algorithm: when it stops iterating and what it sends. Every rule that differs between
 * hypervisors lives here, so models and engines ask the policy instead of testing its type
 * (docs/hypervisors.md).
 */
public sealed interface PrecopyPolicy permits Qemu, XenLegacy, XenV2 {
    /** A short name for tables and charts, e.g. {@code qemu(300 ms)} or {@code xen-legacy(skip)}. */
    String label();

    /** Upper bound on live (pre-copy) iterations, or {@link Integer#MAX_VALUE} when the policy has none. */
    int maxIterations();

    /** Whether the policy caps its iterations; without a cap a migration may never converge. */
    default boolean hasIterationCap() {
        return maxIterations() != Integer.MAX_VALUE;
    }

    /**
     * The rate a migration over a link of {@code link} can use: the link, or less when the hypervisor limits itself
     * (QEMU's {@code max-bandwidth}).
     * @throws IllegalArgumentException if the rate is not finite and &gt; 0
     */
    default DataRate usableRate(DataRate link) {
        return checkedRate(link);
    }

    /** Xen legacy's skip: a page re-dirtied before the scan reaches it waits for the next pass. */
    default boolean skips() {
        return false;
    }

    /** Bytes on the wire per page, zero page and batch or burst, for pages of {@code pageSizeBytes}. */
    WireCost wireCost(int pageSizeBytes);

    /**
     * The stop-and-copy threshold in pages at {@code rate}: QEMU stops when what is pending fits in rate × downtime
     * limit; Xen when few pages are dirty.
     */
    double thresholdPages(DataRate rate, int pageSizeBytes);

    /** Whether {@code dirtyPages} left after a pass are few enough to stop and copy them. */
    default boolean fitsThreshold(double dirtyPages, DataRate rate, int pageSizeBytes) {
        return dirtyPages <= thresholdPages(rate, pageSizeBytes);
    }

    /** The threshold as a person reads it, e.g. {@code at most 3932160 B (rate × 300 ms)} or
     * {@code fewer than 50}. */
    String describeThreshold(DataRate rate, int pageSizeBytes);

    /**
     * Pages the live iterations may send at most, as a multiple of memory (Xen legacy: 3), or
     * {@link Double#POSITIVE_INFINITY}.
     */
    default double trafficCapFactor() {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The one check of a migration rate, made where a rate enters a model, the simulator or the planner.
     * @throws IllegalArgumentException naming the rate when it is null, not finite or not &gt; 0
     */
    static DataRate checkedRate(DataRate rate) {
        Check.notNull("rate", rate);
        if (!(rate.bytesPerSecond() > 0) || rate.isUnlimited()) {
            throw new IllegalArgumentException("rate must be > 0 and finite, got " + rate);
        }
        return rate;
    }

    /** The default policy of each hypervisor family, in the order tables list them: QEMU, Xen (skip, no skip), Xen v2. */
    static java.util.List<PrecopyPolicy> all() {
        return java.util.List.of(
                Qemu.defaults(), XenLegacy.xen4_x(), XenLegacy.xen4_x().withSkip(false), XenV2.xen4_6());
    }

    /** {@link #named(String)}, or {@link #all()} for {@code all}. */
    static java.util.List<PrecopyPolicy> namedOrAll(String name) {
        return "all".equalsIgnoreCase(name == null ? "" : name.trim()) ? all() : java.util.List.of(named(name));
    }

    /**
     * Reads a policy name as the command line and the DSL spell it: {@code qemu}, {@code xen} (legacy, skip on),
     * {@code xen-noskip}, {@code xen-v2}.
     * @throws IllegalArgumentException listing the valid names
     */
    static PrecopyPolicy named(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "qemu", "kvm" -> Qemu.defaults();
            case "qemu-1.7", "qemu-old" -> Qemu.qemu1_7();
            case "xen", "xen-legacy", "xen-skip" -> XenLegacy.xen4_x();
            case "xen-noskip", "xen-no-skip" -> XenLegacy.xen4_x().withSkip(false);
            case "xen-v2", "xenv2" -> XenV2.xen4_6();
            default ->
                throw new IllegalArgumentException(
                        "unknown policy '" + name + "'; expected one of qemu, qemu-1.7, xen, xen-noskip, xen-v2");
        };
    }
}
