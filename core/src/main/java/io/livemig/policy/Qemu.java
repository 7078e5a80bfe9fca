package io.livemig.policy;

import io.livemig.Check;
import io.livemig.units.DataRate;
import java.time.Duration;

/**
 * QEMU/KVM pre-copy (docs/hypervisors.md §1): iterate until what is left to send fits in
 * bandwidth × downtime limit, then stop the VM and send the rest. No iteration cap and no traffic cap, so a VM
 * that dirties faster than the link never converges.
 *
 * @param downtimeLimit the maximum downtime QEMU aims for ({@code downtime-limit}): 30 ms up to 1.7, 300 ms from 2.3
 * @param maxBandwidth  QEMU's own rate limit ({@code max-bandwidth}); {@link DataRate#unlimited()} when driven by libvirt
 */
public record Qemu(Duration downtimeLimit, DataRate maxBandwidth) implements PrecopyPolicy {
    public Qemu {
        Check.notNull("downtime limit", downtimeLimit);
        Check.notNull("max bandwidth", maxBandwidth);
        Check.that(
                !downtimeLimit.isNegative() && !downtimeLimit.isZero(),
                "downtime limit must be > 0, got " + downtimeLimit.toMillis() + " ms");
        Check.that(maxBandwidth.bytesPerSecond() > 0, "max bandwidth must be > 0, got " + maxBandwidth);
    }

    /** QEMU 1.7: 30 ms downtime limit, 32 MiB/s. */
    public static Qemu qemu1_7() {
        return new Qemu(Duration.ofMillis(30), DataRate.ofMiBps(32));
    }
    /** QEMU 2.3 … 5.1: 300 ms, 32 MiB/s. */
    public static Qemu qemu2_3() {
        return new Qemu(Duration.ofMillis(300), DataRate.ofMiBps(32));
    }
    /** QEMU 5.2 … 10.x: 300 ms, 128 MiB/s. */
    public static Qemu qemu5_2() {
        return new Qemu(Duration.ofMillis(300), DataRate.ofMiBps(128));
    }
    /**
     * The model's default: 300 ms and no QEMU-side rate limit, so the migration rate the user asks for is the
     * one used (libvirt passes an unlimited max-bandwidth; the rate then comes from the link).
     */
    public static Qemu defaults() {
        return new Qemu(Duration.ofMillis(300), DataRate.unlimited());
    }

    public Qemu withDowntimeLimit(Duration d) {
        return new Qemu(d, maxBandwidth);
    }

    public Qemu withMaxBandwidth(DataRate r) {
        return new Qemu(downtimeLimit, r);
    }

    public double downtimeLimitSeconds() {
        return downtimeLimit.toNanos() / 1e9;
    }

    @Override
    public int maxIterations() {
        return Integer.MAX_VALUE;
    }

    @Override
    public DataRate usableRate(DataRate link) {
        return PrecopyPolicy.checkedRate(link).min(maxBandwidth);
    }

    /** 8 B header + the page, 9 B per zero page, 18 B per burst of at most 50 ms (docs/hypervisors.md). */
    @Override
    public WireCost wireCost(int pageSizeBytes) {
        Check.positive("page size", pageSizeBytes, "B");
        return new WireCost(
                WireCost.QEMU_HEADER + pageSizeBytes,
                WireCost.QEMU_HEADER + WireCost.QEMU_ZERO_PAYLOAD,
                0,
                WireCost.QEMU_BURST_OVERHEAD,
                WireCost.QEMU_MAX_WAIT_SECONDS);
    }

    /** θ = rate × downtime limit, in bytes: what can be sent within the downtime QEMU aims for. */
    public double thresholdBytes(DataRate rate) {
        return rate.bytesPerSecond() * downtimeLimitSeconds();
    }

    @Override
    public double thresholdPages(DataRate rate, int pageSizeBytes) {
        return thresholdBytes(rate) / pageSizeBytes;
    }

    @Override
    public String describeThreshold(DataRate rate, int pageSizeBytes) {
        return "at most " + Math.round(thresholdBytes(rate)) + " B (rate × " + downtimeLimit.toMillis() + " ms)";
    }

    @Override
    public String label() {
        return "qemu(" + downtimeLimit.toMillis() + " ms" + (maxBandwidth.isUnlimited() ? "" : ", " + maxBandwidth)
                + ")";
    }
}
