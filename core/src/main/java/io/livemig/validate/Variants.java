package io.livemig.validate;

import io.livemig.model.DirtyRateSource;
import io.livemig.model.LiuIterativeModel;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.model.SkipFunction;
import io.livemig.model.TrafficAccounting;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.TwoResolutionDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TwinTarget;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The ten reference variants of {@code reference_errors.csv}, each with the conventions its script used (dataset
 * README, "reference_errors.csv"). Where the authors' code differs from the models' defaults, the difference is
 * stated here:
 * <ul>
 *   <li>the C programs run at {@code rate_mbps/8} MB/s, the bc scripts at {@code rate_mb_s};</li>
 *   <li>traffic is a time × a rate, three ways ({@link Conventions.Traffic});</li>
 *   <li>the bc scripts cut every step to 3 decimals and use α = 50 pages / M ({@link BcScripts});</li>
 *   <li>the C programs add each iteration's MB to an {@code int} ({@link TrafficAccounting#WHOLE_MIB_TRUNCATED});</li>
 *   <li>{@code hpdc-skip.c} does not cap D = T·S at memory ({@code LiuIterativeModel.withUncappedDirtySet});</li>
 *   <li>{@code hpdc-skip.c} reads its dirty rate with {@code atoi}: 4.531 MB/s becomes 4 MB/s;</li>
 *   <li>{@code with-skip/predict.c} uses skip regression version B ({@link SkipFunction#versionB()}) on the older
 *       two-resolution D(T) of {@code predict.c} ({@link TwoResolutionDirtyProfile});</li>
 *   <li>the dirty rate of {@code existing_xen_hpdc_hpdclog} cannot be rebuilt from {@code params.csv} (README), so it
 *       is read from the reference row's {@code repo_s_column}.</li>
 * </ul>
 * Every variant runs the paper's testbed rules, {@link XenLegacy#paper(boolean)}: 29 iterations, 3·M, 50 pages.
 */
public final class Variants {
    private Variants() {}

    public static final Variant.Rows KVM = Variant.Rows.KVM_NO_SKIP;
    public static final Variant.Rows XEN = Variant.Rows.XEN_SKIP;

    /** The ten variants of the dataset, in its order. */
    public static List<Variant> reference() {
        Conventions c = Conventions.cCode();
        Conventions bcKvm =
                new Conventions(Conventions.Rate.MB_S, Conventions.Rate.MB_S, Conventions.Traffic.TMIG_MBPS_OVER_8);
        Conventions bcXen =
                new Conventions(Conventions.Rate.MB_S, Conventions.Rate.MB_S, Conventions.Traffic.TPRE_MB_S);
        return List.of(
                new Variant(
                        "proposed_noskip",
                        KVM,
                        new Conventions(
                                Conventions.Rate.MBPS_OVER_8,
                                Conventions.Rate.MBPS_OVER_8,
                                Conventions.Traffic.TMIG_MBPS_OVER_8),
                        false,
                        "proposed (predict-new.c): D(T) with S_new^T, M_w; no skip",
                        model(
                                ProposedModel.withSkip("proposed", SkipFunction.none())
                                        .withTrafficAccounting(TrafficAccounting.WHOLE_MIB_TRUNCATED),
                                Variants::paperProfile,
                                false)),
                new Variant(
                        "proposed_noskip_old",
                        KVM,
                        c,
                        false,
                        "proposed (predict.c): two-resolution D(T), M_w; no skip",
                        model(
                                ProposedModel.withSkip("proposed-old", SkipFunction.none())
                                        .withTrafficAccounting(TrafficAccounting.WHOLE_MIB_TRUNCATED),
                                Variants::twoResolutionProfile,
                                false)),
                new Variant(
                        "proposed_skip_B",
                        XEN,
                        c,
                        false,
                        "proposed (with-skip/predict.c): two-resolution D(T), skip regression version B",
                        model(
                                ProposedModel.withSkip("proposed-skip-B", SkipFunction.versionB())
                                        .withTrafficAccounting(TrafficAccounting.WHOLE_MIB_TRUNCATED),
                                Variants::twoResolutionProfile,
                                true)),
                new Variant(
                        "existing_kvm_infocom_pacer10",
                        KVM,
                        bcKvm,
                        false,
                        "geometric (infocom) × Pacer 10 s",
                        geometric(p -> p.pacer10PagesPerSecond())),
                new Variant(
                        "existing_kvm_effrate_pacer10",
                        KVM,
                        bcKvm,
                        false,
                        "effective rate M/(R − S) × Pacer 10 s",
                        (run, ref) -> outcome(BcScripts.effectiveRate(
                                run.memoryMb(),
                                run.rateMbS(),
                                run.rateMbps(),
                                BcScripts.cut3(run.params().pacer10PagesPerSecond() / 256.0)))),
                new Variant(
                        "existing_kvm_infocom_sampled",
                        KVM,
                        bcKvm,
                        false,
                        "geometric (infocom) × sampled rate S_1s",
                        geometric(p -> p.s1sPages())),
                new Variant(
                        "existing_kvm_infocom_hnh10_09",
                        KVM,
                        bcKvm,
                        false,
                        "geometric (infocom) × hot/non-hot (10 s, threshold .9)",
                        geometric(p -> p.hnh10Th09PagesPerSecond())),
                new Variant(
                        "existing_xen_hpdc_pacer10",
                        XEN,
                        c,
                        false,
                        "Liu et al. (hpdc-skip.c, W = β·D) × Pacer 10 s",
                        liu((run, ref) -> BcScripts.cut3(run.params().pacer10PagesPerSecond() / 256.0))),
                new Variant(
                        "existing_xen_infocom_pacer10",
                        XEN,
                        bcXen,
                        false,
                        "geometric (infocom) × Pacer 10 s",
                        geometric(p -> p.pacer10PagesPerSecond())),
                new Variant(
                        "existing_xen_hpdc_hpdclog",
                        XEN,
                        c,
                        false,
                        "Liu et al. (hpdc-skip.c) × migration-log rate (repo_s_column)",
                        liu((run, ref) -> ref == null ? Double.NaN : ref.repoS())));
    }

    /** The reference variant with this name. */
    public static Variant named(String name) {
        return reference().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("variant: unknown '" + name + "'; expected one of "
                        + reference().stream().map(Variant::name).toList()));
    }

    /** The paper's D(T) (predict-new.c): U, U_new^T for T = 0…9 s, M_w. */
    public static DirtyProfile paperProfile(WorkloadParams p) {
        return LinearDirtyProfile.paper(p.uPages(), p.uNewPages(), p.mwPages());
    }

    /** The older two-resolution D(T) (predict.c). */
    public static DirtyProfile twoResolutionProfile(WorkloadParams p) {
        return new TwoResolutionDirtyProfile(
                p.s1sPages(),
                p.sNewMixedPages(),
                p.uOldPages(),
                p.uNewOldPages(),
                p.mwPages(),
                DirtyProfile.DEFAULT_PAGE_SIZE);
    }

    /** The VM of a run: memory in MB of 256 pages (MiB), the given profile. */
    public static Vm vm(MeasuredRun run, DirtyProfile profile) {
        return Vm.of(run.workload(), DataSize.ofMiB(run.memoryMb()), profile);
    }

    static Variant.Predictor model(MigrationModel model, Function<WorkloadParams, DirtyProfile> profile, boolean skip) {
        return (run, ref) -> outcome(model.predict(
                vm(run, profile.apply(run.params())), DataRate.ofMiBps(run.rateMbps() / 8.0), XenLegacy.paper(skip)));
    }

    private static Variant.Predictor geometric(java.util.function.ToDoubleFunction<WorkloadParams> pagesPerSecond) {
        return (run, ref) -> outcome(BcScripts.geometric(
                run.memoryMb(), run.rateMbS(), BcScripts.cut3(pagesPerSecond.applyAsDouble(run.params()) / 256.0)));
    }

    /** hpdc-skip.c: the dirty rate in MB/s, cut to 3 decimals by bc, then read with atoi (the integer part). */
    private static Variant.Predictor liu(java.util.function.BiFunction<MeasuredRun, ReferenceRow, Double> mbPerSecond) {
        return (run, ref) -> {
            double s = mbPerSecond.apply(run, ref);
            if (Double.isNaN(s)) return new Variant.Outcome(Double.NaN, Double.NaN, 0, "no dirty rate");
            double atoi = Math.floor(s);
            MigrationModel liu = new LiuIterativeModel(DirtyRateSource.fixed(atoi * 256))
                    .withTrafficAccounting(TrafficAccounting.WHOLE_MIB_TRUNCATED)
                    .withUncappedDirtySet();
            // Liu's D = T·S has no M_w; the VM still needs a profile, which this model does not read.
            DirtyProfile unused = LinearDirtyProfile.paper(1, new double[] {0}, 1);
            return outcome(liu.predict(vm(run, unused), DataRate.ofMiBps(run.rateMbps() / 8.0), XenLegacy.paper(true)));
        };
    }

    static Variant.Outcome outcome(Prediction p) {
        return new Variant.Outcome(
                p.precopySeconds(),
                p.downtimeSeconds(),
                p.iterationCount(),
                p.stopReason().label());
    }

    static Variant.Outcome outcome(BcScripts.Times t) {
        return new Variant.Outcome(
                t.precopySeconds(),
                t.downtimeSeconds(),
                t.iterations(),
                t.precopySeconds() != t.precopySeconds() ? "bc failed (S/R = 1)" : "closed form");
    }

    /**
     * This project's proposed model for the no-skip rows: the paper's D(T) with S_new^T and M_w (predict-new.c),
     * counted exactly, run at an effective throughput R_eff = κ·R/(1 + c·R), R = rate_mbps/8 MB/s: the measured
     * runs get slower than R at high rates (the sender saturates). Measured values under proposed_noskip's
     * conventions, so the figures compare.
     */
    public static Variant proposedNoSkip(double kappa, double c) {
        return new Variant(
                "proposed_noskip_eff",
                KVM,
                new Conventions(
                        Conventions.Rate.MBPS_OVER_8,
                        Conventions.Rate.MBPS_OVER_8,
                        Conventions.Traffic.TMIG_MBPS_OVER_8),
                false,
                String.format(java.util.Locale.ROOT, "proposed, paper D(T), R_eff = %.2f·R/(1 + %.4f·R)", kappa, c),
                scaled(
                        ProposedModel.withSkip("proposed", SkipFunction.none()),
                        Variants::paperProfile,
                        false,
                        kappa,
                        c));
    }

    /**
     * This project's proposed model for the Xen rows: the two-resolution D(T) of predict.c with constant skip
     * fractions {@link SkipFunction#fractions} (first iteration, iterations over 1 s, shorter ones), counted exactly,
     * at the effective throughput κ·R/(1 + c·R) of {@link #proposedNoSkip}; proposed_skip_B's conventions.
     */
    public static Variant proposedSkip(
            double first, double longIteration, double shortIteration, double kappa, double c) {
        return skipFractions(
                "proposed_skip_frac",
                "two-resolution D(T)",
                Variants::twoResolutionProfile,
                new double[] {first, longIteration, shortIteration},
                kappa,
                c);
    }

    /**
     * The Xen-with-skip fractions of {@link #proposedSkip} on the paper's D(T) (predict-new.c, as for the no-skip
     * rows) instead of the two-resolution one, at the effective throughput κ·R/(1 + c·R).
     */
    public static Variant proposedSkipPaper(
            double first, double longIteration, double shortIteration, double kappa, double c) {
        return skipFractions(
                "proposed_skip_frac_paper",
                "paper D(T)",
                Variants::paperProfile,
                new double[] {first, longIteration, shortIteration},
                kappa,
                c);
    }

    /**
     * The Xen-with-skip fractions on the paper's D(T) at the nominal rate R = rate_mbps/8 (no throughput calibration):
     * the family {@link ProposedModel#defaults()}'s skip function ({@link SkipFunction#defaultFractions()}) was chosen
     * from.
     */
    public static Variant proposedSkipNominal(double first, double longIteration, double shortIteration) {
        return skipFractions(
                "proposed_skip_nominal",
                "paper D(T)",
                Variants::paperProfile,
                new double[] {first, longIteration, shortIteration},
                Double.NaN,
                Double.NaN);
    }

    /** Constant skip fractions (f₁, f_long, f_short) at κ·R/(1 + c·R), or at the nominal R when κ is NaN. */
    private static Variant skipFractions(
            String name,
            String dLabel,
            Function<WorkloadParams, DirtyProfile> profile,
            double[] f,
            double kappa,
            double c) {
        boolean nominal = Double.isNaN(kappa);
        String rate =
                nominal ? "nominal R" : String.format(java.util.Locale.ROOT, "R_eff = %.2f·R/(1 + %.4f·R)", kappa, c);
        return new Variant(
                name,
                XEN,
                Conventions.cCode(),
                false,
                String.format(
                        java.util.Locale.ROOT,
                        "proposed, %s, W = (%.2f | %.2f | %.2f)·D, %s",
                        dLabel,
                        f[0],
                        f[1],
                        f[2],
                        rate),
                scaled(
                        ProposedModel.withSkip("proposed-skip", SkipFunction.fractions(f[0], f[1], f[2])),
                        profile,
                        true,
                        nominal ? 1 : kappa,
                        nominal ? 0 : c));
    }

    /**
     * The page-level simulator as a predictor: each run replayed on its workload's twin (a generated trace with the
     * workload's S, S_new^T and M_w, {@link TraceGenerator#stationaryTwin}) at the nominal rate R = rate_mbps/8, under Xen legacy
     * with or without skip (Xen's own per-batch PEEK). Nothing is fitted. It shows how far the profile statistics
     * alone can take a prediction: a model that reproduced the simulator exactly would score the same. Each twin is
     * generated once (about a quarter of a second and 6 MiB per workload) and shared by the two variants; running
     * them takes about a minute. Conventions as {@code proposed_noskip} and {@code proposed_skip_B}.
     */
    public static List<Variant> simulatorOnTwins(long seed) {
        Map<String, Trace> twins = new ConcurrentHashMap<>();
        Variant.Predictor replay = (run, ref) -> {
            Trace twin =
                    twins.computeIfAbsent(run.workload(), w -> TraceGenerator.stationaryTwin(twinTarget(run), seed));
            return outcome(
                    Simulator.simulate(twin, DataRate.ofMiBps(run.rateMbps() / 8.0), XenLegacy.paper(run.skip())));
        };
        String what = "simulator (Xen legacy, page level) on the workload's twin trace, seed " + seed + ", nominal R";
        return List.of(
                new Variant(
                        "simulator_twins_noskip",
                        KVM,
                        new Conventions(
                                Conventions.Rate.MBPS_OVER_8,
                                Conventions.Rate.MBPS_OVER_8,
                                Conventions.Traffic.TMIG_MBPS_OVER_8),
                        false,
                        what,
                        replay),
                new Variant("simulator_twins_skip", XEN, Conventions.cCode(), false, what, replay));
    }

    /** The twin target of a run's workload: its memory, U, U_new^T and M_w as the paper's D(T) reads them. */
    static TwinTarget twinTarget(MeasuredRun run) {
        WorkloadParams p = run.params();
        return new TwinTarget(
                run.workload(), Math.round(run.memoryMb() * 256), p.uPages(), p.uNewPages(), Math.round(p.mwPages()));
    }

    /** (κ, c) for {@link #proposedNoSkip}: κ 0.96 … 1.08 by 0.01, c 0 … 0.002 by 0.0002 (per MB/s). */
    static ProposedGrid throughputGrid() {
        return ProposedGrid.rate(
                steps(0.96, 0.01, 12), steps(0, 0.0002, 10), Variants::paperProfile, c -> proposedNoSkip(c[0], c[1]));
    }

    /** The points of {@link #throughputGrid()}. */
    static List<double[]> efficiencyGrid() {
        return throughputGrid().points();
    }

    /** from, from + by, …, from + n·by (each value computed as from + i·by, not accumulated). */
    private static double[] steps(double from, double by, int n) {
        double[] v = new double[n + 1];
        for (int i = 0; i <= n; i++) v[i] = from + by * i;
        return v;
    }

    /** The Cartesian product of the axes, the first axis varying slowest. */
    private static List<double[]> grid(double[]... axes) {
        List<double[]> g = new java.util.ArrayList<>();
        g.add(new double[0]);
        for (double[] axis : axes) {
            List<double[]> next = new java.util.ArrayList<>(g.size() * axis.length);
            for (double[] prefix : g) {
                for (double a : axis) {
                    double[] p = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    p[prefix.length] = a;
                    next.add(p);
                }
            }
            g = next;
        }
        return g;
    }

    /**
     * (f₁, f_long, f_short, κ, c) for {@link #proposedSkip} and {@link #proposedSkipPaper}, fixed before looking at
     * any fit: each fraction over its whole range 0 … 1 by 0.2, κ 0.96 … 1.08 by 0.04 (the no-skip grid's range),
     * c 0 … 0.004 by 0.0008 per MB/s (twice the no-skip range: the Xen sender slows more); 5184 points. Earlier
     * versions narrowed these ranges around in-sample optima, a leak the cross-validation could not undo
     * (docs/results.md).
     *
     * @param paperD the paper's D(T) ({@link #proposedSkipPaper}) rather than the two-resolution one
     */
    static ProposedGrid fractionGrid(boolean paperD) {
        double[] fraction = steps(0, 0.2, 5);
        return ProposedGrid.fractionsAtRate(
                fraction,
                fraction,
                fraction,
                steps(0.96, 0.04, 3),
                steps(0, 0.0008, 5),
                paperD ? Variants::paperProfile : Variants::twoResolutionProfile,
                paperD
                        ? c -> proposedSkipPaper(c[0], c[1], c[2], c[3], c[4])
                        : c -> proposedSkip(c[0], c[1], c[2], c[3], c[4]));
    }

    /**
     * (f₁, f_long, f_short) for {@link #proposedSkipNominal}: f₁ ∈ {0, 0.1, 0.2}, f_long and f_short 0.5 … 1 by 0.05
     * (363 points; a scan with f₁ up to 0.5 never chose f₁ above 0.2).
     */
    static ProposedGrid nominalFractionGrid() {
        return ProposedGrid.fractions(
                new double[] {0, 0.1, 0.2},
                steps(0.5, 0.05, 10),
                steps(0.5, 0.05, 10),
                Variants::paperProfile,
                c -> proposedSkipNominal(c[0], c[1], c[2]));
    }

    /**
     * The fitted variants, in-sample, leave-one-workload-out ({@code _cv}) and leave-one-family-out ({@code _lofo}):
     * {@code proposed_noskip_eff}, {@code proposed_skip_frac}, {@code proposed_skip_frac_paper} and
     * {@code proposed_skip_nominal}, fitted on the 361-row set of each skip value (the set the goals and the
     * published existing-model figures refer to); every one of the 371 rows gets held-out predictions.
     */
    public static List<CrossValidation.Fit> fitted(List<MeasuredRun> runs) {
        List<MeasuredRun> noSkip =
                runs.stream().filter(r -> !r.skip() && r.inPaperSet()).toList();
        List<MeasuredRun> skip =
                runs.stream().filter(r -> r.skip() && r.inPaperSet()).toList();
        return List.of(
                fit(noSkip, throughputGrid(), "proposed_noskip_eff"),
                fit(skip, fractionGrid(false), "proposed_skip_frac"),
                fit(skip, fractionGrid(true), "proposed_skip_frac_paper"),
                fit(skip, nominalFractionGrid(), "proposed_skip_nominal"));
    }

    private static CrossValidation.Fit fit(List<MeasuredRun> runs, ProposedGrid grid, String name) {
        return CrossValidation.lowo(runs, MeasuredRun::inRepo361, grid.points(), grid::at, name, grid.errors(runs));
    }

    private static Variant.Predictor scaled(
            MigrationModel model,
            Function<WorkloadParams, DirtyProfile> profile,
            boolean skip,
            double kappa,
            double c) {
        return (run, ref) -> {
            double r = run.rateMbps() / 8.0;
            return outcome(model.predict(
                    vm(run, profile.apply(run.params())),
                    DataRate.ofMiBps(kappa * r / (1 + c * r)),
                    XenLegacy.paper(skip)));
        };
    }
}
