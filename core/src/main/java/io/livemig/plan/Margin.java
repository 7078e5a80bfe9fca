package io.livemig.plan;

import io.livemig.Check;
import io.livemig.model.Prediction;
import io.livemig.units.DataRate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * How far a migration's rate is from the rate at which its verdict flips: the lowest rate at which it converges (its
 * threshold) and whether the verdict is <em>at the edge</em>, i.e. flips within {@link #EDGE} of the rate.
 *
 * <p>Real QEMU is bistable there: on the lab's datasets the only points where repeats of one migration disagreed
 * (converged in 1 of 8 and 2 of 3 runs) had their threshold 3 % below the link's rate, and every point farther than
 * 5 % from it got the same verdict in every repeat, the model's (docs/qemu-lab.md, "At the edge";
 * {@code LabQuietDatasetFiguresTest}). A verdict at the edge is a coin toss, whatever the model says.
 *
 * @param rate the rate asked about
 * @param converges the verdict at that rate
 * @param atTheEdge whether the verdict differs at {@code rate × (1 − EDGE)} or {@code rate × (1 + EDGE)}
 * @param threshold the lowest rate found to converge, within {@link #PRECISION}; empty unless {@code search} is
 *     {@link Search#FOUND}
 * @param search what the search for the threshold found
 */
public record Margin(DataRate rate, boolean converges, boolean atTheEdge, Optional<DataRate> threshold, Search search) {

    /** What the search for the threshold found. */
    public enum Search {
        /** Only the two probes were made ({@link #probe}). */
        NOT_SEARCHED,
        /** The threshold is in the search range. */
        FOUND,
        /** It converges even at rate / {@link #SPAN}. */
        CONVERGES_THROUGHOUT,
        /** It does not converge even at rate × {@link #SPAN}. */
        NEVER_CONVERGES
    }

    /** The half-width of the band around the rate where a flip of the verdict makes it "at the edge": 5 %. */
    public static final double EDGE = 0.05;

    /** The search for the threshold spans rate / SPAN to rate × SPAN. */
    public static final double SPAN = 16;

    /** The relative width of the bracket the threshold is bisected to. */
    public static final double PRECISION = 1e-3;

    public Margin {
        Check.notNull("rate", rate);
        Check.notNull("threshold", threshold);
        Check.notNull("search", search);
        Check.that(
                threshold.isPresent() == (search == Search.FOUND),
                "margin: a threshold comes with search FOUND and only with it, got " + search);
    }

    /**
     * The two predictions at {@code rate × (1 ± EDGE)} only: whether the verdict is at the edge, without the search for
     * the threshold ({@link #threshold()} empty).
     *
     * @param predict the model at a rate (the same VM, policy and inputs every call)
     * @throws IllegalArgumentException if the rate is unlimited (there is nothing to scale)
     */
    public static Margin probe(DataRate rate, Function<DataRate, Prediction> predict) {
        finite(rate);
        return probe(rate, predict.apply(rate).converged(), predict);
    }

    /** {@link #probe(DataRate, Function)} for a caller that has the verdict at the rate already (two predictions). */
    public static Margin probe(DataRate rate, boolean converges, Function<DataRate, Prediction> predict) {
        double bps = finite(rate);
        return new Margin(rate, converges, flipsNear(bps, converges, predict), Optional.empty(), Search.NOT_SEARCHED);
    }

    /**
     * {@link #probe} and the threshold: bisected (geometrically, to {@link #PRECISION}) between the rate and the end of
     * the search range on the side where the verdict flips. The bisection takes convergence to be monotone in the
     * rate, which the probes check near the rate only; about 15 predictions.
     *
     * @throws IllegalArgumentException if the rate is unlimited
     */
    public static Margin search(DataRate rate, Function<DataRate, Prediction> predict) {
        double bps = finite(rate);
        boolean converges = predict.apply(rate).converged();
        boolean edge = flipsNear(bps, converges, predict);
        // bracket [lo, hi]: lo does not converge, hi does
        double lo, hi;
        if (converges) {
            lo = bps / SPAN;
            if (converges(predict, lo))
                return new Margin(rate, true, edge, Optional.empty(), Search.CONVERGES_THROUGHOUT);
            hi = bps;
        } else {
            hi = bps * SPAN;
            if (!converges(predict, hi)) return new Margin(rate, false, edge, Optional.empty(), Search.NEVER_CONVERGES);
            lo = bps;
        }
        while (hi / lo > 1 + PRECISION) {
            double mid = Math.sqrt(lo * hi);
            if (!(mid > lo && mid < hi)) break;
            if (converges(predict, mid)) hi = mid;
            else lo = mid;
        }
        return new Margin(rate, converges, edge, Optional.of(DataRate.ofBytesPerSecond(hi)), Search.FOUND);
    }

    /**
     * 1 − threshold / rate: the share of the rate that could be lost and still converge (positive), or that must be
     * added to converge (negative); empty without a threshold.
     */
    public OptionalDouble headroom() {
        return threshold.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(1 - threshold.get().bytesPerSecond() / rate.bytesPerSecond());
    }

    /**
     * One line for a person, e.g. {@code converges down to 194 MB/s, 3.1 % below this rate: at the edge, where a real
     * migration may go either way}.
     */
    public String describe() {
        String edge = atTheEdge ? ": at the edge, where a real migration may go either way" : "";
        String verdict = converges ? "converges" : "does not converge";
        int band = (int) Math.round(EDGE * 100);
        return switch (search) {
            case FOUND ->
                String.format(
                        Locale.ROOT,
                        "%s %s, %.1f %% %s this rate%s",
                        converges ? "converges down to" : "converges from",
                        threshold.orElseThrow(),
                        Math.abs(headroom().getAsDouble()) * 100,
                        converges ? "below" : "above",
                        edge);
            case CONVERGES_THROUGHOUT ->
                String.format(Locale.ROOT, "converges even at 1/%.0f of this rate%s", SPAN, edge);
            case NEVER_CONVERGES ->
                String.format(Locale.ROOT, "does not converge even at %.0f × this rate%s", SPAN, edge);
            case NOT_SEARCHED ->
                atTheEdge
                        ? String.format(Locale.ROOT, "%s, but not at ±%d %% of this rate%s", verdict, band, edge)
                        : String.format(
                                Locale.ROOT,
                                "%s at ±%d %% of this rate %s",
                                verdict,
                                band,
                                converges ? "too" : "either");
        };
    }

    /** The rate and {@link #describe()}: what a notebook or a script shows. */
    @Override
    public String toString() {
        return "at " + rate + ": " + describe();
    }

    private static boolean flipsNear(double bps, boolean converges, Function<DataRate, Prediction> predict) {
        return converges(predict, bps * (1 - EDGE)) != converges || converges(predict, bps * (1 + EDGE)) != converges;
    }

    private static boolean converges(Function<DataRate, Prediction> predict, double bps) {
        return predict.apply(DataRate.ofBytesPerSecond(bps)).converged();
    }

    private static double finite(DataRate rate) {
        Check.notNull("rate", rate);
        Check.that(!rate.isUnlimited(), "margin: the rate is unlimited; a margin needs a finite rate to scale");
        return rate.bytesPerSecond();
    }
}
