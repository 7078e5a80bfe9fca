package io.livemig.model;

import io.livemig.policy.Qemu;
import io.livemig.policy.WireCost;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * QEMU's RAM pre-copy loop as a fluid model (precopy-algorithms.md §1.5–1.7), in bursts of {@code ram_save_iterate}:
 * <ul>
 *   <li>threshold θ = rate × downtime limit (bytes; QEMU compares it with pending payload, pages × page size);</li>
 *   <li>a burst sends pages for 50 ms (checked every 64 pages), then QEMU looks at what is pending: below θ it
 *       syncs the dirty bitmap, which adds the pages dirtied since the last sync that are not pending already;</li>
 *   <li>a page dirtied again while still pending is not counted twice: of the D(T) pages dirtied in a round of
 *       length T, the ones still pending are estimated from the overlap of consecutive dirty sets,
 *       E = D(T_prev) + D(T) − D(T_prev + T) (model-paper.md §2.4), not from a uniform guess: hot pages stay pending
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

    private QemuPrecopy() {}

    static Prediction run(String model, Vm vm, DataRate requestedRate, Qemu policy, DirtyProfile d) {
        DataRate rate = PrecopyLoop.effectiveRate(requestedRate, policy);
        double bps = rate.bytesPerSecond();
        int page = vm.pageSizeBytes();
        WireCost wire = WireCost.of(policy, page);
        double m = vm.memoryPages();
        double mw = d.mwPages();
        double zero = Math.min(vm.composition().zeroPages(m), Math.max(0, m - mw));
        double thetaBytes = bps * policy.downtimeLimitSeconds();
        double theta = thetaBytes / page;                         // pending pages below which QEMU syncs
        double perBurstOverhead = wire.perBatchBytes();
        // A burst ends at the first multiple of 64 pages sent after 50 ms.
        double normalBurst = burstPages(wire.normalPageBytes(), bps, wire.burstSeconds());

        List<Iteration> rows = new ArrayList<>();
        double t = 0, bytes = 0;
        // First pass: the whole memory, zero pages mixed in evenly.
        double meanCost = ((m - zero) * wire.normalPageBytes() + zero * wire.zeroPageBytes()) / m;
        double firstBurst = burstPages(meanCost, bps, wire.burstSeconds());
        double pending = m, zeroPending = zero;
        double bStart = m;              // bitmap size when the round began
        double dPrev = 0, tPrev = 0;    // the previous round's dirty set and length
        double roundSent = 0, roundStart = 0;
        int stuck = 0;
        boolean firstPass = true;
        while (true) {
            // Bursts until pending < θ (QEMU: pending < threshold syncs), or nothing is left.
            double sent = 0, roundBytes = 0, bursts = 0;
            while (pending >= theta && pending > 0) {
                double burst = Math.min(pending, firstPass ? firstBurst : normalBurst);
                double zeroShare = pending > 0 ? zeroPending / pending : 0;
                double z = burst * zeroShare;
                double b = (burst - z) * wire.normalPageBytes() + z * wire.zeroPageBytes() + perBurstOverhead;
                pending -= burst;
                zeroPending -= z;
                sent += burst;
                roundBytes += b;
                bursts++;
            }
            double roundSeconds = roundBytes / bps;
            t += roundSeconds;
            bytes += roundBytes;
            roundSent += sent;
            double length = t - roundStart;
            // The sync: the round's dirty set joins the bitmap, minus the pages still pending.
            double dNow = d.dirtiedPages(length);
            double still = Math.max(0, pending - zeroPending);  // zero pages are never dirtied
            double overlap = 0;
            if (still > 0 && dNow > 0) {
                double e = dPrev > 0 ? Math.max(0, dPrev + dNow - d.dirtiedPages(tPrev + length)) : 0;
                double others = Math.max(0, bStart - dPrev);     // pages of the bitmap that were not dirtied last round
                double freshShare = m - dPrev > 0 ? Math.max(0, dNow - e) / (m - dPrev) : 0;
                overlap = still / Math.max(bStart, still) * (e + others * Math.min(1, freshShare));
                overlap = Math.min(overlap, Math.min(still, dNow));
            }
            double added = dNow - overlap;
            pending += added;
            rows.add(Iteration.live(rows.size() + 1, roundSent, length, dNow));
            firstPass = false;

            if (pending * page < thetaBytes || pending <= 0) {
                double downBytes = (pending - zeroPending) * wire.normalPageBytes() + zeroPending * wire.zeroPageBytes()
                        + perBurstOverhead;
                double down = downBytes / bps;
                rows.add(Iteration.stopAndCopy(rows.size() + 1, pending, down));
                String detail = String.format(Locale.ROOT, "%.0f pages pending after the sync fit in %.0f B (rate × %d ms)",
                        pending, thetaBytes, policy.downtimeLimit().toMillis());
                return new Prediction(model, vm.name(), rate, policy.label(), page, rows, t, down,
                        StopReason.CONVERGED, detail, bytes + downBytes);
            }
            // Steady state: the slack below θ grows by (pages a round sends − new pages it dirties); rounds that keep
            // dirtying at least what they send can never open it wide enough.
            boolean noProgress = bursts > 0 && added >= normalBurst * bursts - 1e-9;
            stuck = noProgress ? stuck + 1 : 0;
            if (stuck >= STEADY_ROUNDS || rows.size() >= MAX_ROUNDS) {
                double steadyBytes = pending * page;
                String why = String.format(Locale.ROOT,
                        "does not converge: each %.0f ms round dirties %.0f new pages while it sends %.0f; %.0f pages (%.1f MiB) "
                                + "stay pending against a threshold of %.1f MiB (rate %s × %d ms)",
                        length * 1000, added, roundSent, pending, steadyBytes / (1 << 20), thetaBytes / (1 << 20), rate,
                        policy.downtimeLimit().toMillis());
                return new Prediction(model, vm.name(), rate, policy.label(), page, rows, Double.POSITIVE_INFINITY,
                        pending * wire.normalPageBytes() / bps, StopReason.DOES_NOT_CONVERGE, why, Double.NaN);
            }
            bStart = pending;
            dPrev = dNow;
            tPrev = length;
            roundStart = t;
            roundSent = 0;
        }
    }

    /** Pages in one burst: sending stops at the first multiple of 64 pages after {@code seconds}. */
    static double burstPages(double bytesPerPage, double bps, double seconds) {
        double perPage = bytesPerPage / bps;
        if (seconds <= 0) return Double.POSITIVE_INFINITY;
        // the check runs with i = 0, 64, 128, … after the (i + 1)-th page
        double i = Math.ceil(Math.max(0, seconds / perPage - 1) / 64) * 64;
        if ((i + 1) * perPage <= seconds) i += 64;
        return i + 1;
    }
}
