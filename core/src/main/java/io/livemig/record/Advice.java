package io.livemig.record;

import io.livemig.Check;
import io.livemig.model.Prediction;
import io.livemig.model.QemuAccurateModel;
import io.livemig.plan.Margin;
import io.livemig.plan.Objective;
import io.livemig.plan.Planner;
import io.livemig.plan.RatePlan;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "can I migrate this VM at this rate?" from a recorded {@link DirtyCurve}: the QEMU-accurate model at
 * the curve's measured values and at both ends of its measurement interval ({@link DirtyCurve.Bound}), so every figure
 * is a range as wide as the measurement allows; and, for a deadline, the lowest rate meeting it at each bound
 * ({@link Planner#minimumRate}).
 *
 * @param curve       the curve the advice is about
 * @param rate        the migration rate asked about
 * @param policy      QEMU with the downtime limit asked about
 * @param predictions one prediction per bound
 * @param plans       per bound, the lowest-rate plan for the deadline; empty without a deadline
 * @param deadline    the migration-time deadline, if asked
 * @param atTheEdge   at the measured curve, the verdict flips within ±{@link Margin#EDGE} of the rate ({@link Margin#probe})
 */
public record Advice(
        DirtyCurve curve,
        DataRate rate,
        Qemu policy,
        Map<DirtyCurve.Bound, Prediction> predictions,
        Map<DirtyCurve.Bound, RatePlan> plans,
        Optional<Duration> deadline,
        boolean atTheEdge) {

    /**
     * @param maxRate the highest rate the deadline search tries
     * @throws IllegalArgumentException if the rate or the max rate is not a finite rate &gt; 0, or the curve has no point
     */
    public static Advice of(
            DirtyCurve curve, DataRate rate, Duration downtimeLimit, Optional<Duration> deadline, DataRate maxRate) {
        Check.notNull("curve", curve);
        Check.that(rate.bytesPerSecond() > 0 && !rate.isUnlimited(), "rate must be a finite rate > 0, got " + rate);
        Qemu policy = Qemu.defaults().withDowntimeLimit(downtimeLimit);
        QemuAccurateModel model = new QemuAccurateModel();
        Map<DirtyCurve.Bound, Prediction> preds = new EnumMap<>(DirtyCurve.Bound.class);
        Map<DirtyCurve.Bound, RatePlan> plans = new EnumMap<>(DirtyCurve.Bound.class);
        for (DirtyCurve.Bound b : DirtyCurve.Bound.values()) {
            var vm = curve.vm(b);
            preds.put(b, model.predict(vm, rate, policy));
            deadline.ifPresent(d -> plans.put(
                    b,
                    Planner.of(model, policy)
                            .minimumRate(vm, Objective.MIGRATION_TIME, d, floor(vm, d, maxRate), maxRate)));
        }
        // at the measured curve, whether the verdict flips within a few percent of the rate (Margin): there a real
        // QEMU went either way from run to run (docs/qemu-lab.md, "At the edge")
        var measured = curve.vm(DirtyCurve.Bound.MEASURED);
        boolean edge = Margin.probe(
                        rate, preds.get(DirtyCurve.Bound.MEASURED).converged(), r -> model.predict(measured, r, policy))
                .atTheEdge();
        return new Advice(curve, rate, policy, Map.copyOf(preds), Map.copyOf(plans), deadline, edge);
    }

    /**
     * No rate below this meets the deadline: the first pass alone sends every non-zero page in full. Half of it, so the
     * grid's lowest point surely misses; the planner then need not pay for the slowest (costliest) predictions.
     */
    static DataRate floor(io.livemig.profile.Vm vm, Duration deadline, DataRate maxRate) {
        double bytes = Math.max(1, vm.nonZeroPages()) * vm.pageSizeBytes();
        double r = 0.5 * bytes / (deadline.toNanos() / 1e9);
        return DataRate.ofBytesPerSecond(Math.min(r, maxRate.bytesPerSecond() / 10));
    }

    /** True if the migration converges at the measured curve. */
    public boolean converges() {
        return predictions.get(DirtyCurve.Bound.MEASURED).converged();
    }

    /** The one-line answer. */
    public String line() {
        Prediction m = predictions.get(DirtyCurve.Bound.MEASURED),
                lo = predictions.get(DirtyCurve.Bound.LOWER),
                hi = predictions.get(DirtyCurve.Bound.UPPER);
        StringBuilder sb = new StringBuilder(curve.name())
                .append(" at ")
                .append(mib(rate))
                .append(", downtime limit ")
                .append(ms(policy.downtimeLimitSeconds()))
                .append(": ");
        boolean all = lo.converged() && m.converged() && hi.converged();
        boolean none = !lo.converged() && !m.converged() && !hi.converged();
        if (none) {
            sb.append("does NOT converge (at every D(T) the measurement allows)");
        } else {
            sb.append(
                    all
                            ? "converges"
                            : m.converged()
                                    ? "converges at the measured D(T) but NOT at its upper bound"
                                    : "does NOT converge at the measured D(T) (converges at its lower bound)");
            sb.append(String.format(
                    Locale.ROOT,
                    "; migration %s, downtime %s, %s on the wire",
                    range(lo.migrationSeconds(), m.migrationSeconds(), hi.migrationSeconds(), "s"),
                    range(lo.downtimeSeconds() * 1000, m.downtimeSeconds() * 1000, hi.downtimeSeconds() * 1000, "ms"),
                    range(
                            lo.wireTrafficBytes() / 1048576,
                            m.wireTrafficBytes() / 1048576,
                            hi.wireTrafficBytes() / 1048576,
                            "MiB")));
        }
        if (atTheEdge)
            sb.append(String.format(
                    Locale.ROOT,
                    "; at the edge: the verdict flips within ±%.0f %% of the rate, where a real migration may go"
                            + " either way",
                    Margin.EDGE * 100));
        deadline.ifPresent(d -> {
            RatePlan pl = plans.get(DirtyCurve.Bound.LOWER),
                    pm = plans.get(DirtyCurve.Bound.MEASURED),
                    ph = plans.get(DirtyCurve.Bound.UPPER);
            sb.append("; lowest rate for ").append(ms(d.toNanos() / 1e9)).append(": ");
            if (!pm.feasible() && !ph.feasible() && !pl.feasible()) {
                sb.append("none up to ").append(mib(pm.maxRate()));
            } else {
                sb.append(rateRange(pl, pm, ph));
            }
        });
        if (curve.partial()) sb.append(" (from a PARTIAL curve)");
        return sb.toString();
    }

    private static String rateRange(RatePlan lo, RatePlan mid, RatePlan hi) {
        String m = mid.rate().map(Advice::mib).orElse("none up to " + mib(mid.maxRate()));
        String a = lo.rate()
                .map(r -> String.format(Locale.ROOT, "%.1f", r.mibPerSecond()))
                .orElse("?");
        String b = hi.rate()
                .map(r -> String.format(Locale.ROOT, "%.1f", r.mibPerSecond()))
                .orElse("> " + mib(hi.maxRate()));
        return m + " (" + a + "–" + b + ")";
    }

    /** {@code 12.3 s (11.8–13.1)}: the value at the measured curve and the span over the three bounds. */
    private static String range(double lo, double mid, double hi, String unit) {
        double a = Math.min(lo, Math.min(mid, hi)), b = Math.max(lo, Math.max(mid, hi));
        String f = unit.equals("s") ? "%.2f" : "%.0f";
        return num(f, mid) + " " + unit + " (" + num(f, a) + "–" + num(f, b) + ")";
    }

    private static String num(String f, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "∞";
    }

    private static String mib(DataRate r) {
        return r.isUnlimited() ? "unlimited" : String.format(Locale.ROOT, "%.1f MiB/s", r.mibPerSecond());
    }

    private static String ms(double seconds) {
        return seconds < 1
                ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000)
                : String.format(Locale.ROOT, "%.3g s", seconds);
    }
}
