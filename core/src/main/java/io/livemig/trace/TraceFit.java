package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.profile.LinearDirtyProfile;
import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The fitted statistics of a trace (docs/model.md §2.3), computed in one streaming pass:
 * <ul>
 *   <li>S = mean |B_k| over all units (pages per unit);</li>
 *   <li>S_new^T ("average of averages"): for a window of n units starting at unit j, new_t = |B_{j+t} \ ∪_{s&lt;t} B_{j+s}|,
 *       averaged over t = 1…n−1, then over every start j = 0…K−n. Value k of the curve uses windows of (k+1) s, so the
 *       profile's step [k, k+1) s is exact at its right end: D((k+1) s) = S + (n − 1)·S_new[k];</li>
 *   <li>M_w = |∪_k B_k|;</li>
 *   <li>the empirical D(n) = mean over j of |∪_{t&lt;n} B_{j+t}| for n = 1…N units.</li>
 * </ul>
 * One pass suffices because a page dirtied in unit k whose previous dirtying was in unit k − g is new, at offset
 * t = k − j, in exactly the windows j with max(k − g, k − n) &lt; j ≤ k − 1 (and 0 ≤ j ≤ K − n). Per unit the
 * fitter keeps a histogram of gaps capped at N + 1 and turns it into window counts for every n with prefix sums.
 * Memory: one int per page in each block of 4096 pages the trace touches (the last unit each page was dirtied in; a
 * header may declare far more memory than the trace uses) plus O(N²) for the last N units,
 * independent of the trace's length, so traces larger than the heap fit from a {@link TraceReader}.
 *
 * @param name        the trace's name
 * @param header      page size, memory, unit
 * @param units       K, the number of units
 * @param events      Σ|B_k|, dirtied-page events
 * @param sPages      S, pages per unit
 * @param sNewPages   S_new^T per unit for windows of 1…10 s (fewer when the trace is shorter); null for a counts trace
 * @param sNewWindowUnits the window length n, in units, behind each S_new value
 * @param mwPages     M_w; −1 for a counts trace
 * @param empiricalD  empirical D(n) for n = 1…N (index n − 1); null for a counts trace
 */
public record TraceFit(
        String name,
        TraceHeader header,
        int units,
        long events,
        double sPages,
        double[] sNewPages,
        int[] sNewWindowUnits,
        long mwPages,
        double[] empiricalD) {

    /** S_new^T is fitted for windows of 1, 2, …, this many seconds. */
    public static final int S_NEW_SECONDS = 10;

    /** Fits a whole trace held in memory. */
    public static TraceFit of(Trace trace) {
        try (TraceReader r = trace.reader()) {
            return of(r);
        }
    }

    /**
     * Fits a trace streamed unit by unit, on every core when the trace is long ({@link TraceFitter}); the reader is
     * consumed (in the calling thread) but not closed.
     */
    public static TraceFit of(TraceReader reader) {
        return TraceFitter.fit(reader, TraceFitter.defaultParts(), TraceFitter.BATCH_EVENTS);
    }

    public boolean hasPages() {
        return sNewPages != null;
    }

    @Override
    public double[] sNewPages() {
        requirePages("S_new");
        return sNewPages.clone();
    }

    @Override
    public double[] empiricalD() {
        requirePages("the empirical D(T)");
        return empiricalD.clone();
    }

    @Override
    public long mwPages() {
        requirePages("M_w");
        return mwPages;
    }

    /** A counts-only trace has no page numbers, so nothing that needs them can be asked of its fit. */
    private void requirePages(String what) {
        if (sNewPages == null) {
            throw new LivemigException(
                    name + ": " + what + " needs page numbers; a counts-only trace (unit,dirtied) supports S "
                            + "and the average-rate estimators only");
        }
    }

    /** S as a rate, pages per second. */
    public double sPagesPerSecond() {
        return sPages / header.unitSeconds();
    }

    /** The paper's dirty profile: D(T) = min(S + (T/u − 1)·S_new^T, M_w), S_new in steps of 1 s. */
    public LinearDirtyProfile profile() {
        double[] sNew = sNewPages();
        Check.that(
                sNew.length > 0,
                name + ": S_new needs at least one 1 s window; expected at least "
                        + Math.round(1 / header.unitSeconds()) + " units, got " + units);
        return new LinearDirtyProfile(
                header.unitSeconds(),
                Math.max(sPages, Double.MIN_VALUE),
                sNew,
                1.0,
                Math.max(mwPages(), 1),
                header.pageSizeBytes());
    }

    /**
     * D(T) following the trace's empirical unique-pages curve from one unit to 10 s, with a saturating extension to
     * M_w beyond ({@link io.livemig.profile.CurveDirtyProfile}); the paper's straight-line form is {@link #profile()}.
     */
    public io.livemig.profile.CurveDirtyProfile curveProfile() {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        Check.that(
                d.length > 0 && d[0] > 0,
                name + ": the D(T) curve needs at least one unit with dirtied pages; got " + units + " units, " + events
                        + " dirtyings");
        return new io.livemig.profile.CurveDirtyProfile(
                header.unitSeconds(), d, Math.max(mwPages, d[d.length - 1]), header.pageSizeBytes());
    }

    /**
     * The memory's composition as the trace's header gives it ({@code nonzero_pages}), or all non-zero when it
     * does not say.
     */
    public io.livemig.profile.MemoryComposition composition() {
        return header.nonZeroKnown()
                ? io.livemig.profile.MemoryComposition.ofNonZeroPages(header.nonZeroPages())
                : io.livemig.profile.MemoryComposition.allNonZero();
    }

    /** Empirical D(T) of the trace, in pages, for T = n units (1 ≤ n ≤ N). */
    public double empiricalDirtied(int nUnits) {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        Check.that(nUnits >= 1 && nUnits <= d.length, "window must be 1 to " + d.length + " units, got " + nUnits);
        return d[nUnits - 1];
    }

    /** One row per parameter: name, window_s, value_pages, per (unit or trace). */
    public Table toTable() {
        Table t = Table.create(
                name + " · fitted profile",
                StringColumn.create("parameter"),
                DoubleColumn.create("window_s"),
                DoubleColumn.create("pages"),
                StringColumn.create("per"));
        t.stringColumn("parameter").append("S");
        t.doubleColumn("window_s").append(header.unitSeconds());
        t.doubleColumn("pages").append(sPages);
        t.stringColumn("per").append("unit");
        if (hasPages()) {
            for (int k = 0; k < sNewPages.length; k++) {
                t.stringColumn("parameter").append("S_new[" + k + "]");
                t.doubleColumn("window_s").append(sNewWindowUnits[k] * header.unitSeconds());
                t.doubleColumn("pages").append(sNewPages[k]);
                t.stringColumn("per").append("unit");
            }
            t.stringColumn("parameter").append("M_w");
            t.doubleColumn("window_s").append(units * header.unitSeconds());
            t.doubleColumn("pages").append(mwPages);
            t.stringColumn("per").append("trace");
        }
        return t;
    }

    /** Columns of {@link #curveTable()}: the contract with the DSL's charts and the command line. */
    public static final String UNITS = "units",
            T_S = "T_s",
            EMPIRICAL_PAGES = "empirical_pages",
            FITTED_PAGES = "fitted_pages";

    /** The empirical D(T) beside the fitted profile's D(T) at the same T (the profile evaluated just below T). */
    public Table curveTable() {
        requirePages("the empirical D(T)");
        double[] d = empiricalD;
        LinearDirtyProfile p = sNewPages.length > 0 ? profile() : null;
        Table t = Table.create(
                name + " · D(T)",
                IntColumn.create(UNITS),
                DoubleColumn.create(T_S),
                DoubleColumn.create(EMPIRICAL_PAGES),
                DoubleColumn.create(FITTED_PAGES));
        for (int n = 1; n <= d.length; n++) {
            double sec = n * header.unitSeconds();
            t.intColumn(UNITS).append(n);
            t.doubleColumn(T_S).append(sec);
            t.doubleColumn(EMPIRICAL_PAGES).append(d[n - 1]);
            t.doubleColumn(FITTED_PAGES).append(p == null ? Double.NaN : p.dirtiedPages(Math.nextDown(sec)));
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "TraceFit[%s: %d units of %.0f ms, S=%.1f, S_new=%s, M_w=%d pages]",
                name,
                units,
                header.unitSeconds() * 1000,
                sPages,
                sNewPages == null
                        ? "n/a"
                        : Arrays.toString(Arrays.stream(sNewPages)
                                .map(v -> Math.round(v * 10) / 10.0)
                                .toArray()),
                mwPages);
    }
}
