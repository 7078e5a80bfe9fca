package io.livemig.plan;

import io.livemig.Check;
import io.livemig.model.MigrationModel;
import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers planning questions with one model under one policy. Stateless and thread-safe.
 *
 * <h2>Rate search and the non-monotone model</h2>
 * The proposed model's migration time is not monotone in the rate: S_new^T is a step function of the iteration
 * length, so a faster rate can shorten an iteration across a step boundary and raise D(T). A plain bisection on
 * [0, max] could therefore stop at a rate that misses the target. {@link #minimumRate} instead
 * <ol>
 *   <li>scans a geometric grid of {@link SearchBudget#gridPoints()} rates from max·10⁻⁶ up to max, ascending, and
 *       takes the first rate that meets the target;</li>
 *   <li>bisects (geometrically) between that rate and the grid rate below it, which misses, for
 *       {@link SearchBudget#bisectionSteps()} steps, keeping the invariant "upper end meets, lower end misses";</li>
 *   <li>returns the upper end, which has been evaluated and meets the target.</li>
 * </ol>
 * The returned rate always meets the target. It is the lowest meeting rate up to the grid resolution: a pocket of
 * meeting rates narrower than one grid step (a factor (10⁶)^(1/(n−1)), 7.2 % with the default 200 points) below the
 * first meeting grid rate can be missed. When no grid rate meets the target, the result is infeasible and says why
 * (the prediction at the maximum rate, or non-convergence).
 */
public final class Planner {
    /** The grid spans six decades below the maximum rate. */
    private static final double GRID_DECADES = 6;

    private final MigrationModel model;
    private final PrecopyPolicy policy;
    private final SearchBudget budget;

    private Planner(MigrationModel model, PrecopyPolicy policy, SearchBudget budget) {
        this.model = Check.notNull("model", model);
        this.policy = Check.notNull("policy", policy);
        this.budget = Check.notNull("search budget", budget);
    }

    public static Planner of(MigrationModel model, PrecopyPolicy policy) {
        return new Planner(model, policy, SearchBudget.defaults());
    }

    public Planner withBudget(SearchBudget b) {
        return new Planner(model, policy, b);
    }

    public MigrationModel model() {
        return model;
    }

    public PrecopyPolicy policy() {
        return policy;
    }

    public SearchBudget budget() {
        return budget;
    }

    /**
     * The lowest rate up to {@code maxRate} at which {@code target} (migration time or downtime) is at most {@code limit}.
     *
     * @throws IllegalArgumentException if the target is traffic, the limit is not &gt; 0, or the max rate is not a finite rate &gt; 0
     */
    public RatePlan minimumRate(Vm vm, Objective target, Duration limit, DataRate maxRate) {
        return scan(vm, target, limit, null, maxRate);
    }

    /**
     * {@link #minimumRate(Vm, Objective, Duration, DataRate)} with the grid from {@code minRate} (instead of six decades
     * below the maximum) up to {@code maxRate}: for a caller that knows no lower rate can meet the target (the first
     * pass alone needs the non-zero memory / the limit) and would otherwise pay for the slowest, costliest predictions.
     *
     * @throws IllegalArgumentException as the other form, or if {@code minRate} is not in (0, maxRate)
     */
    public RatePlan minimumRate(Vm vm, Objective target, Duration limit, DataRate minRate, DataRate maxRate) {
        Check.notNull("min rate", minRate);
        return scan(vm, target, limit, minRate, maxRate);
    }

    /** The grid scan and bisection; {@code minRate} null: six decades below the maximum. */
    private RatePlan scan(Vm vm, Objective target, Duration limit, DataRate minRate, DataRate maxRate) {
        Check.notNull("vm", vm);
        Check.notNull("target", target);
        Check.that(
                target != Objective.TRAFFIC,
                "planner: a rate target bounds migration time or downtime; expected one of those, got traffic");
        Check.notNull("limit", limit);
        Check.that(
                !limit.isNegative() && !limit.isZero(), "planner: limit must be > 0, got " + limit.toMillis() + " ms");
        Check.notNull("max rate", maxRate);
        Check.positive("max rate", maxRate.bytesPerSecond(), "B/s");
        double limitSeconds = limit.toNanos() / 1e9;
        RatePlan.Question q = new RatePlan.Question(vm.name(), model.name(), policy.label(), target, limit, maxRate);

        if (minRate != null) {
            Check.that(
                    minRate.bytesPerSecond() > 0 && minRate.bytesPerSecond() < maxRate.bytesPerSecond(),
                    "planner: min rate must be in (0, max rate " + maxRate + "), got " + minRate);
        }
        int n = budget.gridPoints();
        double top = maxRate.bytesPerSecond();
        double ratio = minRate == null
                ? Math.pow(10, GRID_DECADES / (n - 1))
                : Math.pow(top / minRate.bytesPerSecond(), 1.0 / (n - 1));
        int evaluations = 0;
        Prediction below = null;
        double belowRate = Double.NaN;
        for (int k = 0; k < n; k++) {
            double r = k == n - 1 ? top : top / Math.pow(ratio, n - 1 - k);
            Prediction p = model.predict(vm, DataRate.ofBytesPerSecond(r), policy);
            evaluations++;
            if (target.of(p) <= limitSeconds) {
                if (below == null) {
                    return RatePlan.met(
                            q,
                            DataRate.ofBytesPerSecond(r),
                            p,
                            "already met at the bottom of the search grid ("
                                    + (minRate == null ? "max rate × 10⁻⁶" : minRate.toString()) + ")",
                            evaluations);
                }
                return bisect(vm, q, belowRate, r, p, evaluations);
            }
            below = p;
            belowRate = r;
        }
        Prediction atMax = below;
        String why = atMax.converged()
                ? String.format(
                        Locale.ROOT,
                        "at the maximum rate %s the %s is %.3f s, above the limit %.3f s (%s)",
                        maxRate,
                        target.label(),
                        target.of(atMax),
                        limitSeconds,
                        atMax.stopReason().label())
                : "the migration does not converge at any rate up to " + maxRate + ": " + atMax.stopDetail();
        return RatePlan.unmet(q, atMax, why, evaluations);
    }

    private RatePlan bisect(Vm vm, RatePlan.Question q, double lo, double hi, Prediction atHi, int evaluations) {
        Objective target = q.target();
        double limitSeconds = q.limit().toNanos() / 1e9;
        for (int s = 0; s < budget.bisectionSteps(); s++) {
            double mid = Math.sqrt(lo * hi);
            if (!(mid > lo && mid < hi)) break; // the bracket is as narrow as doubles allow
            Prediction p = model.predict(vm, DataRate.ofBytesPerSecond(mid), policy);
            evaluations++;
            if (target.of(p) <= limitSeconds) {
                hi = mid;
                atHi = p;
            } else {
                lo = mid;
            }
        }
        String why = String.format(
                Locale.ROOT,
                "%s %.3f s ≤ %.3f s at this rate; a rate %.1g %% lower misses it",
                target.label(),
                target.of(atHi),
                limitSeconds,
                (hi - lo) / hi * 100);
        return RatePlan.met(q, DataRate.ofBytesPerSecond(hi), atHi, why, evaluations);
    }

    /**
     * How far {@code rate} is from the rate at which this VM's verdict flips ({@link Margin#search}): the lowest rate
     * at which it converges, and whether the verdict is at the edge.
     *
     * @throws IllegalArgumentException if the rate is unlimited
     */
    public Margin margin(Vm vm, DataRate rate) {
        Check.notNull("vm", vm);
        return Margin.search(rate, r -> model.predict(vm, r, policy));
    }

    /**
     * Which of {@code vms} to migrate, at {@code rate}, to free at least {@code toFree} of memory while minimising the
     * sum of {@code objective} over the chosen VMs. A VM that does not converge, or whose downtime exceeds
     * {@code downtimeBound}, is not eligible. Exact (every subset of eligible VMs) while 2^eligible fits the budget's
     * {@link SearchBudget#maxSubsets()}; otherwise greedy by objective per freed byte, and the result says so.
     *
     * @throws IllegalArgumentException if the list is empty, a name repeats, or {@code toFree} is not &gt; 0
     */
    public Selection select(
            List<Vm> vms, DataSize toFree, DataRate rate, Objective objective, Optional<Duration> downtimeBound) {
        Check.notNull("vms", vms);
        Check.that(!vms.isEmpty(), "planner: select needs at least one vm, got none");
        Check.notNull("memory to free", toFree);
        Check.that(toFree.bytes() > 0, "planner: memory to free must be > 0, got " + toFree);
        Check.notNull("rate", rate);
        Check.notNull("objective", objective);
        Check.notNull("downtime bound", downtimeBound);
        downtimeBound.ifPresent(
                d -> Check.that(!d.isNegative(), "planner: downtime bound must be >= 0, got " + d.toMillis() + " ms"));
        if (vms.stream().map(Vm::name).distinct().count() != vms.size()) {
            throw new IllegalArgumentException("planner: vm names must be unique, got "
                    + vms.stream().map(Vm::name).toList());
        }

        double boundSeconds = downtimeBound.map(d -> d.toNanos() / 1e9).orElse(Double.POSITIVE_INFINITY);
        List<Selection.Candidate> assessed = new ArrayList<>();
        for (Vm vm : vms) assessed.add(assess(vm, rate, objective, boundSeconds));
        List<Selection.Candidate> ok =
                assessed.stream().filter(Selection.Candidate::eligible).toList();
        int n = vms.size();
        long need = toFree.bytes();
        long all = ok.stream().mapToLong(c -> c.memory().bytes()).sum();
        if (all < need) {
            String why = String.format(
                            Locale.ROOT,
                            "the eligible VMs hold %s, less than the %s to free",
                            DataSize.ofBytes(all),
                            toFree)
                    + (ok.size() < n ? " (" + (n - ok.size()) + " of " + n + " VMs not eligible; see note)" : "");
            return new Selection(toFree, objective, downtimeBound.orElse(null), assessed, false, true, 0, why);
        }

        boolean exact = ok.size() < 62 && (1L << ok.size()) <= budget.maxSubsets();
        Choice choice = exact ? exactChoice(ok, objective, need) : greedyChoice(ok, objective, need);
        double total = 0;
        for (Selection.Candidate c : ok) if (choice.chosen().contains(c.vm())) total += objective.of(c.prediction());
        String why = String.format(
                Locale.ROOT,
                "%s minimises the total %s, %.3f %s, %s",
                exact ? "this choice" : "a greedy choice",
                objective.label(),
                total,
                objective.unit(),
                exact
                        ? "over every subset of the " + ok.size() + " eligible VMs"
                        : "(" + ok.size() + " eligible VMs exceed the budget of " + budget.maxSubsets()
                                + " subsets; not proven optimal)");
        List<Selection.Candidate> out = assessed.stream()
                .map(c -> c.withChosen(choice.chosen().contains(c.vm())))
                .toList();
        return new Selection(toFree, objective, downtimeBound.orElse(null), out, true, exact, choice.examined(), why);
    }

    /** One VM's prediction at {@code rate} and whether it may be chosen: it converges within the downtime bound. */
    private Selection.Candidate assess(Vm vm, DataRate rate, Objective objective, double boundSeconds) {
        Prediction p = model.predict(vm, rate, policy);
        String note = !p.converged()
                ? "does not converge"
                : p.downtimeSeconds() > boundSeconds
                        ? String.format(
                                Locale.ROOT,
                                "downtime %.3f s exceeds the bound %.3f s",
                                p.downtimeSeconds(),
                                boundSeconds)
                        : "";
        return new Selection.Candidate(vm.name(), vm.memory(), p, note.isEmpty(), false, note);
    }

    /** The VMs chosen, by name, and how many subsets or VMs the search looked at. */
    private record Choice(java.util.Set<String> chosen, long examined) {}

    /** Every non-empty subset: the cheapest that frees enough, fewer VMs on a tie. */
    private static Choice exactChoice(List<Selection.Candidate> ok, Objective objective, long need) {
        int m = ok.size();
        double[] cost =
                ok.stream().mapToDouble(c -> objective.of(c.prediction())).toArray();
        double best = Double.POSITIVE_INFINITY;
        int bestCount = Integer.MAX_VALUE;
        long bestMask = -1, examined = 0;
        for (long mask = 1; mask < (1L << m); mask++) {
            examined++;
            long mem = 0;
            double c = 0;
            for (int j = 0; j < m; j++) {
                if ((mask & (1L << j)) != 0) {
                    mem += ok.get(j).memory().bytes();
                    c += cost[j];
                }
            }
            int count = Long.bitCount(mask);
            if (mem >= need && (c < best || (c == best && count < bestCount))) {
                best = c;
                bestCount = count;
                bestMask = mask;
            }
        }
        java.util.Set<String> chosen = new java.util.HashSet<>();
        for (int j = 0; j < m; j++)
            if ((bestMask & (1L << j)) != 0) chosen.add(ok.get(j).vm());
        return new Choice(chosen, examined);
    }

    /** Cheapest objective per freed byte first, until enough is freed. */
    private static Choice greedyChoice(List<Selection.Candidate> ok, Objective objective, long need) {
        List<Selection.Candidate> order = new ArrayList<>(ok);
        order.sort(Comparator.comparingDouble(
                c -> objective.of(c.prediction()) / c.memory().bytes()));
        java.util.Set<String> chosen = new java.util.HashSet<>();
        long mem = 0, examined = 0;
        for (Selection.Candidate c : order) {
            if (mem >= need) break;
            chosen.add(c.vm());
            mem += c.memory().bytes();
            examined++;
        }
        return new Choice(chosen, examined);
    }
}
