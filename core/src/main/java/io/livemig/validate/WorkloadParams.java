package io.livemig.validate;

/**
 * One workload's model inputs ({@code params.csv}); pages are 4 KiB, MB = pages/256.
 *
 * @param workload       workload name
 * @param uPages         U: unique pages in 100 ms (predict-new.c)
 * @param uNewPages      U_new^T for T = 0…9 s, pages per 100 ms
 * @param s1sPages       S_1s: unique pages in the first second
 * @param sNew12Pages    new pages between second 1 and 2
 * @param sNewGt2Pages   new pages per second after 2 s
 * @param uOldPages      U of the older profile (predict.c)
 * @param uNewOldPages   U_new of the older profile
 * @param mwPages        M_w: maximum writable working set
 * @param pacer10PagesPerSecond Pacer-style rate from a 10 s profile
 * @param hnh10Th09PagesPerSecond hot/non-hot rate β·S_h + (1 − β)·S_nh (10 s window, threshold .9)
 */
public record WorkloadParams(
        String workload,
        double uPages,
        double[] uNewPages,
        double s1sPages,
        double sNew12Pages,
        double sNewGt2Pages,
        double uOldPages,
        double uNewOldPages,
        double mwPages,
        double pacer10PagesPerSecond,
        double hnh10Th09PagesPerSecond) {
    public WorkloadParams {
        uNewPages = uNewPages.clone();
    }

    @Override
    public double[] uNewPages() {
        return uNewPages.clone();
    }

    /** The older profile's S_new per second, as predict.c mixes it: (8·S_new,&gt;2s + S_new,1→2)/9. */
    public double sNewMixedPages() {
        return (sNewGt2Pages * 8 + sNew12Pages) / 9.0;
    }
}
