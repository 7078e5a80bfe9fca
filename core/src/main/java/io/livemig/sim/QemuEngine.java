package io.livemig.sim;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.Stop;
import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.policy.WireCost;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.RoaringBitmap;

/** QEMU's RAM migration loop (docs/hypervisors.md §1.10, QEMU 2.3/2.4 semantics, no auto-converge). */
final class QemuEngine implements AutoCloseable {
    /** QEMU measures its bandwidth over windows of 100 ms. */
    private static final double WINDOW = 0.1;

    private final Replay trace;
    private final DataRate link;
    private final Qemu policy;
    private final SimConfig config;
    private final int m, pageSize;
    private final WireCost wire;
    private final QemuBurst burst; // when a burst ends; what the socket still holds when QEMU's clock stops
    private final DirtyClock clock;
    private final long[] bitmap;
    private final long[] zeroPages; // zero until the guest first writes them; null when there are none
    private final double bps, normalSeconds, zeroSeconds; // a page's time on the wire, as QEMU's loop adds it
    private final Bits.RepeatedSum pageTime;
    private final List<Iteration> rows = new ArrayList<>();
    private long remaining;
    private int cursor;
    private double t, roundStart;
    private long roundSent;
    private double bytesTotal, winBytes;

    QemuEngine(Replay trace, DataRate rate, Qemu policy, SimConfig config) {
        this.trace = trace;
        this.link = rate;
        this.policy = policy;
        this.config = config;
        this.m = trace.memoryPages();
        this.pageSize = trace.header().pageSizeBytes();
        this.wire = policy.wireCost(pageSize);
        this.burst = config.qemuBurst();
        RoaringBitmap nonZero = config.nonZeroMap();
        this.zeroPages = nonZero != null
                ? mappedZeroSet(trace, nonZero)
                : trace.header().nonZeroKnown()
                        ? zeroSet(trace)
                        : config.zeroPageFraction() > 0 ? hashedZeroSet(m, config.zeroPageFraction()) : null;
        this.bps = link.bytesPerSecond();
        this.normalSeconds = wire.normalPageBytes() / bps;
        this.zeroSeconds = wire.zeroPageBytes() / bps;
        this.pageTime = new Bits.RepeatedSum(normalSeconds);
        this.bitmap = Bits.all(m);
        this.remaining = m;
        this.clock = new DirtyClock(trace, config.seed(), zeroPages != null);
    }

    /**
     * The zero pages of a trace whose header gives its non-zero page count: memory − non-zero pages, taken evenly
     * spread among the pages the trace never dirties (a page the guest writes is not zero), at most all of those.
     */
    static long[] zeroSet(Trace trace) {
        return zeroSet(Replay.of(trace));
    }

    static long[] zeroSet(Replay trace) {
        int m = trace.memoryPages();
        long[] union = everDirtied(trace);
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

    /** The pages the trace ever dirties (none of them is a zero page once written). */
    private static long[] everDirtied(Replay trace) {
        long[] union = Bits.create(trace.memoryPages());
        long[] words = new long[1 << 10];
        trace.forEachUnit(b -> Bits.or(union, b, words));
        return union;
    }

    /**
     * The zero pages of a guest whose non-zero pages were measured: every page outside {@code nonZero} that the trace
     * never dirties (a page the guest writes is not zero).
     */
    static long[] mappedZeroSet(Replay trace, RoaringBitmap nonZero) {
        int m = trace.memoryPages();
        long[] z = Bits.all(m), union = everDirtied(trace);
        for (int i = 0; i < z.length; i++) z[i] &= ~union[i];
        nonZero.forEach((int p) -> {
            if (Integer.toUnsignedLong(p) < m) Bits.clear(z, p);
        });
        return z;
    }

    /** The zero pages at a fraction {@code f} of memory: a page is zero when its hash falls below f. */
    private static long[] hashedZeroSet(int m, double f) {
        long[] z = Bits.create(m);
        for (int p = 0; p < m; p++)
            if ((DirtyClock.mix(p * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53 < f) Bits.set(z, p);
        return z;
    }

    /** Whether page {@code p}, a zero page the guest had not written when last looked, is still zero now. */
    private boolean stillZero(int p) {
        clock.advanceTo(t); // a page dirtied before it is read is no longer zero
        return !Bits.get(clock.ever(), p);
    }

    /**
     * Sends the dirty pages from the cursor on in address order, circularly, until the window's bytes exceed
     * {@code limit}, the burst is over ({@link QemuBurst#over}, checked every 64 pages, as QEMU does; never when not
     * {@code bursty}) or nothing is dirty; returns how many. A word of the bitmap at a time; a page's time is added
     * page by page, as QEMU's sum is.
     */
    private long sendPages(double limit, boolean bursty) {
        double t0 = t;
        double burstBytes = 0; // the page bytes this call has sent before the current word
        int i = 0;
        int wi = cursor >>> 6;
        long word = bitmap[wi] & (-1L << cursor);
        long[] ever = clock.everSoFar();
        int last = -1;
        long sent = 0;
        boolean done = false;
        while (!done && remaining > 0 && winBytes <= limit) {
            while (word == 0) {
                if (++wi == bitmap.length) wi = 0;
                word = bitmap[wi];
            }
            long zero = zeroPages == null ? 0 : word & zeroPages[wi] & ~ever[wi];
            long taken = 0;
            if (zero == 0 && limit == Double.POSITIVE_INFINITY) { // no zero page, no rate limit: only times per page
                int k = Long.bitCount(word), j = 0;
                while (j < k) {
                    int run = Math.min(k - j, -i & 63); // pages before the next one whose time is checked
                    t = pageTime.add(t, run);
                    j += run;
                    i += run;
                    if (j == k) break;
                    t += normalSeconds; // page i, i a multiple of 64: the burst may end after it
                    j++;
                    i++;
                    if (bursty && burst.over(t - t0, burstBytes + (double) j * wire.normalPageBytes(), bps)) {
                        done = true;
                        break;
                    }
                }
                long bytes = (long) j * wire.normalPageBytes(); // whole bytes: the sums are exact, in any order
                winBytes += bytes;
                bytesTotal += bytes;
                burstBytes += bytes;
                taken = j == k ? word : word & Bits.upTo(Bits.nth(word, j - 1));
                word &= ~taken;
            } else if (zero == 0) { // a rate limit: the window's bytes are checked after every page
                int k = Long.bitCount(word), j = 0, bytes = wire.normalPageBytes();
                while (true) {
                    t += normalSeconds;
                    winBytes += bytes;
                    j++;
                    if ((i++ & 63) == 0 && bursty && burst.over(t - t0, burstBytes + (double) j * bytes, bps))
                        done = true;
                    if (done || j == k || !(winBytes <= limit)) break;
                }
                bytesTotal += (long) j * bytes; // whole bytes: the sum is exact, in any order
                burstBytes += (long) j * bytes;
                taken = j == k ? word : word & Bits.upTo(Bits.nth(word, j - 1));
                word &= ~taken;
            } else {
                do {
                    long bit = word & -word;
                    word ^= bit;
                    taken |= bit;
                    int bytes = wire.normalPageBytes();
                    double dt = normalSeconds;
                    if ((zero & bit) != 0 && stillZero((wi << 6) + Long.numberOfTrailingZeros(bit))) {
                        bytes = wire.zeroPageBytes();
                        dt = zeroSeconds;
                    }
                    t += dt;
                    winBytes += bytes;
                    bytesTotal += bytes;
                    burstBytes += bytes;
                    if ((i & 63) == 0 && bursty && burst.over(t - t0, burstBytes, bps)) done = true;
                    i++;
                } while (!done && word != 0 && winBytes <= limit);
            }
            bitmap[wi] &= ~taken;
            int n = Long.bitCount(taken);
            remaining -= n;
            sent += n;
            last = (wi << 6) + 63 - Long.numberOfLeadingZeros(taken);
        }
        if (last >= 0) cursor = last + 1 >= m ? 0 : last + 1;
        return sent;
    }

    /** One {@code ram_save_iterate} call: pages for at most a burst, then the call's own bytes. */
    private void iterate(double limit) {
        roundSent += sendPages(limit, true);
        t += wire.perBatchBytes() / bps;
        winBytes += wire.perBatchBytes();
        bytesTotal += wire.perBatchBytes();
    }

    @Override
    public void close() {
        clock.close();
    }

    /** migration_bitmap_sync: the dirty log joins the bitmap; a live sync closes a round. */
    private void sync(boolean live) {
        clock.advanceTo(t);
        long[] log = clock.log();
        long dirtied = clock.dirtyCount();
        long added = 0;
        for (int i = 0, n = clock.usedWords(); i < n; i++) {
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
        double limit = policy.maxBandwidth().isUnlimited()
                ? Double.POSITIVE_INFINITY
                : policy.maxBandwidth().bytesPerSecond() * WINDOW;
        double dtMs = policy.downtimeLimitSeconds() * 1000;
        double timeLimit = config.timeLimitSeconds() > 0
                ? config.timeLimitSeconds()
                : 10 * m * (double) wire.normalPageBytes() / Math.min(bps, limit / WINDOW) + 60;
        DataRate effective = link.min(policy.maxBandwidth());
        double winStart = 0, winBytes0 = 0, threshold = 0;
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
                return Prediction.of(Simulator.NAME, trace.name(), effective, policy, pageSize)
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
                    iterate(limit);
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
                    long sentDown = sendPages(Double.POSITIVE_INFINITY, false);
                    t += (wire.perBatchBytes() + config.deviceStateBytes()) / bps;
                    bytesTotal += wire.perBatchBytes() + config.deviceStateBytes();
                    // QEMU's clock stops when the last byte is in the socket, not on the wire
                    t = Math.max(downStart, t - burst.queuedAtEndBytes() / bps);
                    rows.add(Iteration.stopAndCopy(live + 1, sentDown, t - downStart));
                    return Prediction.of(Simulator.NAME, trace.name(), effective, policy, pageSize)
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
