package io.livemig.sim;

import io.livemig.Check;
import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFile;
import io.livemig.units.DataRate;

/**
 * Replays a trace page by page against a pre-copy policy at a rate: the ground truth for synthetic traces. (The
 * engines work on words of 64 pages at once, with the result of one page at a time.) Following docs/hypervisors.md:
 * <ul>
 *   <li>QEMU (§1.10): a circular scan over the migration bitmap; a dirty-bitmap sync only when what is left drops below
 *       the bandwidth of the last 100 ms window × the downtime limit; 8 B header per page, a zero page costs 9 B;
 *       {@code max-bandwidth} enforced per 100 ms window; no iteration cap (a run still iterating at the time limit
 *       does not converge). Rows are the rounds between live syncs.</li>
 *   <li>Xen legacy (§2.2): passes over the pfn space in page order, batches of 1024 with a PEEK of the dirty log before
 *       each batch (skip on: a due page already re-dirtied is deferred); 4 B + 8 B per page of headers per batch; stops
 *       after 29 passes, when sent + skipped &lt; 50, or when more than 3 × memory was sent, then one paused pass.</li>
 *   <li>Xen v2 (§2.3): a full pass, then passes over the CLEANed dirty set while at least 50 pages are dirty, at most
 *       5 live passes; 16 B per batch + 8 B per page of headers; no skip.</li>
 * </ul>
 * A page dirtied within a unit gets a seeded time inside that unit. A migration longer than the trace loops the
 * trace (unit k replays unit k mod K), which keeps its rates but joins its end to its start.
 *
 * <p>Times include the header bytes on the wire; page counts are exact. Traffic in the result counts pages.
 */
public final class Simulator {
    /** The model name simulator results carry. */
    public static final String NAME = "simulator";

    private Simulator() {}

    public static Prediction simulate(Trace trace, DataRate rate, PrecopyPolicy policy) {
        return simulate(trace, rate, policy, SimConfig.defaults());
    }

    /**
     * @throws IllegalArgumentException if the trace has no page numbers, its memory is unknown, or the rate is not
     *                                  a finite number &gt; 0
     */
    public static Prediction simulate(Trace trace, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        Check.notNull("trace", trace);
        check(trace.name(), trace.hasPages(), rate, policy, config);
        return simulate(Replay.of(trace), rate, policy, config);
    }

    /**
     * The same result as for the loaded trace, streaming the file: memory holds the VM's bitmaps (a few bits per page
     * of memory) and one unit of the trace, whatever the trace's length; a migration longer than the trace reads the
     * file again from its start.
     *
     * @throws IllegalArgumentException if the trace has no page numbers, or the rate is not a finite number &gt; 0
     */
    public static Prediction simulate(TraceFile trace, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        Check.notNull("trace", trace);
        check(trace.name(), trace.hasPages(), rate, policy, config);
        return simulate(Replay.of(trace), rate, policy, config);
    }

    private static void check(String name, boolean hasPages, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        Check.notNull("policy", policy);
        Check.notNull("config", config);
        PrecopyPolicy.checkedRate(rate);
        Check.that(hasPages, name + ": the simulator needs page numbers; a counts-only trace cannot be replayed");
    }

    private static Prediction simulate(Replay trace, DataRate rate, PrecopyPolicy policy, SimConfig config) {
        Check.that(trace.header().memoryPages() > 0, trace.name() + ": memory size unknown; expected memory pages > 0");
        if (policy instanceof Qemu q) {
            QemuEngine e = new QemuEngine(trace, rate, q, config);
            try (e) {
                return e.run();
            }
        }
        if (policy instanceof XenLegacy x) return new XenLegacyEngine(trace, rate, x, config).run();
        return new XenV2Engine(trace, rate, (XenV2) policy, config).run();
    }
}
