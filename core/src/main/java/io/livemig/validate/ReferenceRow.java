package io.livemig.validate;

/**
 * One of the authors' own predictions ({@code reference_errors.csv}); NaN where the repository's row is broken.
 *
 * @param variant         reference variant name, e.g. {@code proposed_noskip}
 * @param workload        workload name
 * @param rateMbps        the rate value of the C code
 * @param repoS           column 2 of the repository file: the dirty rate used (MB/s, 3 decimals) or U/S_1s (pages)
 * @param precopySeconds  predicted pre-copy time, s
 * @param downtimeSeconds predicted downtime, s
 * @param trafficMb       predicted traffic, MB, under the variant's traffic definition
 */
public record ReferenceRow(
        String variant,
        String workload,
        double rateMbps,
        double repoS,
        double precopySeconds,
        double downtimeSeconds,
        double trafficMb) {
    public String key() {
        return workload + "@" + (int) rateMbps;
    }
}
