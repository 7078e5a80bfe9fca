package io.livemig.profile;

import io.livemig.Check;

/**
 * The authors' older dirty-page model ({@code predict.c}, docs/model.md §2.2), with one resolution for intervals
 * of a second or more and another below:
 * <pre>
 *   T ≥ 1 s:           D = S_1s + (T − 1)·S_new,1s
 *   10·T ≥ 1, T &lt; 1 s: D = U + (10·T − 1)·U_new
 *   10·T &lt; 1:          D = U·10·T
 *   capped by M_w
 * </pre>
 * @param s1sPages     S_1s, unique pages in the first second
 * @param sNew1sPages  new pages per further second (the code mixes (8·S_n + S_n12)/9)
 * @param uPages       U, unique pages in 100 ms
 * @param uNewPages    new pages per further 100 ms
 * @param mwPages      M_w, pages
 */
public record TwoResolutionDirtyProfile(
        double s1sPages, double sNew1sPages, double uPages, double uNewPages, double mwPages, int pageSizeBytes)
        implements DirtyProfile {

    /** @throws IllegalArgumentException naming the parameter and its value */
    public TwoResolutionDirtyProfile {
        Check.positive("S_1s", s1sPages, "pages");
        Check.nonNegative("S_new,1s", sNew1sPages, "pages");
        Check.positive("U", uPages, "pages");
        Check.nonNegative("U_new", uNewPages, "pages");
        Check.positive("M_w", mwPages, "pages");
        Check.positive("page size", pageSizeBytes, "B");
    }

    @Override
    public double dirtiedPages(double seconds) {
        if (!(seconds > 0)) return 0;
        double d;
        if (seconds >= 1) d = s1sPages + (seconds - 1) * sNew1sPages;
        else if (seconds * 10 >= 1) d = uPages + (seconds * 10 - 1) * uNewPages;
        else d = uPages * seconds * 10;
        return Math.min(d, mwPages);
    }

    @Override
    public double sPages() {
        return uPages;
    }

    @Override
    public double unitSeconds() {
        return 0.1;
    }
}
