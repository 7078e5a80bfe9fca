package io.livemig.validate;

/**
 * One measured migration of the dataset ({@code measured.csv}), joined with its workload's model inputs.
 *
 * @param workload        workload name, e.g. {@code dacapo-avrora}
 * @param family          workload family, e.g. {@code DaCapo}
 * @param memoryMb        VM memory, MB of 256 pages (1024, 600 or 1536)
 * @param rateMbps        the rate value the authors' C code uses ("Mbps"; rate_mbps/8 is MB/s)
 * @param rateMbS         the configured rate, MB/s (12.5 … 87.5)
 * @param skip            Xen's skip on (the "Xen" rows) or off (the "KVM" rows)
 * @param iterations      measured pre-copy iterations (a mean over repeats, so fractional)
 * @param precopySeconds  measured pre-copy time, s
 * @param lastIterationMb data sent in the stop-and-copy iteration, MB
 * @param inPaperSet      one of the 371 rows (53 workloads × 7 rates)
 * @param inRepo361       one of the 361 rows the authors' filtered result files keep
 * @param params          the workload's model inputs
 */
public record MeasuredRun(
        String workload,
        String family,
        double memoryMb,
        double rateMbps,
        double rateMbS,
        boolean skip,
        double iterations,
        double precopySeconds,
        double lastIterationMb,
        boolean inPaperSet,
        boolean inRepo361,
        WorkloadParams params) {

    /** A key unique per skip value: workload and rate. */
    public String key() {
        return workload + "@" + (int) rateMbps;
    }
}
