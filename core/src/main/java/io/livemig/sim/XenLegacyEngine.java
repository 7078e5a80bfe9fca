package io.livemig.sim;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.Stop;
import io.livemig.policy.WireCost;
import io.livemig.policy.XenLegacy;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Xen's legacy {@code xc_domain_save} loop (docs/hypervisors.md §2.2), PV semantics: the skip is active in pass 1. */
final class XenLegacyEngine {
    private final Replay trace;
    private final DataRate rate;
    private final XenLegacy policy;
    private final SimConfig config;

    XenLegacyEngine(Replay trace, DataRate rate, XenLegacy policy, SimConfig config) {
        this.trace = trace;
        this.rate = rate;
        this.policy = policy;
        this.config = config;
    }

    Prediction run() {
        try (DirtyClock clock = new DirtyClock(trace, config.seed(), false)) {
            return run(clock);
        }
    }

    /**
     * One batch of a pass, from page {@code from}: due pages in page order until {@code batch} are to be sent; a due
     * page already dirty again in {@code dirty} (the PEEKed log; null without skip) is skipped instead. Returns the
     * page after the batch (m when the pass is over); {@code counts} gets the pages sent and skipped added. A word of
     * the bitmaps at a time; words of {@code toSend} from {@code used} on are zero.
     */
    private static int batch(long[] toSend, long[] dirty, int from, int m, int batch, int used, long[] counts) {
        int wi = from >>> 6;
        long word = toSend[wi] & (-1L << from);
        int b = 0;
        long skipped = 0;
        int next = m;
        while (true) {
            long skip = dirty == null ? 0 : word & dirty[wi];
            long send = word & ~skip;
            int n = Long.bitCount(send);
            if (b + n >= batch) { // the batch fills in this word, at its (batch − b)-th page to send
                int last = Bits.nth(send, batch - b - 1);
                skipped += Long.bitCount(skip & Bits.upTo(last));
                b = batch;
                next = Math.min(m, (wi << 6) + last + 1);
                break;
            }
            b += n;
            skipped += Long.bitCount(skip);
            if (++wi >= used) break;
            word = toSend[wi];
        }
        counts[0] += b;
        counts[1] += skipped;
        return next;
    }

    private Prediction run(DirtyClock clock) {
        int m = trace.memoryPages();
        int pageSize = trace.header().pageSizeBytes();
        double bps = rate.bytesPerSecond();
        long[] toSend = Bits.all(m);
        int used = toSend.length; // words of toSend from here on are zero
        List<Iteration> rows = new ArrayList<>();
        double t = 0, suspendAt = 0;
        long total = 0;
        boolean last = false, skip = policy.skip();
        WireCost wire = policy.wireCost(pageSize);
        long[] counts = new long[2]; // pages sent and skipped in the batch being made
        Stop stop = null;
        for (int iter = 1; ; iter++) {
            double start = t;
            long sent = 0, skipped = 0;
            int n = 0;
            while (n < m) {
                if (!last) clock.advanceTo(t); // PEEK before each batch
                counts[0] = counts[1] = 0;
                int from = n;
                long[] dirty = !last && skip ? clock.logSoFar() : null;
                n = batch(toSend, dirty, from, m, wire.batchPages(), used, counts);
                // the log is exact where the batch looked? (pages of the unit the time is in may be unplaced)
                for (int exact = from; dirty != null && n > exact; ) {
                    boolean unchanged = clock.settleOn(toSend, exact, n);
                    exact = n;
                    if (unchanged) break;
                    counts[0] = counts[1] = 0;
                    n = batch(toSend, dirty, from, m, wire.batchPages(), used, counts);
                }
                int b = (int) counts[0];
                skipped += counts[1];
                if (b > 0) {
                    t += (wire.perBatchBytes() + (long) wire.normalPageBytes() * b) / bps;
                    sent += b;
                }
            }
            total += sent;
            if (last) {
                double down = t - suspendAt + config.deviceStateBytes() / bps;
                rows.add(Iteration.stopAndCopy(iter, sent, t - start));
                return Prediction.of(Simulator.NAME, trace.name(), rate, policy, pageSize)
                        .rows(rows)
                        .precopySeconds(suspendAt)
                        .downtimeSeconds(down)
                        .stop(stop)
                        .build();
            }
            clock.advanceTo(t);
            long dirtied = clock.dirtyCount();
            long eligible = Bits.andCount(toSend, clock.log(), clock.usedWords());
            rows.add(new Iteration(iter, sent, t - start, dirtied, eligible, skipped, false));
            if (sent + skipped < policy.minPages()) {
                stop = Stop.converged(String.format(
                        Locale.ROOT,
                        "%d pages due in pass %d, fewer than %d",
                        sent + skipped,
                        iter,
                        policy.minPages()));
            } else if (total > policy.maxFactor() * m) {
                stop = Stop.trafficCap(String.format(
                        Locale.ROOT, "%d pages sent, more than %.0f × memory", total, policy.maxFactor()));
            } else if (iter >= policy.maxIterations()) {
                stop = Stop.iterationCap(iter + " passes, the cap");
            }
            last = stop != null;
            if (last) {
                suspendAt = t;
                clock.pause();
            }
            int before = used; // CLEAN: toSend's words from `used` on are zero, the log's from usedWords() on
            used = clock.usedWords();
            System.arraycopy(clock.log(), 0, toSend, 0, used);
            if (before > used) java.util.Arrays.fill(toSend, used, before, 0);
            clock.clearLog();
        }
    }
}
