package io.livemig.model;

import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.policy.WireCost;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.DirtyTimeline;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * QEMU's RAM pre-copy loop as a fluid model (docs/hypervisors.md §1.5–1.7), in bursts of {@code ram_save_iterate}:
 * <ul>
 *   <li>a burst lasts until QEMU's whole-millisecond check passes 50 ms (51 ms), or with a write quantum to the first
 *       chunk boundary after it ({@link QemuBurst}); the stop-and-copy's clock stops with half a chunk still queued;</li>
 *   <li>threshold θ = rate × downtime limit (bytes; QEMU compares it with pending payload, pages × page size);</li>
 *   <li>after each burst QEMU looks at what is pending: below θ it
 *       syncs the dirty bitmap, which adds the pages dirtied since the last sync that are not pending already;</li>
 *   <li>a page dirtied again while still pending is not counted twice: of the D(T) pages dirtied in a round of
 *       length T, the ones still pending are estimated from the overlap of consecutive dirty sets,
 *       E = D(T_prev) + D(T) − D(T_prev + T) (docs/model.md §2.4), not from a uniform guess: hot pages stay pending
 *       and hot;</li>
 *   <li>after a sync, pending &lt; θ (or nothing pending) switches over: downtime = the bytes pending / rate;</li>
 *   <li>no iteration cap: when a one-burst round dirties at least as many new pages as a burst sends, the slack
 *       below θ can never open, and the verdict is {@link StopReason#DOES_NOT_CONVERGE} with the steady pending
 *       size;</li>
 *   <li>zero pages ({@link io.livemig.profile.MemoryComposition}) cost 9 B instead of 4104 B; they are pages the
 *       guest does not write, so they go once, in the first pass (taken as spread evenly over memory).</li>
 * </ul>
 * Rows are the rounds between syncs, as the simulator reports them.
 */
final class QemuPrecopy {
    /** A safety net only: every real run ends long before, by converging or by the steady-state test. */
    private static final int MAX_ROUNDS = 200_000;
    /** Rounds in a row that open no slack below θ: a steady state. */
    private static final int STEADY_ROUNDS = 8;
    /** Rounds in a row whose pending size after the sync sets no new low: a cycle of round lengths. */
    private static final int CYCLE_ROUNDS = 64;

    private final String model;
    private final Vm vm;
    private final DataRate rate;
    private final Qemu policy;
    private final DirtyProfile d;
    private final DirtyTimeline timeline;
    private final WireCost wire;
    private final QemuBurst burst;
    private final double bps, m, thetaBytes, theta;
    private final int page;
    /** Pages in one burst of the first pass (zero pages mixed in evenly) and of later rounds. */
    private final double firstBurst, normalBurst;

    /** Address ranges the cursor walks (1: no cursor, evenly from all that is pending). */
    private final int bins;
    /** Pages the probability of a clean page being dirtied is spread over: the working set's, or all memory's. */
    private final double cleanSpan;
    /** The share of the round's dirty set that lands in each address range. */
    private final double[] dirtShare;
    /**
     * What is pending, by where it came from and, with a placement, by address range: pages not sent yet by the first
     * pass (zero; clean and dirtiable; clean outside the working set) and, per sync, the pages it added (dirtied since
     * roundStart of that round). Sending takes evenly from one range's pending, range after range from the cursor on,
     * wrapping (without a placement there is one range: evenly from all).
     */
    private final double[] zeroPending, cleanPending, otherPending;

    private record Cohort(double start, double[] pages) {
        double total() {
            double s = 0;
            for (double p : pages) s += p;
            return s;
        }
    }

    private final List<Cohort> cohorts = new ArrayList<>();
    private int cursor;
    private final List<Iteration> rows = new ArrayList<>();
    private double t, bytes, roundStart;
    private boolean firstPass = true;

    private QemuPrecopy(
            String model,
            Vm vm,
            DataRate requestedRate,
            Qemu policy,
            DirtyProfile d,
            DirtyTimeline timeline,
            QemuBurst burst,
            WorkingSetPlacement placement) {
        this.model = model;
        // without a time line only an interval's length matters; one that starts after the migration did begins
        // anywhere
        // inside a unit
        this.timeline =
                timeline != null ? timeline : (from, to) -> from == 0 ? d.dirtiedPages(to) : phased(d, to - from);
        this.burst = burst;
        this.vm = vm;
        this.rate = policy.usableRate(requestedRate);
        this.policy = policy;
        this.d = d;
        this.bps = rate.bytesPerSecond();
        this.page = vm.pageSizeBytes();
        this.wire = policy.wireCost(page);
        this.m = vm.memoryPages();
        double zero = Math.min(vm.composition().zeroPages(m), Math.max(0, m - d.mwPages()));
        this.thetaBytes = policy.thresholdBytes(rate);
        this.theta = thetaBytes / page; // pending pages below which QEMU syncs
        this.normalBurst = burst.pages(wire.normalPageBytes(), bps);
        double meanCost = ((m - zero) * wire.normalPageBytes() + zero * wire.zeroPageBytes()) / m;
        this.firstBurst = burst.pages(meanCost, bps);
        double ws = Math.min(d.mwPages(), m - zero);
        boolean cursorOrder = placement != null && ws > 0;
        this.bins = cursorOrder ? placement.ranges() : 1;
        this.zeroPending = new double[bins];
        this.cleanPending = new double[bins];
        this.otherPending = new double[bins];
        this.dirtShare = new double[bins];
        if (cursorOrder) {
            // the rest of memory fills each range around the working set's pages; zero pages spread evenly over it
            double[] rest = new double[bins];
            double restSum = 0;
            for (int b = 0; b < bins; b++) {
                rest[b] = Math.max(0, m / bins - ws * placement.share(b));
                restSum += rest[b];
            }
            double[] zeroShares = placement.zeroShares();
            double[] restPages = new double[bins], zeroIn = new double[bins];
            if (restSum > 0) {
                double over = 0, room = 0;
                for (int b = 0; b < bins; b++) {
                    restPages[b] = (m - ws) * rest[b] / restSum;
                    // measured zero pages go where they were, as far as the range's rest holds them; else evenly
                    double want = zeroShares != null ? zero * zeroShares[b] : zero * rest[b] / restSum;
                    zeroIn[b] = Math.min(restPages[b], want);
                    over += want - zeroIn[b];
                    room += restPages[b] - zeroIn[b];
                }
                // what a range could not hold goes to the others in proportion to their room (the count is kept)
                for (int b = 0; b < bins && over > 0 && room > 0; b++)
                    zeroIn[b] += over * (restPages[b] - zeroIn[b]) / room;
            }
            for (int b = 0; b < bins; b++) {
                zeroPending[b] = zeroIn[b];
                otherPending[b] = restPages[b] - zeroPending[b];
                cleanPending[b] = ws * placement.share(b);
                dirtShare[b] = placement.share(b);
            }
            this.cleanSpan = ws;
        } else {
            zeroPending[0] = zero;
            cleanPending[0] = m - zero;
            dirtShare[0] = 1;
            this.cleanSpan = m;
        }
    }

    /** @param timeline the workload's time line when known, else null (the stationary D(T) of {@code d}) */
    static Prediction run(
            String model,
            Vm vm,
            DataRate requestedRate,
            Qemu policy,
            DirtyProfile d,
            DirtyTimeline timeline,
            QemuBurst burst,
            WorkingSetPlacement placement) {
        return new QemuPrecopy(model, vm, requestedRate, policy, d, timeline, burst, placement).run();
    }

    /**
     * What one round did: pages and bursts sent, its length, the pages its sync added and what is pending after it
     * (counted down burst by burst, as the loop has always counted it).
     */
    private record Round(double sent, double bursts, double length, double added, double pendingAfter) {}

    private Prediction run() {
        int stuck = 0, roundsSinceLow = 0;
        double lowestPending = Double.POSITIVE_INFINITY;
        while (true) {
            Round round = sendUntilBelowThreshold();
            double pending = round.pendingAfter();
            if (pending * page < thetaBytes || pending <= 0) return converged(pending);
            // Steady state: the slack below θ grows by (pages a round sends − new pages it dirties); rounds that keep
            // dirtying at least what they send can never open it wide enough.
            boolean noProgress = round.bursts() > 0 && round.added() >= normalBurst * round.bursts() - 1e-9;
            stuck = noProgress ? stuck + 1 : 0;
            // A steady state may also alternate between round lengths (one long round, one short, …): then the
            // pending size after a sync stops reaching new lows. Converging runs set a new low at least every few
            // rounds; a cycle never does.
            if (pending < lowestPending * (1 - 1e-9)) {
                lowestPending = pending;
                roundsSinceLow = 0;
            } else {
                roundsSinceLow++;
            }
            if (stuck >= STEADY_ROUNDS || roundsSinceLow >= CYCLE_ROUNDS || rows.size() >= MAX_ROUNDS) {
                return doesNotConverge(round, pending);
            }
            roundStart = t;
        }
    }

    private double pending() {
        double p = 0;
        for (int b = 0; b < bins; b++) p += zeroPending[b] + cleanPending[b] + otherPending[b];
        for (Cohort c : cohorts) p += c.total();
        return p;
    }

    private double zeroPending() {
        double z = 0;
        for (double v : zeroPending) z += v;
        return z;
    }

    private double binPending(int b) {
        double p = zeroPending[b] + cleanPending[b] + otherPending[b];
        for (Cohort c : cohorts) p += c.pages()[b];
        return p;
    }

    /** Bursts until pending &lt; θ (QEMU: pending &lt; threshold syncs) or nothing is left, then the sync. */
    private Round sendUntilBelowThreshold() {
        double pending = pending();
        double sent = 0, roundBytes = 0, bursts = 0;
        while (pending >= theta && pending > 0) {
            double pages = Math.min(pending, firstPass ? firstBurst : normalBurst);
            roundBytes += send(pages) + wire.perBatchBytes();
            pending -= pages;
            sent += pages;
            bursts++;
        }
        cohorts.removeIf(c -> c.total() < 1e-3);
        t += roundBytes / bps;
        bytes += roundBytes;
        double length = t - roundStart;
        double dNow = timeline.dirtiedPages(roundStart, t);
        double added = sync(dNow, pending);
        rows.add(Iteration.live(rows.size() + 1, sent, length, dNow));
        firstPass = false;
        return new Round(sent, bursts, length, added, pending + added);
    }

    /** Sends {@code pages} from the cursor's bin on, evenly within a bin; the bytes they cost (without the batch). */
    private double send(double pages) {
        double need = pages, b = 0;
        int empty = 0;
        while (need > 1e-9 && empty <= bins) {
            double avail = binPending(cursor);
            if (!(avail > 1e-9)) {
                cursor = (cursor + 1) % bins;
                empty++;
                continue;
            }
            empty = 0;
            double take = Math.min(need, avail);
            double keep = 1 - take / avail;
            double z = zeroPending[cursor] * (1 - keep);
            b += (take - z) * wire.normalPageBytes() + z * wire.zeroPageBytes();
            zeroPending[cursor] *= keep;
            cleanPending[cursor] *= keep;
            otherPending[cursor] *= keep;
            for (Cohort c : cohorts) c.pages()[cursor] *= keep;
            need -= take;
            if (keep <= 1e-12) cursor = (cursor + 1) % bins;
        }
        return b;
    }

    /**
     * The sync: the round's dirty set joins the bitmap, minus the pages still pending; the pages it adds. A pending
     * page that was dirtied in the last A seconds is dirtied again in the next T with probability E(A, T)/D(A), the
     * overlap of consecutive dirty sets; a page never dirtied since the start, (D(t) − D(t − T))/(M − D(t − T)), with M
     * the working set's pages when the cursor knows where it lies (memory below it is never dirtied) and all memory
     * otherwise. With a cursor the dirty set spreads evenly over the working set's bins: what lands ahead of the
     * cursor goes in this sweep, what lands behind it waits for the next.
     */
    private double sync(double dNow, double pending) {
        Cohort added = new Cohort(roundStart, new double[bins]);
        if (!(dNow > 0)) return 0;
        double before = timeline.dirtiedPages(0, roundStart);
        double pClean =
                cleanSpan - before > 0 ? Math.max(0, timeline.dirtiedPages(0, t) - before) / (cleanSpan - before) : 0;
        double[] pCohort = new double[cohorts.size()];
        for (int i = 0; i < pCohort.length; i++) {
            Cohort c = cohorts.get(i);
            double da = timeline.dirtiedPages(c.start(), roundStart);
            double union = timeline.dirtiedPages(c.start(), t);
            pCohort[i] = da > 0 ? Math.max(0, da + dNow - union) / da : 0;
        }
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            double dirtied = dNow * dirtShare[b];
            double dirtiable = cleanPending[b], overlap = cleanPending[b] * pClean;
            for (int i = 0; i < pCohort.length; i++) {
                double c = cohorts.get(i).pages()[b];
                dirtiable += c;
                overlap += c * pCohort[i];
            }
            added.pages()[b] = dirtied - Math.min(overlap, Math.min(dirtied, dirtiable));
            sum += added.pages()[b];
        }
        cohorts.add(added);
        return sum;
    }

    private Prediction converged(double pending) {
        double zero = zeroPending();
        double downBytes =
                (pending - zero) * wire.normalPageBytes() + zero * wire.zeroPageBytes() + wire.perBatchBytes();
        // QEMU's clock stops when the last byte is in the socket, not on the wire
        double down = Math.max(0, downBytes - burst.queuedAtEndBytes()) / bps;
        rows.add(Iteration.stopAndCopy(rows.size() + 1, pending, down));
        String detail = String.format(
                Locale.ROOT,
                "%.0f pages pending after the sync fit in %.0f B (rate × %d ms)",
                pending,
                thetaBytes,
                policy.downtimeLimit().toMillis());
        return Prediction.of(model, vm, rate, policy)
                .rows(rows)
                .precopySeconds(t)
                .downtimeSeconds(down)
                .stop(Stop.converged(detail))
                .wireBytes(bytes + downBytes)
                .build();
    }

    private Prediction doesNotConverge(Round round, double pending) {
        double steadyBytes = pending * page;
        String why = String.format(
                Locale.ROOT,
                "does not converge: each %.0f ms round dirties %.0f new pages while it sends %.0f; %.0f pages (%.1f MiB) "
                        + "stay pending against a threshold of %.1f MiB (rate %s × %d ms)",
                round.length() * 1000,
                round.added(),
                round.sent(),
                pending,
                steadyBytes / (1 << 20),
                thetaBytes / (1 << 20),
                rate,
                policy.downtimeLimit().toMillis());
        return Prediction.of(model, vm, rate, policy)
                .rows(rows)
                .precopySeconds(Double.POSITIVE_INFINITY)
                .downtimeSeconds(pending * wire.normalPageBytes() / bps)
                .stop(Stop.doesNotConverge(why))
                .build();
    }

    /** Phases at which {@link #phased} averages. */
    private static final int PHASES = 16;
    /** Beyond this many units the phase of an interval no longer matters. */
    private static final int PHASED_UNITS = 30;

    /**
     * D over an interval of {@code seconds} that starts at a random point inside a unit, with a unit's pages dirtied
     * at even times through it: the round after the first starts anywhere. A window covering a share α of its first
     * unit, n whole units and a share β of the next sees, in expectation,
     * D(n) + (α + β)(D(n+1) − D(n)) − αβ(2D(n+1) − D(n) − D(n+2)) pages (inclusion–exclusion on the two thinned
     * units; D at whole units is the profile's). At whole units this is below D(n): pages that two neighbouring
     * units share are counted once less often.
     */
    static double phased(DirtyProfile d, double seconds) {
        double u = d.unitSeconds();
        double tau = seconds / u;
        if (!(tau > 0)) return 0;
        if (tau >= PHASED_UNITS) return d.dirtiedPages(seconds);
        double sum = 0;
        for (int i = 0; i < PHASES; i++) {
            double start = (i + 0.5) / PHASES;
            if (start + tau <= 1) {
                sum += tau * d.dirtiedPages(u);
                continue;
            }
            double alpha = 1 - start, rest = tau - alpha;
            int n = (int) Math.floor(rest);
            double beta = rest - n;
            double dn = d.dirtiedPages(n * u), dn1 = d.dirtiedPages((n + 1) * u), dn2 = d.dirtiedPages((n + 2) * u);
            sum += dn + (alpha + beta) * (dn1 - dn) - alpha * beta * (2 * dn1 - dn - dn2);
        }
        return sum / PHASES;
    }
}
