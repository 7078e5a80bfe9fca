package io.livemig.record;

import io.livemig.Check;
import io.livemig.trace.Trace;
import org.roaringbitmap.RoaringBitmap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A recorded curve against the exact D(T) of the workload that ran in the guest: per window, the mean number of
 * distinct pages a trace dirties in a window of that length (every start unit, the trace taken as periodic: the lab's
 * workloads repeat one period), the recorded value, their relative error and whether the exact value lies inside
 * the recorded interval.
 */
public final class CurveCheck {
    private CurveCheck() {}

    /**
     * The exact D(T), pages, for a window of {@code units} units of a periodic trace: the mean over the trace's start
     * units of the distinct pages in the next {@code units} units (wrapping around).
     *
     * @throws IllegalArgumentException if the trace has no page numbers or {@code units} is not &gt; 0
     */
    public static double periodicDirtied(Trace trace, int units) {
        Check.that(trace.hasPages(), trace.name() + ": counts only; expected page numbers for the exact D(T)");
        Check.positive("window", units, "units");
        int n = trace.unitCount();
        double sum = 0;
        for (int s = 0; s < n; s++) {
            RoaringBitmap u = new RoaringBitmap();
            for (int k = 0; k < Math.min(units, n); k++) u.or(trace.unit((s + k) % n));
            sum += u.getLongCardinality();
        }
        return sum / n;
    }

    /**
     * One row per recorded window: window_s, exact_pages, recorded_pages, lower_pages, upper_pages, error_pct
     * (recorded vs exact), resolution_pages and inside (exact within [lower, upper]). A window that is not a whole
     * number of the trace's units is compared at the nearest whole number.
     */
    public static Table compare(DirtyCurve curve, Trace trace) {
        Table t = Table.create(
                curve.name() + " · recorded vs exact D(T)",
                DoubleColumn.create("window_s"),
                DoubleColumn.create("exact_pages"),
                DoubleColumn.create("recorded_pages"),
                DoubleColumn.create("lower_pages"),
                DoubleColumn.create("upper_pages"),
                DoubleColumn.create("error_pct"),
                DoubleColumn.create("resolution_pages"),
                BooleanColumn.create("inside"));
        double unit = trace.header().unitSeconds();
        for (DirtyCurve.Point p : curve.points()) {
            int units = Math.max(1, (int) Math.round(p.windowSeconds() / unit));
            double exact = periodicDirtied(trace, units);
            t.doubleColumn("window_s").append(p.windowSeconds());
            t.doubleColumn("exact_pages").append(exact);
            t.doubleColumn("recorded_pages").append(p.dirtiedPages());
            t.doubleColumn("lower_pages").append(p.lowerPages());
            t.doubleColumn("upper_pages").append(p.upperPages());
            t.doubleColumn("error_pct").append(exact > 0 ? 100 * (p.dirtiedPages() - exact) / exact : Double.NaN);
            t.doubleColumn("resolution_pages").append(p.resolutionPages());
            t.booleanColumn("inside").append(exact >= p.lowerPages() && exact <= p.upperPages());
        }
        return t;
    }
}
