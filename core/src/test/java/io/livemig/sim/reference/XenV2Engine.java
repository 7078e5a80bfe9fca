package io.livemig.sim.reference;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.model.Stop;
import io.livemig.policy.WireCost;
import io.livemig.policy.XenV2;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;

/** Xen migration v2 ({@code xc_sr_save.c}, docs/hypervisors.md §2.3): no skip, at most 5 live passes. */
final class XenV2Engine {
    private final Trace trace;
    private final DataRate rate;
    private final XenV2 policy;
    private final SimConfig config;

    XenV2Engine(Trace trace, DataRate rate, XenV2 policy, SimConfig config) {
        this.trace = trace;
        this.rate = rate;
        this.policy = policy;
        this.config = config;
    }

    /** Sends every set bit in batches of 1024; returns the new time. */
    private double send(long[] set, double t, DirtyClock clock, boolean paused, long[] sentOut) {
        WireCost wire = policy.wireCost(trace.header().pageSizeBytes());
        double bps = rate.bytesPerSecond();
        int n = 0, m = (int) trace.memoryPages();
        long sent = 0;
        while (n < m) {
            int b = 0;
            while (b < wire.batchPages()) {
                n = Bits.next(set, n);
                if (n < 0) {
                    n = m;
                    break;
                }
                b++;
                n++;
            }
            if (b > 0) {
                t += (wire.perBatchBytes() + (long) wire.normalPageBytes() * b) / bps;
                sent += b;
                if (!paused) clock.advanceTo(t);
            }
        }
        sentOut[0] = sent;
        return t;
    }

    Prediction run() {
        int m = (int) trace.memoryPages();
        DirtyClock clock = new DirtyClock(trace, config.seed(), false);
        List<Iteration> rows = new ArrayList<>();
        long[] sent = new long[1];
        long[] set = Bits.all(m);
        double t = 0;
        int live = 0;
        Stop stop;
        while (true) {
            double start = t;
            t = send(set, t, clock, false, sent);
            live++;
            clock.advanceTo(t);
            long dirty = clock.dirtyCount();
            rows.add(Iteration.live(live, sent[0], t - start, dirty));
            System.arraycopy(clock.log, 0, set, 0, set.length); // CLEAN
            clock.clearLog();
            if (dirty < policy.minPages()) {
                stop = Stop.converged(dirty + " pages dirty, fewer than " + policy.minPages());
                break;
            }
            if (live >= policy.maxIterations()) {
                stop = Stop.iterationCap(live + " live passes, the cap");
                break;
            }
        }
        double suspendAt = t;
        clock.pause();
        t = send(set, t, clock, true, sent);
        rows.add(Iteration.stopAndCopy(live + 1, sent[0], t - suspendAt));
        double down = t - suspendAt + config.deviceStateBytes() / rate.bytesPerSecond();
        return Prediction.of(
                        ReferenceSimulator.NAME,
                        trace.name(),
                        rate,
                        policy,
                        trace.header().pageSizeBytes())
                .rows(rows)
                .precopySeconds(suspendAt)
                .downtimeSeconds(down)
                .stop(stop)
                .build();
    }
}
