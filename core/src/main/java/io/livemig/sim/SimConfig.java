package io.livemig.sim;

import io.livemig.Check;
import io.livemig.policy.QemuBurst;
import org.roaringbitmap.RoaringBitmap;

/**
 * Knobs of a simulation that the policy does not fix.
 *
 * @param seed               places each dirtying at a time inside its unit (same seed, same result)
 * @param zeroPageFraction   share of the pages that are zero pages until the guest first writes them (QEMU sends
 *                           a zero page as 9 B); 0 by default, as the paper's models assume; ignored when the
 *                           trace header gives its non-zero page count
 * @param deviceStateBytes   device state / Xen tail sent after the last pages, with the VM paused
 * @param timeLimitSeconds   a QEMU migration still iterating at this time is reported as not converging
 *                           (QEMU itself has no cap); 0 means 10 × the time to send memory once, plus 60 s
 * @param qemuBurst          QEMU only: when a burst ends and what the socket holds when the stop-and-copy's clock
 *                           stops ({@link QemuBurst}); {@link QemuBurst#none()} (the default) for QEMU's own rule
 * @param nonZeroMap         QEMU only: the pages that are not zero, where a measured guest had them (the lab's
 *                           {@code nonzero.csv}); every other page the trace never writes is a zero page. Null (the
 *                           default): the header's non-zero count, spread evenly, or {@code zeroPageFraction}. Where
 *                           they lie matters: QEMU's first pass ends at the top of memory (docs/qemu-lab.md)
 */
public record SimConfig(
        long seed,
        double zeroPageFraction,
        long deviceStateBytes,
        double timeLimitSeconds,
        QemuBurst qemuBurst,
        RoaringBitmap nonZeroMap) {
    public SimConfig(long seed, double zeroPageFraction, long deviceStateBytes, double timeLimitSeconds) {
        this(seed, zeroPageFraction, deviceStateBytes, timeLimitSeconds, QemuBurst.none(), null);
    }

    public SimConfig {
        Check.that(
                zeroPageFraction >= 0 && zeroPageFraction <= 1,
                "zero page fraction must be in [0, 1], got " + zeroPageFraction);
        Check.that(deviceStateBytes >= 0, "device state must be >= 0 B, got " + deviceStateBytes + " B");
        Check.nonNegative("time limit", timeLimitSeconds, "s");
        Check.notNull("qemu burst", qemuBurst);
        if (nonZeroMap != null) nonZeroMap = nonZeroMap.clone(); // a value: nobody else's bitmap to change under it
    }

    /** The guest's non-zero pages, a copy (the config is a value), or null. */
    @Override
    public RoaringBitmap nonZeroMap() {
        return nonZeroMap == null ? null : nonZeroMap.clone();
    }

    public static SimConfig defaults() {
        return new SimConfig(1, 0, 0, 0);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(s, zeroPageFraction, deviceStateBytes, timeLimitSeconds, qemuBurst, nonZeroMap);
    }

    public SimConfig withZeroPageFraction(double f) {
        return new SimConfig(seed, f, deviceStateBytes, timeLimitSeconds, qemuBurst, nonZeroMap);
    }

    public SimConfig withDeviceStateBytes(long b) {
        return new SimConfig(seed, zeroPageFraction, b, timeLimitSeconds, qemuBurst, nonZeroMap);
    }

    public SimConfig withTimeLimitSeconds(double s) {
        return new SimConfig(seed, zeroPageFraction, deviceStateBytes, s, qemuBurst, nonZeroMap);
    }

    public SimConfig withQemuBurst(QemuBurst b) {
        return new SimConfig(seed, zeroPageFraction, deviceStateBytes, timeLimitSeconds, b, nonZeroMap);
    }

    /** With the guest's non-zero pages where they were measured (a copy is kept); null for none. */
    public SimConfig withNonZeroMap(RoaringBitmap pages) {
        return new SimConfig(seed, zeroPageFraction, deviceStateBytes, timeLimitSeconds, qemuBurst, pages);
    }
}
