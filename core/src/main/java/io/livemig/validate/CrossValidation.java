package io.livemig.validate;

import io.livemig.Check;
import io.livemig.Percentiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Leave-one-workload-out (LOWO) cross-validation of a family of variants indexed by a coefficient vector on a grid.
 *
 * <p>Every grid point's variant predicts every run once, giving a matrix of relative migration-time errors. For each
 * workload, the grid point with the lowest objective on the <em>other</em> workloads' runs is chosen, and that
 * point's predictions of the held-out workload are kept. The cross-validated variant is the concatenation of those
 * held-out predictions: no run is predicted with coefficients fitted on its own workload. The in-sample variant uses
 * the one grid point best on all runs.
 *
 * <p>The objective is the nearest-rank 90th percentile of the relative migration-time error plus, as a tie-breaker,
 * a small weight on its mean (many grid points share a p90 on a few hundred runs).
 */
public final class CrossValidation {
    private CrossValidation() {}

    /**
     * @param grid      the coefficient vectors tried
     * @param chosenIn  the vector chosen on all runs (in-sample)
     * @param chosenPerWorkload the vector chosen with each workload held out
     * @param inSample  the in-sample variant
     * @param crossValidated a variant whose prediction of each run is the held-out one
     */
    public record Fit(List<double[]> grid, double[] chosenIn, Map<String, double[]> chosenPerWorkload, Variant inSample,
                      Variant crossValidated) {}

    /**
     * @param runs    the runs to fit on (one skip value; the paper's 371-row set)
     * @param grid    coefficient vectors
     * @param family  the variant for a coefficient vector
     * @param name    the base name: the results are {@code name} (in-sample) and {@code name + "_cv"}
     */
    public static Fit lowo(List<MeasuredRun> runs, List<double[]> grid, Function<double[], Variant> family, String name) {
        return lowo(runs, r -> true, grid, family, name);
    }

    /**
     * As {@link #lowo(List, List, Function, String)}, but the objective counts only the runs that {@code fitOn}
     * accepts (e.g. the 361-row set); every run of {@code runs} still gets its held-out prediction.
     */
    public static Fit lowo(List<MeasuredRun> runs, java.util.function.Predicate<MeasuredRun> fitOn, List<double[]> grid,
                           Function<double[], Variant> family, String name) {
        Check.that(!grid.isEmpty(), "cross-validation: the grid must have at least one point, got none");
        Check.that(!runs.isEmpty(), "cross-validation: no runs to fit on");
        int g = grid.size(), n = runs.size();
        Variant.Outcome[][] out = new Variant.Outcome[g][n];
        double[][] err = new double[g][n];
        Variant[] variants = new Variant[g];
        // Grid points are independent and the models stateless: evaluate them in parallel.
        java.util.stream.IntStream.range(0, g).parallel().forEach(k -> {
            Variant v = family.apply(grid.get(k));
            variants[k] = v;
            for (int j = 0; j < n; j++) {
                MeasuredRun run = runs.get(j);
                Variant.Outcome o = v.predictor().predict(run, null);
                out[k][j] = o;
                double meas = v.conventions().measuredMigrationSeconds(run);
                err[k][j] = o.broken() ? Double.POSITIVE_INFINITY
                        : Math.abs(o.precopySeconds() + o.downtimeSeconds() - meas) / meas * 100;
            }
        });
        Set<String> workloads = new LinkedHashSet<>();
        runs.forEach(r -> workloads.add(r.workload()));
        Map<String, double[]> chosen = new HashMap<>();
        Map<String, Integer> chosenIndex = new HashMap<>();
        for (String w : workloads) {
            int best = best(err, runs, w, fitOn);
            chosen.put(w, grid.get(best));
            chosenIndex.put(w, best);
        }
        int all = best(err, runs, null, fitOn);
        Variant in = variants[all];
        Variant template = variants[all];
        Map<String, Variant.Outcome> held = new HashMap<>();
        for (int j = 0; j < n; j++) held.put(key(runs.get(j)), out[chosenIndex.get(runs.get(j).workload())][j]);
        Variant cv = new Variant(name + "_cv", template.hypervisor(), template.skip(), template.conventions(), true,
                template.description() + "; coefficients fitted leave-one-workload-out",
                (run, ref) -> {
                    Variant.Outcome o = held.get(key(run));
                    return o != null ? o : new Variant.Outcome(Double.NaN, Double.NaN, 0, "not in the fitted runs");
                });
        Variant inNamed = new Variant(name, in.hypervisor(), in.skip(), in.conventions(), false,
                in.description() + "; coefficients fitted on all runs (in-sample)", in.predictor());
        return new Fit(grid, grid.get(all), chosen, inNamed, cv);
    }

    private static String key(MeasuredRun r) { return r.key() + (r.skip() ? "/skip" : ""); }

    /** The grid index minimising the objective over the runs not of {@code heldOut} (all runs when null). */
    private static int best(double[][] err, List<MeasuredRun> runs, String heldOut, java.util.function.Predicate<MeasuredRun> fitOn) {
        int bestK = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        double[] buf = new double[runs.size()];
        for (int k = 0; k < err.length; k++) {
            int m = 0;
            double sum = 0;
            for (int j = 0; j < runs.size(); j++) {
                if (heldOut != null && runs.get(j).workload().equals(heldOut) || !fitOn.test(runs.get(j))) continue;
                buf[m++] = err[k][j];
                sum += err[k][j];
            }
            double score = Percentiles.nearestRank(java.util.Arrays.copyOf(buf, m), 0.9) + 0.01 * sum / m;
            if (score < bestScore) {
                bestScore = score;
                bestK = k;
            }
        }
        return bestK;
    }
}
