package io.livemig.evaluate;

/**
 * One measured migration of the QEMU lab ({@code livemig lab run}; columns in data/qemu-lab/README.md).
 *
 * @param id                   the run: configuration and repeat number
 * @param shape                workload shape (uniform, hotcold, sequential, bursty)
 * @param ratePagesPerSecond   the workload's write rate, pages/s (bursty: the mean)
 * @param regionPages          the workload's region, pages
 * @param memoryMiB            guest memory, MiB
 * @param linkMbit             the tbf rate of the link, Mbit/s (10^6 bit/s)
 * @param downtimeLimitMs      QEMU's downtime-limit, ms
 * @param repeat               repeat number, from 1
 * @param seed                 the workload's seed
 * @param timeoutSeconds       a migration still running after this is cancelled and counts as not converging
 * @param status               {@code completed}, {@code not-converged} (timed out) or {@code failed}
 * @param totalTimeMs          QEMU's total-time, ms (for not-converged: until the cancel)
 * @param downtimeMs           QEMU's downtime, ms (−1 when not completed)
 * @param setupTimeMs          QEMU's setup-time, ms
 * @param transferredBytes     QEMU's ram.transferred, bytes on the wire (page payload, headers, zero-page markers)
 * @param normalPages          ram.normal: pages sent with their contents
 * @param duplicatePages       ram.duplicate: pages sent as zero pages
 * @param dirtySyncCount       ram.dirty-sync-count (setup and completion syncs included)
 * @param rounds               pre-copy rounds: live bitmap syncs in QEMU's trace events
 * @param switchoverPages      pages pending after the last live sync (what the stop-and-copy had to send, before its
 *                             own final sync); −1 when there was none
 * @param qemuMbps             QEMU's own bandwidth figure (mbps) at the end
 * @param nonZeroPages         non-zero pages of the source's memory after the migration ({@code pmemsave})
 * @param differingPages       pages that differ between source and destination memory after the migration; −1 when
 *                             not compared (not completed)
 * @param trace                the workload's trace (.lmt, one period, region pages) relative to the dataset directory
 * @param frames               the region's guest-physical frames: runs {@code firstRegionPage:firstFrame:count}
 *                             joined by {@code ;}
 * @param tracePhase           the unit of that period the guest ran first after the migration began
 * @param lagMeanMs            mean lateness of the guest's units against their schedule, ms, during the migration
 * @param lagMaxMs             the largest lateness, ms
 * @param displacedUnits       units whose writes fell in another 100 ms unit of the migration than the trace says
 * @param bootSeconds          wall time from starting QEMU to the workload's warm-up done
 * @param wallSeconds          wall time of the whole run
 */
public record LabRun(
        String id,
        String shape,
        int ratePagesPerSecond,
        long regionPages,
        int memoryMiB,
        int linkMbit,
        int downtimeLimitMs,
        int repeat,
        long seed,
        int timeoutSeconds,
        String status,
        long totalTimeMs,
        long downtimeMs,
        long setupTimeMs,
        long transferredBytes,
        long normalPages,
        long duplicatePages,
        long dirtySyncCount,
        int rounds,
        long switchoverPages,
        double qemuMbps,
        long nonZeroPages,
        long differingPages,
        String trace,
        String frames,
        int tracePhase,
        double lagMeanMs,
        double lagMaxMs,
        int displacedUnits,
        double bootSeconds,
        double wallSeconds) {
    public static final String COMPLETED = "completed", NOT_CONVERGED = "not-converged", FAILED = "failed";

    /** The configuration this run repeats: its id without the repeat number. */
    public String configuration() {
        int i = id.lastIndexOf("-n");
        return i < 0 ? id : id.substring(0, i);
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    public boolean converged() {
        return completed();
    }

    /** Link rate in bytes/s. */
    public double linkBytesPerSecond() {
        return linkMbit * 1e6 / 8;
    }
}
