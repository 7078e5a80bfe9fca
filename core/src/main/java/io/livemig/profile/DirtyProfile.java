package io.livemig.profile;

/**
 * D(T): how many unique pages a VM dirties in an interval of T seconds, never more than M_w.
 *
 * <p>The family is closed: {@link LinearDirtyProfile} is the paper's form D(T) = min(S + (T/u − 1)·S_new^T, M_w)
 * (docs/model.md §2.2, {@code predict-new.c}); {@link TwoResolutionDirtyProfile} is the authors' older two-resolution
 * form ({@code predict.c}); {@link CurveDirtyProfile} follows a trace's measured unique-pages curve.
 */
public sealed interface DirtyProfile permits LinearDirtyProfile, TwoResolutionDirtyProfile, CurveDirtyProfile {
    int DEFAULT_PAGE_SIZE = 4096;

    /** Unique pages dirtied in an interval of {@code seconds} (≥ 0), capped by {@link #mwPages()}. */
    double dirtiedPages(double seconds);

    /** M_w: the maximum writable working set, in pages. */
    double mwPages();

    /** S: unique pages dirtied in one unit of time. */
    double sPages();

    /** The unit of time u in which S is counted, in seconds (the paper: 0.1 s). */
    double unitSeconds();

    int pageSizeBytes();

    /** One average dirty rate, S/u pages per second: the input the existing models take when given nothing better. */
    default double averageRatePagesPerSecond() {
        return sPages() / unitSeconds();
    }
}
