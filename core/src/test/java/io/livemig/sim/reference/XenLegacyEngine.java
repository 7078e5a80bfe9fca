package io.livemig.sim.reference;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.Stop;
import io.livemig.policy.WireCost;
import io.livemig.policy.XenLegacy;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Xen's legacy {@code xc_domain_save} loop (docs/hypervisors.md §2.2), PV semantics: the skip is active in pass 1. */
final class XenLegacyEngine {
    private final Trace trace;
    private final DataRate rate;
    private final XenLegacy policy;
    private final SimConfig config;

    XenLegacyEngine(Trace trace, DataRate rate, XenLegacy policy, SimConfig config) {
        this.trace = trace;
        this.rate = rate;
        this.policy = policy;
        this.config = config;
    }

    Prediction run() {
        int m = (int) trace.memoryPages();
        int pageSize = trace.header().pageSizeBytes();
        double bps = rate.bytesPerSecond();
        DirtyClock clock = new DirtyClock(trace, config.seed(), false);
        long[] toSend = Bits.all(m);
        List<Iteration> rows = new ArrayList<>();
        double t = 0, suspendAt = 0;
        long total = 0;
        boolean last = false, skip = policy.skip();
        WireCost wire = policy.wireCost(pageSize);
        Stop stop = null;
        for (int iter = 1; ; iter++) {
            double start = t;
            long sent = 0, skipped = 0;
            int n = 0;
            while (n < m) {
                if (!last) clock.advanceTo(t); // PEEK before each batch
                int b = 0;
                while (b < wire.batchPages()) {
                    n = Bits.next(toSend, n);
                    if (n < 0) {
                        n = m;
                        break;
                    }
                    if (!last && skip && clock.dirty(n)) skipped++;
                    else b++;
                    n++;
                }
                if (b > 0) {
                    t += (wire.perBatchBytes() + (long) wire.normalPageBytes() * b) / bps;
                    sent += b;
                }
            }
            total += sent;
            if (last) {
                double down = t - suspendAt + config.deviceStateBytes() / bps;
                rows.add(Iteration.stopAndCopy(iter, sent, t - start));
                return Prediction.of(ReferenceSimulator.NAME, trace.name(), rate, policy, pageSize)
                        .rows(rows)
                        .precopySeconds(suspendAt)
                        .downtimeSeconds(down)
                        .stop(stop)
                        .build();
            }
            clock.advanceTo(t);
            long dirtied = clock.dirtyCount();
            long eligible = Bits.andCount(toSend, clock.log);
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
            System.arraycopy(clock.log, 0, toSend, 0, toSend.length); // CLEAN
            clock.clearLog();
        }
    }
}
