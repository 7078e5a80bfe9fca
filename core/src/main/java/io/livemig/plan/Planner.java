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

    public static Planner of(MigrationModel model, PrecopyPolicy policy) { return new Planner(model, policy, SearchBudget.defaults()); }

    public Planner withBudget(SearchBudget b) { return new Planner(model, policy, b); }

    public MigrationModel model() { return model; }

    public PrecopyPolicy policy() { return policy; }

    public SearchBudget budget() { return budget; }

    /**
     * The lowest rate up to {@code maxRate} at which {@code target} (migration time or downtime) is at most {@code limit}.
     *
     * @throws IllegalArgumentException if the target is traffic, the limit is not &gt; 0, or the max rate is not a finite rate &gt; 0
     */
    public RatePlan minimumRate(Vm vm, Objective target, Duration limit, DataRate maxRate) {
        Check.notNull("vm", vm);
        Check.notNull("target", target);
        Check.that(target != Objective.TRAFFIC, "planner: a rate target bounds migration time or downtime; expected one of those, got traffic");
        Check.notNull("limit", limit);
        Check.that(!limit.isNegative() && !limit.isZero(), "planner: limit must be > 0, got " + limit.toMillis() + " ms");
        Check.notNull("max rate", maxRate);
        Check.positive("max rate", maxRate.bytesPerSecond(), "B/s");
        double limitSeconds = limit.toNanos() / 1e9;

        int n = budget.gridPoints();
        double top = maxRate.bytesPerSecond();
        double ratio = Math.pow(10, GRID_DECADES / (n - 1));
        int evaluations = 0;
        Prediction below = null;
        double belowRate = Double.NaN;
        for (int k = 0; k < n; k++) {
            double r = k == n - 1 ? top : top / Math.pow(ratio, n - 1 - k);
            Prediction p = model.predict(vm, DataRate.ofBytesPerSecond(r), policy);
            evaluations++;
            if (target.of(p) <= limitSeconds) {
                if (below == null) {
                    return new RatePlan(vm.name(), model.name(), policy.label(), target, limit, maxRate, true,
                            DataRate.ofBytesPerSecond(r), p, "already met at the bottom of the search grid (max rate × 10⁻⁶)", evaluations);
                }
                return bisect(vm, target, limit, maxRate, belowRate, r, p, evaluations);
            }
            below = p;
            belowRate = r;
        }
        Prediction atMax = below;
        String why = atMax.converged()
                ? String.format(Locale.ROOT, "at the maximum rate %s the %s is %.3f s, above the limit %.3f s (%s)",
                maxRate, target.label(), target.of(atMax), limitSeconds, atMax.stopReason().label())
                : "the migration does not converge at any rate up to " + maxRate + ": " + atMax.stopDetail();
        return new RatePlan(vm.name(), model.name(), policy.label(), target, limit, maxRate, false, null, atMax, why, evaluations);
    }

    private RatePlan bisect(Vm vm, Objective target, Duration limit, DataRate maxRate, double lo, double hi,
                            Prediction atHi, int evaluations) {
        double limitSeconds = limit.toNanos() / 1e9;
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
        String why = String.format(Locale.ROOT, "%s %.3f s ≤ %.3f s at this rate; %.6g MB/s misses it",
                target.label(), target.of(atHi), limitSeconds, lo / 1e6);
        return new RatePlan(vm.name(), model.name(), policy.label(), target, limit, maxRate, true,
                DataRate.ofBytesPerSecond(hi), atHi, why, evaluations);
    }

    /**
     * Which of {@code vms} to migrate, at {@code rate}, to free at least {@code toFree} of memory while minimising the
     * sum of {@code objective} over the chosen VMs. A VM that does not converge, or whose downtime exceeds
     * {@code downtimeBound}, is not eligible. Exact (every subset of eligible VMs) while 2^eligible fits the budget's
     * {@link SearchBudget#maxSubsets()}; otherwise greedy by objective per freed byte, and the result says so.
     *
     * @throws IllegalArgumentException if the list is empty, a name repeats, or {@code toFree} is not &gt; 0
     */
    public Selection select(List<Vm> vms, DataSize toFree, DataRate rate, Objective objective, Optional<Duration> downtimeBound) {
        Check.notNull("vms", vms);
        Check.that(!vms.isEmpty(), "planner: select needs at least one vm, got none");
        Check.notNull("memory to free", toFree);
        Check.that(toFree.bytes() > 0, "planner: memory to free must be > 0, got " + toFree);
        Check.notNull("rate", rate);
        Check.notNull("objective", objective);
        Check.notNull("downtime bound", downtimeBound);
        downtimeBound.ifPresent(d -> Check.that(!d.isNegative(), "planner: downtime bound must be >= 0, got " + d.toMillis() + " ms"));
        if (vms.stream().map(Vm::name).distinct().count() != vms.size()) {
            throw new IllegalArgumentException("planner: vm names must be unique, got " + vms.stream().map(Vm::name).toList());
        }

        int n = vms.size();
        Prediction[] pred = new Prediction[n];
        boolean[] eligible = new boolean[n];
        String[] note = new String[n];
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pred[i] = model.predict(vms.get(i), rate, policy);
            if (!pred[i].converged()) {
                note[i] = "does not converge";
            } else if (downtimeBound.isPresent() && pred[i].downtimeSeconds() > downtimeBound.get().toNanos() / 1e9) {
                note[i] = String.format(Locale.ROOT, "downtime %.3f s exceeds the bound %.3f s", pred[i].downtimeSeconds(),
                        downtimeBound.get().toNanos() / 1e9);
            } else {
                eligible[i] = true;
                note[i] = "";
                ok.add(i);
            }
        }
        long need = toFree.bytes();
        long all = ok.stream().mapToLong(i -> vms.get(i).memory().bytes()).sum();
        if (all < need) {
            String why = String.format(Locale.ROOT, "the eligible VMs hold %s, less than the %s to free", DataSize.ofBytes(all), toFree)
                    + (ok.size() < n ? " (" + (n - ok.size()) + " of " + n + " VMs not eligible; see note)" : "");
            return build(vms, pred, eligible, note, new boolean[n], toFree, objective, downtimeBound, false, true, 0, why);
        }

        double[] cost = new double[n];
        for (int i : ok) cost[i] = objective.of(pred[i]);
        boolean[] chosen = new boolean[n];
        boolean exact = ok.size() < 62 && (1L << ok.size()) <= budget.maxSubsets();
        long examined = 0;
        if (exact) {
            int m = ok.size();
            double best = Double.POSITIVE_INFINITY;
            int bestCount = Integer.MAX_VALUE;
            long bestMask = -1;
            for (long mask = 1; mask < (1L << m); mask++) {
                examined++;
                long mem = 0;
                double c = 0;
                for (int j = 0; j < m; j++) {
                    if ((mask & (1L << j)) != 0) {
                        mem += vms.get(ok.get(j)).memory().bytes();
                        c += cost[ok.get(j)];
                    }
                }
                int count = Long.bitCount(mask);
                if (mem >= need && (c < best || (c == best && count < bestCount))) {
                    best = c;
                    bestCount = count;
                    bestMask = mask;
                }
            }
            for (int j = 0; j < m; j++) chosen[ok.get(j)] = (bestMask & (1L << j)) != 0;
        } else {
            List<Integer> order = new ArrayList<>(ok);
            order.sort(Comparator.comparingDouble(i -> cost[i] / vms.get(i).memory().bytes()));
            long mem = 0;
            for (int i : order) {
                if (mem >= need) break;
                chosen[i] = true;
                mem += vms.get(i).memory().bytes();
                examined++;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) if (chosen[i]) total += cost[i];
        String why = String.format(Locale.ROOT, "%s minimises the total %s, %.3f %s, %s", exact ? "this choice" : "a greedy choice",
                objective.label(), total, objective.unit(), exact ? "over every subset of the " + ok.size() + " eligible VMs"
                        : "(" + ok.size() + " eligible VMs exceed the budget of " + budget.maxSubsets() + " subsets; not proven optimal)");
        return build(vms, pred, eligible, note, chosen, toFree, objective, downtimeBound, true, exact, examined, why);
    }

    private static Selection build(List<Vm> vms, Prediction[] pred, boolean[] eligible, String[] note, boolean[] chosen,
                                   DataSize toFree, Objective objective, Optional<Duration> bound, boolean feasible,
                                   boolean exact, long examined, String why) {
        List<Selection.Candidate> cs = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            cs.add(new Selection.Candidate(vms.get(i).name(), vms.get(i).memory(), pred[i], eligible[i], chosen[i], note[i]));
        }
        return new Selection(toFree, objective, bound.orElse(null), cs, feasible, exact, examined, why);
    }
}
