package io.livemig.validate;

import io.livemig.Check;
import io.livemig.Percentiles;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Leave-one-workload-out (LOWO) and leave-one-family-out (LOFO) cross-validation of a family of variants indexed by a
 * coefficient vector on a grid.
 *
 * <p>Every grid point's variant predicts every run once, giving a matrix of relative migration-time errors. For each
 * held-out group (a workload, or for LOFO a benchmark family such as DaCapo), the grid point with the lowest objective
 * on the <em>other</em> groups' runs is chosen ({@link #trainingRuns}), and that point's predictions of the held-out
 * group are kept. The cross-validated variant is the concatenation of those held-out predictions: no run is predicted
 * with coefficients fitted on its own workload (LOWO) or on any workload of its family (LOFO, which also keeps out
 * the workloads that share a benchmark suite's code). The in-sample variant uses the one grid point best on all runs.
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
     * @param chosenPerFamily   the vector chosen with each family held out
     * @param inSample  the in-sample variant
     * @param crossValidated a variant whose prediction of each run is the one with its workload held out ({@code _cv})
     * @param familyHeldOut  a variant whose prediction of each run is the one with its family held out ({@code _lofo})
     */
    public record Fit(
            List<double[]> grid,
            double[] chosenIn,
            Map<String, double[]> chosenPerWorkload,
            Map<String, double[]> chosenPerFamily,
            Variant inSample,
            Variant crossValidated,
            Variant familyHeldOut) {}

    /**
     * @param runs    the runs to fit on (one skip value; the paper's 371-row set)
     * @param grid    coefficient vectors
     * @param family  the variant for a coefficient vector
     * @param name    the base name: the results are {@code name} (in-sample), {@code name + "_cv"} (LOWO) and
     *                {@code name + "_lofo"}
     */
    public static Fit lowo(
            List<MeasuredRun> runs, List<double[]> grid, Function<double[], Variant> family, String name) {
        return lowo(runs, r -> true, grid, family, name);
    }

    /**
     * As {@link #lowo(List, List, Function, String)}, but the objective counts only the runs that {@code fitOn}
     * accepts (e.g. the 361-row set); every run of {@code runs} still gets its held-out predictions.
     */
    public static Fit lowo(
            List<MeasuredRun> runs,
            Predicate<MeasuredRun> fitOn,
            List<double[]> grid,
            Function<double[], Variant> family,
            String name) {
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
                err[k][j] = o.broken()
                        ? Double.POSITIVE_INFINITY
                        : Math.abs(o.precopySeconds() + o.downtimeSeconds() - meas) / meas * 100;
            }
        });
        int all = best(err, trainingRuns(runs, fitOn, r -> "", null));
        Variant in = variants[all];
        Map<String, double[]> perWorkload = new LinkedHashMap<>(), perFamily = new LinkedHashMap<>();
        Variant cv = heldOut(
                runs,
                fitOn,
                grid,
                err,
                out,
                in,
                MeasuredRun::workload,
                perWorkload,
                name + "_cv",
                "leave-one-workload-out");
        Variant lofo = heldOut(
                runs,
                fitOn,
                grid,
                err,
                out,
                in,
                MeasuredRun::family,
                perFamily,
                name + "_lofo",
                "leave-one-family-out");
        Variant inNamed = new Variant(
                name,
                in.rows(),
                in.conventions(),
                false,
                in.description() + "; coefficients fitted on all runs (in-sample)",
                in.predictor());
        return new Fit(grid, grid.get(all), perWorkload, perFamily, inNamed, cv, lofo);
    }

    /**
     * The runs a fold fits on: those {@code fitOn} accepts whose group is not the held-out one (all of them when
     * {@code heldOut} is null). The one place that decides what a fold may see.
     *
     * @return a mask over {@code runs}
     */
    static boolean[] trainingRuns(
            List<MeasuredRun> runs, Predicate<MeasuredRun> fitOn, Function<MeasuredRun, String> group, String heldOut) {
        boolean[] mask = new boolean[runs.size()];
        for (int j = 0; j < runs.size(); j++) {
            MeasuredRun r = runs.get(j);
            mask[j] = fitOn.test(r) && (heldOut == null || !group.apply(r).equals(heldOut));
        }
        return mask;
    }

    private static Variant heldOut(
            List<MeasuredRun> runs,
            Predicate<MeasuredRun> fitOn,
            List<double[]> grid,
            double[][] err,
            Variant.Outcome[][] out,
            Variant template,
            Function<MeasuredRun, String> group,
            Map<String, double[]> chosen,
            String name,
            String how) {
        Set<String> groups = new LinkedHashSet<>();
        runs.forEach(r -> groups.add(group.apply(r)));
        Map<String, Integer> chosenIndex = new HashMap<>();
        for (String w : groups) {
            boolean[] train = trainingRuns(runs, fitOn, group, w);
            Check.that(anyTrue(train), "cross-validation: holding out " + w + " leaves no run to fit on");
            int best = best(err, train);
            chosen.put(w, grid.get(best));
            chosenIndex.put(w, best);
        }
        Map<String, Variant.Outcome> held = new HashMap<>();
        for (int j = 0; j < runs.size(); j++)
            held.put(key(runs.get(j)), out[chosenIndex.get(group.apply(runs.get(j)))][j]);
        return new Variant(
                name,
                template.rows(),
                template.conventions(),
                true,
                template.description() + "; coefficients fitted " + how,
                (run, ref) -> {
                    Variant.Outcome o = held.get(key(run));
                    return o != null ? o : new Variant.Outcome(Double.NaN, Double.NaN, 0, "not in the fitted runs");
                });
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean x : b) if (x) return true;
        return false;
    }

    private static String key(MeasuredRun r) {
        return r.key() + (r.skip() ? "/skip" : "");
    }

    /** The grid index minimising the objective over the runs of {@code train}. */
    private static int best(double[][] err, boolean[] train) {
        int bestK = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        double[] buf = new double[train.length];
        for (int k = 0; k < err.length; k++) {
            int m = 0;
            double sum = 0;
            for (int j = 0; j < train.length; j++) {
                if (!train[j]) continue;
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
