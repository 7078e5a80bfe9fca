package io.livemig.trace;

import io.livemig.Check;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        Check.that(sNewPages != null && sNewPages.length == TraceFit.S_NEW_SECONDS, "S_new must have 10 values, got "
                + (sNewPages == null ? "none" : sNewPages.length));
        Check.positive("M_w", mwPages, "pages");
        Check.that(mwPages <= memoryPages, name + ": M_w (" + mwPages + " pages) must not exceed memory (" + memoryPages + " pages)");
        sNewPages = sNewPages.clone();
    }

    @Override public double[] sNewPages() { return sNewPages.clone(); }

    /** Window lengths behind each S_new value, in 100 ms units: 10, 20, …, 100. */
    static int windowUnits(int k) { return 10 * (k + 1); }

    /** The target D(n) at the S_new windows, capped by M_w: D(n_k) = S + (n_k − 1)·S_new[k]. */
    double[] targetD() {
        double[] d = new double[sNewPages.length];
        for (int k = 0; k < d.length; k++) d[k] = Math.min(mwPages, sPages + (windowUnits(k) - 1) * sNewPages[k]);
        return d;
    }

    /**
     * The closest target any stationary trace can have. A trace's mean union D(n) over sliding windows is
     * nondecreasing and (up to edge effects) concave in n, because its increment is S·P(backward gap &gt; n); many
     * rows of params.csv are not (e.g. dacapo-avrora's D(40 units) &lt; D(30 units)). This fits the slopes of D
     * between the window lengths 1, 10, 20, …, 100 with a nonincreasing, non-negative sequence (weighted pool-adjacent-
     * violators) and rebuilds S_new from it. Rows that already are concave come back unchanged.
     */
    public TwinTarget achievable() {
        double[] d = targetD();
        int m = d.length;
        double[] slope = new double[m];
        double[] w = new double[m];
        double prevD = sPages;
        int prevN = 1;
        for (int k = 0; k < m; k++) {
            w[k] = windowUnits(k) - prevN;
            slope[k] = (d[k] - prevD) / w[k];
            prevD = d[k];
            prevN = windowUnits(k);
        }
        double[] fitted = nonIncreasing(slope, w);
        double[] sNew = new double[m];
        double acc = sPages;
        for (int k = 0; k < m; k++) {
            acc += Math.max(0, Math.min(fitted[k], sPages)) * w[k];
            sNew[k] = (acc - sPages) / (windowUnits(k) - 1);
        }
        return new TwinTarget(name, memoryPages, sPages, sNew, mwPages);
    }

    /** Weighted isotonic (nonincreasing) regression by pool-adjacent-violators. */
    static double[] nonIncreasing(double[] y, double[] w) {
        int n = y.length;
        double[] val = new double[n], wt = new double[n];
        int[] len = new int[n];
        int b = 0;
        for (int i = 0; i < n; i++) {
            val[b] = y[i];
            wt[b] = w[i];
            len[b] = 1;
            while (b > 0 && val[b - 1] < val[b]) {
                double tw = wt[b - 1] + wt[b];
                val[b - 1] = (val[b - 1] * wt[b - 1] + val[b] * wt[b]) / tw;
                wt[b - 1] = tw;
                len[b - 1] += len[b];
                b--;
            }
            b++;
        }
        double[] out = new double[n];
        int i = 0;
        for (int j = 0; j < b; j++) for (int c = 0; c < len[j]; c++) out[i++] = val[j];
        return out;
    }

    /** Largest relative difference between this target's S_new values and another's. */
    public double maxRelativeSNewDifference(double[] other) {
        double max = 0;
        for (int k = 0; k < sNewPages.length; k++) max = Math.max(max, Math.abs(other[k] - sNewPages[k]) / sNewPages[k]);
        return max;
    }

    /** Reads every row of the dataset's params.csv (read with Tablesaw). */
    public static List<TwinTarget> readParams(Path paramsCsv) {
        Check.that(Files.isRegularFile(paramsCsv), paramsCsv + ": no such file; expected the dataset's params.csv");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(paramsCsv.toFile()).build());
        List<TwinTarget> out = new ArrayList<>();
        for (Row r : t) {
            double[] sNew = new double[10];
            for (int k = 0; k < 10; k++) sNew[k] = r.getNumber("u_new_t" + k);
            out.add(new TwinTarget(r.getString("workload"), Math.round(r.getNumber("memory_mb") * 256),
                    r.getNumber("u_pages_per_100ms"), sNew, Math.round(r.getNumber("m_w_pages"))));
        }
        return out;
    }

    /** One row by workload name. */
    public static TwinTarget fromParams(Path paramsCsv, String workload) {
        List<TwinTarget> all = readParams(paramsCsv);
        return all.stream().filter(t -> t.name.equals(workload)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown workload '" + workload + "'; expected one of the " + all.size() + " in " + paramsCsv.getFileName()
                        + ", e.g. " + all.get(0).name));
    }

    @Override public boolean equals(Object o) {
        return o instanceof TwinTarget t && t.name.equals(name) && t.memoryPages == memoryPages && t.sPages == sPages
                && Arrays.equals(t.sNewPages, sNewPages) && t.mwPages == mwPages;
    }

    @Override public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(sNewPages); }

    @Override public String toString() {
        return "TwinTarget[" + name + ": S=" + sPages + ", S_new=" + Arrays.toString(sNewPages) + ", M_w=" + mwPages + "]";
    }
}
