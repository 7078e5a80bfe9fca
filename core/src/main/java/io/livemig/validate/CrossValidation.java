package io.livemig.validate;

import io.livemig.Check;
import io.livemig.Percentiles;
import java.util.ArrayList;
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
        return lowo(runs, fitOn, grid, family, name, errors(runs, grid, family));
    }

    /**
     * As {@link #lowo(List, Predicate, List, Function, String)}, with the error matrix {@code err[k][j]} (grid point
     * k, run j, {@link #relativeError}) computed elsewhere, e.g. by {@link ProposedGrid} for a whole grid at once. It
     * must be what {@code family} predicts: the held-out predictions are {@code family}'s own.
     */
    static Fit lowo(
            List<MeasuredRun> runs,
            Predicate<MeasuredRun> fitOn,
            List<double[]> grid,
            Function<double[], Variant> family,
            String name,
            double[][] err) {
        Check.that(!grid.isEmpty(), "cross-validation: the grid must have at least one point, got none");
        Check.that(!runs.isEmpty(), "cross-validation: no runs to fit on");
        Check.that(
                err.length == grid.size() && err[0].length == runs.size(),
                "cross-validation: the error matrix must be " + grid.size() + " × " + runs.size() + ", got "
                        + err.length + " × " + err[0].length);
        // every fold's training runs, the in-sample one first; all folds are chosen in one pass over the grid
        List<String> workloads = groups(runs, MeasuredRun::workload), families = groups(runs, MeasuredRun::family);
        List<boolean[]> trains = new ArrayList<>();
        trains.add(trainingRuns(runs, fitOn, r -> "", null));
        for (String w : workloads) trains.add(fold(runs, fitOn, MeasuredRun::workload, w));
        for (String f : families) trains.add(fold(runs, fitOn, MeasuredRun::family, f));
        int[] best = new Objective(err, trains.get(0)).best(trains);
        int all = best[0];
        Variant in = family.apply(grid.get(all));
        Map<String, double[]> perWorkload = new LinkedHashMap<>(), perFamily = new LinkedHashMap<>();
        Map<Integer, Variant> variants = new HashMap<>(Map.of(all, in));
        Map<Integer, Variant.Outcome[]> outcomes = new HashMap<>();
        // the workload and the family folds often choose the same point: predict each (point, run) once
        java.util.function.BiFunction<Integer, Integer, Variant.Outcome> predicted = (k, j) -> {
            Variant.Outcome[] row = outcomes.computeIfAbsent(k, x -> new Variant.Outcome[runs.size()]);
            if (row[j] == null)
                row[j] = variants.computeIfAbsent(k, x -> family.apply(grid.get(x)))
                        .predictor()
                        .predict(runs.get(j), null);
            return row[j];
        };
        Variant cv = heldOut(
                runs,
                grid,
                java.util.Arrays.copyOfRange(best, 1, 1 + workloads.size()),
                predicted,
                in,
                MeasuredRun::workload,
                workloads,
                perWorkload,
                name + "_cv",
                "leave-one-workload-out");
        Variant lofo = heldOut(
                runs,
                grid,
                java.util.Arrays.copyOfRange(best, 1 + workloads.size(), best.length),
                predicted,
                in,
                MeasuredRun::family,
                families,
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

    /** Every grid point's variant over every run: {@code err[k][j]}, grid points in parallel (models are stateless). */
    static double[][] errors(List<MeasuredRun> runs, List<double[]> grid, Function<double[], Variant> family) {
        double[][] err = new double[grid.size()][runs.size()];
        java.util.stream.IntStream.range(0, grid.size()).parallel().forEach(k -> {
            Variant v = family.apply(grid.get(k));
            for (int j = 0; j < runs.size(); j++) {
                MeasuredRun run = runs.get(j);
                Variant.Outcome o = v.predictor().predict(run, null);
                err[k][j] = relativeError(
                        o.precopySeconds(), o.downtimeSeconds(), v.conventions().measuredMigrationSeconds(run));
            }
        });
        return err;
    }

    /** The objective's error of one prediction: |T_pre + T_down − measured| / measured × 100, +∞ when broken. */
    static double relativeError(double precopySeconds, double downtimeSeconds, double measuredSeconds) {
        return Double.isNaN(precopySeconds) || Double.isNaN(downtimeSeconds)
                ? Double.POSITIVE_INFINITY
                : Math.abs(precopySeconds + downtimeSeconds - measuredSeconds) / measuredSeconds * 100;
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

    private static List<String> groups(List<MeasuredRun> runs, Function<MeasuredRun, String> group) {
        Set<String> groups = new LinkedHashSet<>();
        runs.forEach(r -> groups.add(group.apply(r)));
        return List.copyOf(groups);
    }

    private static boolean[] fold(
            List<MeasuredRun> runs, Predicate<MeasuredRun> fitOn, Function<MeasuredRun, String> group, String held) {
        boolean[] train = trainingRuns(runs, fitOn, group, held);
        Check.that(anyTrue(train), "cross-validation: holding out " + held + " leaves no run to fit on");
        return train;
    }

    /** The held-out variant of one grouping, from the grid index chosen without each group ({@code bestOf}). */
    private static Variant heldOut(
            List<MeasuredRun> runs,
            List<double[]> grid,
            int[] bestOf,
            java.util.function.BiFunction<Integer, Integer, Variant.Outcome> predicted,
            Variant template,
            Function<MeasuredRun, String> group,
            List<String> order,
            Map<String, double[]> chosen,
            String name,
            String how) {
        Map<String, Integer> chosenIndex = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            chosen.put(order.get(i), grid.get(bestOf[i]));
            chosenIndex.put(order.get(i), bestOf[i]);
        }
        // only the chosen points' predictions are kept: predict them again rather than hold the whole grid's outcomes
        Map<String, Variant.Outcome> held = new HashMap<>();
        for (int j = 0; j < runs.size(); j++) {
            MeasuredRun run = runs.get(j);
            held.put(key(run), predicted.apply(chosenIndex.get(group.apply(run)), j));
        }
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

    /**
     * The objective over every grid point, for many training sets: each grid point's errors on the in-sample training
     * runs ({@code base}) are sorted once, and a fold's p90 is read from them by skipping the fold's excluded runs,
     * instead of selecting among a few hundred errors per grid point per fold. The mean is summed in run order as
     * before, for the few grid points whose p90 alone does not rule them out, so the choice is the one of
     * {@link #bestByScan} exactly (CrossValidationObjectiveTest).
     */
    static final class Objective {
        final double[][] err;
        final boolean[] base;
        /** whether every error is ≥ 0 (or NaN), so that a score is never below its p90 */
        private final boolean nonNegative;

        Objective(double[][] err, boolean[] base) {
            this.err = err;
            this.base = base;
            boolean ok = true;
            for (double[] row : err) for (double e : row) ok &= !(e < 0);
            this.nonNegative = ok;
        }

        /** The grid index minimising p90 + 0.01 · mean over the runs of {@code train}, a subset of the base runs. */
        int best(boolean[] train) {
            return best(List.of(train))[0];
        }

        /** {@link #best(boolean[])} of each training set, in one pass over the grid. */
        int[] best(List<boolean[]> trains) {
            int folds = trains.size(), g = err.length;
            int[][] excluded = new int[folds][];
            int[] m = new int[folds];
            for (int t = 0; t < folds; t++) {
                boolean[] train = trains.get(t);
                int[] ex = new int[train.length];
                int ne = 0;
                for (int j = 0; j < train.length; j++) {
                    if (train[j] && !base[j])
                        throw new IllegalStateException("cross-validation: a fold trains on run " + j
                                + ", which the in-sample fit does not; training sets must come from trainingRuns");
                    if (train[j]) m[t]++;
                    else if (base[j]) ex[ne++] = j;
                }
                excluded[t] = java.util.Arrays.copyOf(ex, ne);
            }
            // p90[t][k]: each grid point's base errors are sorted once and read by every fold. A fold's p90 lies at
            // most ⌈0.1·n⌉ places, plus the runs it excludes, below the largest error: only that top is sorted.
            int reach = 0;
            for (int[] ex : excluded) reach = Math.max(reach, ex.length);
            int top = reach + (int) Math.ceil(0.1 * base.length) + 2;
            double[][] p90 = new double[folds][g];
            int chunks = Math.min(g, 64);
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(chunk -> {
                double[] sorted = new double[base.length], x = new double[base.length];
                for (int k = chunk; k < g; k += chunks) {
                    int n = 0;
                    for (int j = 0; j < base.length; j++)
                        if (base[j] && !Double.isNaN(err[k][j])) sorted[n++] = err[k][j];
                    // Double.compare's order, the one Percentiles.nearestRank ranks by
                    Percentiles.sortTop(sorted, n, Math.min(n, top));
                    for (int t = 0; t < folds; t++) p90[t][k] = p90(err[k], sorted, n, excluded[t], x);
                }
            });
            int[] best = new int[folds];
            // folds are independent; each writes its own slot, so the parallel result is the sequential one
            java.util.stream.IntStream.range(0, folds)
                    .parallel()
                    .forEach(t -> best[t] = best(p90[t], trains.get(t), m[t]));
            return best;
        }

        private int best(double[] p90, boolean[] train, int m) {
            int first = -1;
            for (int k = 0; k < p90.length; k++) {
                if (p90[k] == p90[k] && (first < 0 || p90[k] < p90[first])) first = k;
            }
            if (first < 0) return 0; // every score is NaN: the scan keeps its start
            // score ≥ p90 (errors are ≥ 0), so a point whose p90 exceeds a reached score cannot be the minimum
            double reached = nonNegative ? score(first, p90[first], train, m) : Double.NaN;
            int bestK = 0;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int k = 0; k < p90.length; k++) {
                if (reached == reached && p90[k] > reached) continue;
                double s = score(k, p90[k], train, m);
                if (s < bestScore) {
                    bestScore = s;
                    bestK = k;
                }
            }
            return bestK;
        }

        /**
         * The nearest-rank p90 of a grid point's errors {@code e} over the base runs but {@code excluded}, given the
         * base runs' non-NaN errors {@code sorted[0..n)}, ascending at least where the p90 can lie; {@code x} is
         * scratch.
         */
        private static double p90(double[] e, double[] sorted, int n, int[] excluded, double[] x) {
            int nx = 0;
            for (int j : excluded) {
                if (!Double.isNaN(e[j])) nx++;
            }
            int kept = n - nx;
            if (kept == 0) return Double.NaN;
            int above = kept - 1 - Percentiles.nearestRankIndex(kept, 0.9);
            // The answer is the (above + 1)-th largest kept value: at most nx places below sorted's (above + 1)-th
            // largest, so never below low. Excluded values under low are never reached; leave them out.
            double low = sorted[n - 1 - above - nx];
            int nr = 0;
            for (int j : excluded) {
                if (Double.compare(e[j], low) >= 0 && !Double.isNaN(e[j])) x[nr++] = e[j];
            }
            java.util.Arrays.sort(x, 0, nr);
            // Without exclusions the answer would sit at n − 1 − above; each excluded value at or above the candidate
            // takes one place above it, moving the answer one place down (x is a sub-multiset of sorted).
            int p = n - 1 - above;
            for (int q = nr - 1; q >= 0 && Double.compare(x[q], sorted[p]) >= 0; q--) p--;
            return sorted[p];
        }

        /** p90 + 0.01 · the mean in run order, as {@link #bestByScan} computes it. */
        private double score(int k, double p90, boolean[] train, int m) {
            double sum = 0;
            double[] e = err[k];
            for (int j = 0; j < train.length; j++) if (train[j]) sum += e[j];
            return p90 + 0.01 * sum / m;
        }
    }

    /** The definition {@link Objective#best} reproduces: every grid point's p90 and mean over the runs of train. */
    static int bestByScan(double[][] err, boolean[] train) {
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
