package io.livemig.validate;

import io.livemig.Check;
import io.livemig.model.SkipFunction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A grid of the fitted proposed-model variants: under {@link XenLegacy#paper(boolean) the paper's Xen rules}, with
 * skip and {@link SkipFunction#fractions} (f₁, f_long, f_short) ({@link Variants#proposedSkip},
 * {@link Variants#proposedSkipPaper}, {@link Variants#proposedSkipNominal}) or without skip
 * ({@link Variants#proposedNoSkip}), at κ·R/(1 + c·R), every combination of the axes.
 *
 * <p>{@link #errors} gives the cross-validation's error matrix for the whole grid at once, following the pre-copy
 * recurrence of {@code model/PrecopyLoop.java} (EXACT accounting, clamped W, the next iteration due D_i of the
 * unreduced iteration) with the same arithmetic in the same order, but without rows and shared between grid points:
 * the due sets do not depend on the fractions, an iteration reads one fraction (first, long or short,
 * {@link SkipFunction#fractionClass}), the points that agree on the fractions read so far share the sums so far, and a
 * fraction never read does not change the result. {@link #at} is the variant of one point, the model itself;
 * {@code ProposedGridTest} checks that the matrix is what it predicts, bit for bit.
 */
final class ProposedGrid {
    /** What a point holds: (f₁, f_long, f_short, κ, c), (f₁, f_long, f_short) at the nominal R, or (κ, c) without skip. */
    private enum Shape {
        FRACTIONS_AT_RATE,
        FRACTIONS,
        RATE
    }

    private final Shape shape;
    private final PrecopyPolicy policy;
    private final double[][] fractions;
    private final double[] kappa, c;
    private final Function<WorkloadParams, DirtyProfile> profile;
    private final Function<double[], Variant> family;

    private ProposedGrid(
            Shape shape,
            double[][] fractions,
            double[] kappa,
            double[] c,
            Function<WorkloadParams, DirtyProfile> profile,
            Function<double[], Variant> family) {
        this.shape = shape;
        this.policy = XenLegacy.paper(shape != Shape.RATE);
        this.fractions = fractions;
        this.kappa = kappa;
        this.c = c;
        this.profile = profile;
        this.family = family;
        // the model's own range check, as building each point's variant did
        for (double[] axis : fractions) for (double v : axis) SkipFunction.fractions(v, v, v);
        SkipFunction f = SkipFunction.fractions(0, 0, 0);
        Check.that(
                f.clamped() && !f.nextDirtySetAfterSkip() && policy.hasIterationCap(),
                "proposed grid: the recurrence here assumes clamped fractions over the unreduced iteration under a "
                        + "policy with an iteration cap");
    }

    /** Skip fractions at κ·R/(1 + c·R): points (f₁, f_long, f_short, κ, c). */
    static ProposedGrid fractionsAtRate(
            double[] first,
            double[] longIteration,
            double[] shortIteration,
            double[] kappa,
            double[] c,
            Function<WorkloadParams, DirtyProfile> profile,
            Function<double[], Variant> family) {
        return new ProposedGrid(
                Shape.FRACTIONS_AT_RATE,
                new double[][] {first.clone(), longIteration.clone(), shortIteration.clone()},
                kappa.clone(),
                c.clone(),
                profile,
                family);
    }

    /** Skip fractions at the nominal R: points (f₁, f_long, f_short). */
    static ProposedGrid fractions(
            double[] first,
            double[] longIteration,
            double[] shortIteration,
            Function<WorkloadParams, DirtyProfile> profile,
            Function<double[], Variant> family) {
        // Variants.skipFractions runs the nominal rate as κ = 1, c = 0: the same arithmetic
        return new ProposedGrid(
                Shape.FRACTIONS,
                new double[][] {first.clone(), longIteration.clone(), shortIteration.clone()},
                new double[] {1},
                new double[] {0},
                profile,
                family);
    }

    /** No skip, at κ·R/(1 + c·R): points (κ, c). */
    static ProposedGrid rate(
            double[] kappa,
            double[] c,
            Function<WorkloadParams, DirtyProfile> profile,
            Function<double[], Variant> family) {
        // one "fraction" of each kind, never applied: without skip W is 0
        double[] none = {0};
        return new ProposedGrid(
                Shape.RATE, new double[][] {none, none, none}, kappa.clone(), c.clone(), profile, family);
    }

    /** The points, the first axis varying slowest (as {@link #errors}' rows). */
    List<double[]> points() {
        List<double[]> out = new ArrayList<>(size());
        for (double f1 : fractions[0])
            for (double fl : fractions[1])
                for (double fs : fractions[2])
                    for (double k : kappa)
                        for (double cc : c)
                            out.add(
                                    switch (shape) {
                                        case FRACTIONS_AT_RATE -> new double[] {f1, fl, fs, k, cc};
                                        case FRACTIONS -> new double[] {f1, fl, fs};
                                        case RATE -> new double[] {k, cc};
                                    });
        return out;
    }

    int size() {
        return fractions[0].length * fractions[1].length * fractions[2].length * kappa.length * c.length;
    }

    /** The variant of one point. */
    Variant at(double[] point) {
        return family.apply(point);
    }

    /** {@code err[k][j]}: the relative migration-time error of point k on run j ({@link CrossValidation#relativeError}). */
    double[][] errors(List<MeasuredRun> runs) {
        Check.that(size() > 0, "proposed grid: every axis needs at least one value");
        Conventions conventions = at(points().get(0)).conventions();
        double[][] err = new double[size()][runs.size()];
        // runs are independent and each writes its own column: the parallel result is the sequential one
        IntStream.range(0, runs.size()).parallel().forEach(j -> {
            MeasuredRun run = runs.get(j);
            Walk walk = new Walk(Variants.vm(run, profile.apply(run.params())), err, j);
            double r = run.rateMbps() / 8.0, measured = conventions.measuredMigrationSeconds(run);
            for (int ik = 0; ik < kappa.length; ik++) {
                for (int ic = 0; ic < c.length; ic++) {
                    walk.start(policy.usableRate(DataRate.ofMiBps(kappa[ik] * r / (1 + c[ic] * r))), measured);
                    walk.rateIndex = ik * c.length + ic;
                    walk.from(1, 0, 0, 0);
                }
            }
        });
        return err;
    }

    /**
     * One run, at one rate after another. The due sets do not depend on the fractions: iteration i + 1 is due
     * D_i = D(V_i/R) of the unreduced iteration, and which fraction iteration i reads depends on V_i/R alone. So at
     * each rate they are computed once, and so is what each iteration sends for each value of the fraction it reads;
     * the fractions change only the sums of sent pages and times, and where the traffic cap stops them.
     */
    private final class Walk {
        final Vm vm;
        final int run, pageSize, cap, width;
        final double[][] err;
        /** per iteration (1-based): the fraction it reads, and D_i, the pages dirtied during it */
        final int[] reads;

        final double[] dirtied;
        /** per iteration i and value v of the fraction it reads, at [i · width + v]: pages sent and seconds taken */
        final double[] sent, seconds;

        final int[] at = new int[3];
        double r, trafficCap, measured;
        int rateIndex;
        /** the iteration after which the threshold or the iteration cap stops pre-copy, whatever the fractions */
        int last;

        Walk(Vm vm, double[][] err, int run) {
            this.vm = vm;
            this.err = err;
            this.run = run;
            this.pageSize = vm.pageSizeBytes();
            this.cap = policy.maxIterations();
            this.width = Math.max(fractions[0].length, Math.max(fractions[1].length, fractions[2].length));
            reads = new int[cap + 1];
            dirtied = new double[cap + 1];
            sent = new double[(cap + 1) * width];
            seconds = new double[(cap + 1) * width];
        }

        void start(DataRate rate, double measured) {
            DirtyProfile profile = vm.profile();
            boolean skips = policy.skips();
            this.r = rate.pagesPerSecond(pageSize);
            this.trafficCap = policy.trafficCapFactor() * vm.memoryPages();
            this.measured = measured;
            double due = vm.memoryPages();
            int i = 1;
            for (; ; i++) {
                double t0 = due / r;
                double d = profile.dirtiedPages(t0);
                int f = SkipFunction.fractionClass(i, t0);
                reads[i] = f;
                dirtied[i] = d;
                for (int v = 0; v < fractions[f].length; v++) {
                    double w = 0;
                    if (skips) {
                        double raw = fractions[f][v] * d;
                        w = !Double.isFinite(raw) ? 0 : Math.max(0, Math.min(raw, due));
                    }
                    sent[i * width + v] = due - w;
                    seconds[i * width + v] = sent[i * width + v] / r;
                }
                // PrecopyLoop.stopRule's threshold and iteration cap (its traffic cap is checked per path)
                if (policy.fitsThreshold(d, rate, pageSize) || i >= cap) break;
                due = d;
            }
            last = i;
        }

        /** Iteration i onwards after {@code total} pages in {@code tpre} s; {@code read} has bit f when f is fixed. */
        void from(int i, double total, double tpre, int read) {
            for (; ; i++) {
                int f = reads[i];
                if ((read & 1 << f) == 0) {
                    for (int v = 0; v < fractions[f].length; v++) {
                        at[f] = v;
                        from(i, total, tpre, read | 1 << f);
                    }
                    return;
                }
                tpre += seconds[i * width + at[f]];
                total += sent[i * width + at[f]];
                if (i == last || total >= trafficCap) {
                    record(read, CrossValidation.relativeError(tpre, dirtied[i] / r, measured));
                    return;
                }
            }
        }

        /** The error of every point that agrees with the fractions read. */
        private void record(int read, double e) {
            int n1 = fractions[1].length, n2 = fractions[2].length, rates = kappa.length * c.length;
            for (int a = (read & 1) != 0 ? at[0] : 0, aEnd = (read & 1) != 0 ? at[0] + 1 : fractions[0].length;
                    a < aEnd;
                    a++) {
                for (int b = (read & 2) != 0 ? at[1] : 0, bEnd = (read & 2) != 0 ? at[1] + 1 : n1; b < bEnd; b++) {
                    for (int s = (read & 4) != 0 ? at[2] : 0, sEnd = (read & 4) != 0 ? at[2] + 1 : n2; s < sEnd; s++) {
                        err[((a * n1 + b) * n2 + s) * rates + rateIndex][run] = e;
                    }
                }
            }
        }
    }
}
