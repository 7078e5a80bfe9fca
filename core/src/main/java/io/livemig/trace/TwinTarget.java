package io.livemig.trace;

import io.livemig.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * One measured workload's fitted parameters (a row of the dataset's {@code params.csv}): S = U pages per 100 ms,
 * U_new^T for T = 0…9 s ({@code u_new_t0..t9}) and M_w, with the VM's memory. {@link TraceGenerator#twin} makes a
 * trace whose fit reproduces them.
 *
 * @param name        the workload
 * @param memoryPages VM memory, 4 KiB pages
 * @param sPages      U, pages per 100 ms unit
 * @param sNewPages   U_new^T, ten values, pages per unit; value k is fitted on windows of (k + 1) s
 * @param mwPages     M_w, pages
 */
public record TwinTarget(String name, long memoryPages, double sPages, double[] sNewPages, long mwPages) {
    public TwinTarget {
        Check.notNull("name", name);
        Check.positive("memory", memoryPages, "pages");
        Check.positive("S", sPages, "pages");
        Check.that(
                sNewPages != null && sNewPages.length == TraceFit.S_NEW_SECONDS,
                "S_new must have 10 values, got " + (sNewPages == null ? "none" : sNewPages.length));
        Check.positive("M_w", mwPages, "pages");
        Check.that(
                mwPages <= memoryPages,
                name + ": M_w (" + mwPages + " pages) must not exceed memory (" + memoryPages + " pages)");
        sNewPages = sNewPages.clone();
    }

    @Override
    public double[] sNewPages() {
        return sNewPages.clone();
    }

    /** Window lengths behind each S_new value, in 100 ms units: 10, 20, …, 100. */
    static int windowUnits(int k) {
        return 10 * (k + 1);
    }

    /** The target D(n) at the S_new windows, capped by M_w: D(n_k) = S + (n_k − 1)·S_new[k]. */
    double[] targetD() {
        double[] d = new double[sNewPages.length];
        for (int k = 0; k < d.length; k++) d[k] = Math.min(mwPages, sPages + (windowUnits(k) - 1) * sNewPages[k]);
        return d;
    }

    /**
     * The closest target any stationary trace can have. A trace's mean union D(n) over sliding windows is
     * nondecreasing and (up to edge effects) concave in n, because its increment is S·P(backward gap &gt; n); many
     * rows of params.csv are not (e.g. dacapo-avrora's D(40 units) &lt; D(30 units)). This finds the smallest ε such that
     * a concave, nondecreasing D through D(1) = S passes within ε·(n_k − 1)·S_new[k] of every target point (capped by
     * M_w), by bisection on ε: for a given ε the smallest concave function above the lower ends is the upper concave
     * hull of those points (made nondecreasing), so the target is feasible iff that hull stays below the upper ends.
     * The S_new of the hull minimise the largest relative S_new error; rows that already are concave come back
     * unchanged.
     */
    public TwinTarget achievable() {
        int m = sNewPages.length;
        double[] x = new double[m + 1];
        x[0] = 1;
        for (int k = 0; k < m; k++) x[k + 1] = windowUnits(k);
        if (feasible(x, 0) != null) return this;
        double lo = 0, hi = 10;
        double[] best = feasible(x, hi);
        if (best == null) return this;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double[] d = feasible(x, mid);
            if (d != null) {
                hi = mid;
                best = d;
            } else lo = mid;
        }
        double[] sNew = new double[m];
        for (int k = 0; k < m; k++) sNew[k] = Math.max(0, (best[k + 1] - sPages) / (x[k + 1] - 1));
        return new TwinTarget(name, memoryPages, sPages, sNew, mwPages);
    }

    /** D at x (x[0] = 1) if a concave nondecreasing D within ε of the targets exists, else null. */
    private double[] feasible(double[] x, double eps) {
        int n = x.length;
        double[] low = new double[n], high = new double[n];
        low[0] = high[0] = sPages;
        for (int k = 1; k < n; k++) {
            double span = (x[k] - 1) * sNewPages[k - 1];
            low[k] = sPages + span * (1 - eps);
            // a unit adds at most S new pages: D(n) ≤ S·n
            high[k] = Math.min(Math.min(mwPages, sPages * x[k]), sPages + span * (1 + eps));
            if (low[k] > high[k] + 1e-9) return null;
        }
        int[] hull = new int[n]; // upper concave hull of (x, low)
        int h = 0;
        for (int i = 0; i < n; i++) {
            while (h >= 2) {
                int a = hull[h - 2], b = hull[h - 1];
                if ((low[b] - low[a]) * (x[i] - x[a]) <= (low[i] - low[a]) * (x[b] - x[a])) h--;
                else break;
            }
            hull[h++] = i;
        }
        double[] d = new double[n];
        int seg = 0;
        double running = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            while (seg < h - 2 && x[hull[seg + 1]] < x[i]) seg++;
            int a = hull[seg], b = hull[Math.min(seg + 1, h - 1)];
            double v = a == b ? low[a] : low[a] + (low[b] - low[a]) * (x[i] - x[a]) / (x[b] - x[a]);
            running = Math.max(running, v);
            d[i] = running;
            if (d[i] > high[i] + 1e-9) return null;
        }
        return d;
    }

    /** Largest relative difference between this target's S_new values and another's. */
    public double maxRelativeSNewDifference(double[] other) {
        double max = 0;
        for (int k = 0; k < sNewPages.length; k++)
            max = Math.max(max, Math.abs(other[k] - sNewPages[k]) / sNewPages[k]);
        return max;
    }

    /** Reads every row of the dataset's params.csv (read with Tablesaw). */
    public static List<TwinTarget> readParams(Path paramsCsv) {
        Check.that(Files.isRegularFile(paramsCsv), paramsCsv + ": no such file; expected the dataset's params.csv");
        List<TwinTarget> out = new ArrayList<>();
        try {
            Table t = Table.read()
                    .usingOptions(CsvReadOptions.builder(paramsCsv.toFile()).build());
            for (Row r : t) {
                double[] sNew = new double[10];
                for (int k = 0; k < 10; k++) sNew[k] = r.getNumber("u_new_t" + k);
                out.add(new TwinTarget(
                        r.getString("workload"),
                        Math.round(r.getNumber("memory_mb") * 256),
                        r.getNumber("u_pages_per_100ms"),
                        sNew,
                        Math.round(r.getNumber("m_w_pages"))));
            }
        } catch (RuntimeException e) {
            // Tablesaw's messages run over several lines and quote whole rows
            String why = String.valueOf(e.getMessage())
                    .lines()
                    .findFirst()
                    .orElse("")
                    .replaceAll("\\p{Cntrl}", " ");
            throw new io.livemig.LivemigException(
                    paramsCsv + ": not the dataset's params.csv ("
                            + e.getClass().getSimpleName() + ": "
                            + (why.length() > 80 ? why.substring(0, 80) + "…" : why)
                            + "); expected columns workload, memory_mb, "
                            + "u_pages_per_100ms, u_new_t0 … u_new_t9, m_w_pages",
                    e);
        }
        return out;
    }

    /** One row by workload name. */
    public static TwinTarget fromParams(Path paramsCsv, String workload) {
        List<TwinTarget> all = readParams(paramsCsv);
        return all.stream()
                .filter(t -> t.name.equals(workload))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown workload '" + workload + "'; expected one of the "
                                + all.size() + " in " + paramsCsv.getFileName() + ", e.g. " + all.get(0).name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwinTarget t
                && t.name.equals(name)
                && t.memoryPages == memoryPages
                && t.sPages == sPages
                && Arrays.equals(t.sNewPages, sNewPages)
                && t.mwPages == mwPages;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(sNewPages);
    }

    @Override
    public String toString() {
        return "TwinTarget[" + name + ": S=" + sPages + ", S_new=" + Arrays.toString(sNewPages) + ", M_w=" + mwPages
                + "]";
    }
}
