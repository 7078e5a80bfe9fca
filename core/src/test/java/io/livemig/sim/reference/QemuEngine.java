package io.livemig.sim.reference;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.Stop;
import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.policy.WireCost;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** QEMU's RAM migration loop (docs/hypervisors.md §1.10, QEMU 2.3/2.4 semantics, no auto-converge). */
final class QemuEngine {
    /** QEMU measures its bandwidth over windows of 100 ms. */
    private static final double WINDOW = 0.1;

    private final Trace trace;
    private final DataRate link;
    private final Qemu policy;
    private final SimConfig config;
    private final int m, pageSize;
    private final WireCost wire;
    private final QemuBurst burst; // when a burst ends; what the socket still holds when QEMU's clock stops
    private final DirtyClock clock;
    private final long[] bitmap;
    private final long[] zeroPages; // from the trace's non-zero page count; null to use the config's fraction
    private final List<Iteration> rows = new ArrayList<>();
    private long remaining;
    private int cursor;
    private double t, roundStart;
    private long roundSent;
    private double bytesTotal;

    QemuEngine(Trace trace, DataRate rate, Qemu policy, SimConfig config) {
        this.trace = trace;
        this.link = rate;
        this.policy = policy;
        this.config = config;
        this.m = (int) trace.memoryPages();
        this.pageSize = trace.header().pageSizeBytes();
        this.wire = policy.wireCost(pageSize);
        this.burst = config.qemuBurst();
        this.zeroPages = trace.header().nonZeroKnown() ? zeroSet(trace) : null;
        this.clock = new DirtyClock(trace, config.seed(), config.zeroPageFraction() > 0 || zeroPages != null);
        this.bitmap = Bits.all(m);
        this.remaining = m;
    }

    /**
     * The zero pages of a trace whose header gives its non-zero page count: memory − non-zero pages, taken evenly
     * spread among the pages the trace never dirties (a page the guest writes is not zero), at most all of those.
     */
    static long[] zeroSet(Trace trace) {
        int m = (int) trace.memoryPages();
        long[] union = Bits.create(m);
        for (int k = 0; k < trace.unitCount(); k++) trace.unit(k).forEach((int p) -> Bits.set(union, p));
        long untouched = m - Bits.count(union);
        long zero = Math.min(untouched, Math.max(0, m - trace.header().nonZeroPages()));
        long[] z = Bits.create(m);
        long j = 0;
        for (int p = 0; p < m && zero > 0; p++) {
            if (Bits.get(union, p)) continue;
            if ((j + 1) * zero / untouched > j * zero / untouched) Bits.set(z, p);
            j++;
        }
        return z;
    }

    private boolean zero(int p) {
        if (zeroPages != null) return Bits.get(zeroPages, p) && !Bits.get(clock.ever, p);
        double f = config.zeroPageFraction();
        return f > 0 && !Bits.get(clock.ever, p) && (DirtyClock.mix(p * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53 < f;
    }

    /** Sends the next dirty page from the cursor, circularly; its size in bytes, or 0 when nothing is dirty. */
    private int sendOne(double bps) {
        if (remaining == 0) return 0;
        int p = Bits.next(bitmap, cursor);
        if (p < 0) p = Bits.next(bitmap, 0);
        if (p < 0) return 0;
        Bits.clear(bitmap, p);
        remaining--;
        roundSent++;
        cursor = p + 1 >= m ? 0 : p + 1;
        if (zero(p)) {
            clock.advanceTo(t); // a page dirtied before it is read is no longer zero
            if (zero(p)) return wire.zeroPageBytes();
        }
        return wire.normalPageBytes();
    }

    /** migration_bitmap_sync: the dirty log joins the bitmap; a live sync closes a round. */
    private void sync(boolean live) {
        clock.advanceTo(t);
        long dirtied = clock.dirtyCount();
        long added = 0;
        long[] log = clock.log;
        for (int i = 0; i < log.length; i++) {
            added += Long.bitCount(log[i] & ~bitmap[i]);
            bitmap[i] |= log[i];
        }
        remaining += added;
        clock.clearLog();
        if (!live) return; // the sync inside stop-and-copy opens no round
        rows.add(Iteration.live(rows.size() + 1, roundSent, t - roundStart, dirtied));
        roundStart = t;
        roundSent = 0;
    }

    Prediction run() {
        double bps = link.bytesPerSecond();
        double limit = policy.maxBandwidth().isUnlimited()
                ? Double.POSITIVE_INFINITY
                : policy.maxBandwidth().bytesPerSecond() * WINDOW;
        double dtMs = policy.downtimeLimitSeconds() * 1000;
        double timeLimit = config.timeLimitSeconds() > 0
                ? config.timeLimitSeconds()
                : 10 * m * (double) wire.normalPageBytes() / Math.min(bps, limit / WINDOW) + 60;
        DataRate effective = link.min(policy.maxBandwidth());
        double winStart = 0, winBytes = 0, winBytes0 = 0, threshold = 0;
        while (true) {
            if (t > timeLimit) {
                clock.advanceTo(t);
                double steady = remaining * (double) pageSize;
                String why = String.format(
                        Locale.ROOT,
                        "does not converge: still iterating after %.0f s (%d syncs), %d pages pending "
                                + "(%.1f MiB), threshold %.1f MiB (bandwidth × %d ms)",
                        t,
                        rows.size(),
                        remaining,
                        steady / (1 << 20),
                        threshold / (1 << 20),
                        policy.downtimeLimit().toMillis());
                return Prediction.of(ReferenceSimulator.NAME, trace.name(), effective, policy, pageSize)
                        .rows(rows)
                        .precopySeconds(Double.POSITIVE_INFINITY)
                        .downtimeSeconds(remaining * (double) wire.normalPageBytes() / bps)
                        .stop(Stop.doesNotConverge(why))
                        .build();
            }
            if (winBytes <= limit) {
                double pending = remaining * (double) pageSize;
                if (pending < threshold) {
                    sync(true);
                    pending = remaining * (double) pageSize;
                }
                if (pending != 0 && pending >= threshold) { // iterate
                    double t0 = t, sentInBurst = 0;
                    int i = 0;
                    while (winBytes <= limit) {
                        int bytes = sendOne(bps);
                        if (bytes == 0) break;
                        t += bytes / bps;
                        winBytes += bytes;
                        bytesTotal += bytes;
                        sentInBurst += bytes;
                        if ((i & 63) == 0 && burst.over(t - t0, sentInBurst, bps)) break;
                        i++;
                    }
                    t += wire.perBatchBytes() / bps;
                    winBytes += wire.perBatchBytes();
                    bytesTotal += wire.perBatchBytes();
                } else { // complete
                    double downStart = t;
                    String detail = String.format(
                            Locale.ROOT,
                            "%d pages left fit in %.0f B (last window's bandwidth × %d ms)",
                            remaining,
                            threshold,
                            policy.downtimeLimit().toMillis());
                    clock.advanceTo(t);
                    clock.pause();
                    sync(false);
                    int live = rows.size();
                    double precopy = downStart;
                    long sentDown = 0;
                    for (int bytes = sendOne(bps); bytes != 0; bytes = sendOne(bps)) {
                        t += bytes / bps;
                        bytesTotal += bytes;
                        sentDown++;
                    }
                    t += (wire.perBatchBytes() + config.deviceStateBytes()) / bps;
                    bytesTotal += wire.perBatchBytes() + config.deviceStateBytes();
                    // QEMU's clock stops when the last byte is in the socket, not on the wire
                    t = Math.max(downStart, t - burst.queuedAtEndBytes() / bps);
                    rows.add(Iteration.stopAndCopy(live + 1, sentDown, t - downStart));
                    return Prediction.of(ReferenceSimulator.NAME, trace.name(), effective, policy, pageSize)
                            .rows(rows)
                            .precopySeconds(precopy)
                            .downtimeSeconds(t - downStart)
                            .stop(Stop.converged(detail))
                            .wireBytes(bytesTotal)
                            .build();
                }
            }
            if (t - winStart >= WINDOW) {
                double bwPerMs = (bytesTotal - winBytes0) / ((t - winStart) * 1000);
                threshold = bwPerMs * dtMs;
                winStart = t;
                winBytes0 = bytesTotal;
                winBytes = 0;
            }
            if (winBytes > limit) t = Math.max(t, winStart + WINDOW); // sleep to the end of the window
            // t − winStart can round below WINDOW even so: without this the loop would wait forever (it used to)
            while (winBytes > limit && t - winStart < WINDOW && t <= timeLimit) t = Math.nextUp(t);
        }
    }
}
