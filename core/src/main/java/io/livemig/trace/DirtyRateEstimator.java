package io.livemig.trace;

import io.livemig.Check;
import io.livemig.LivemigException;
import io.livemig.model.DirtyRateSource;
import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import java.util.List;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The existing ways of getting one dirty rate S (pages per second) from a trace, as the paper's existing models use
 * them (docs/model.md §3.2). One record per estimator; {@link #source(Trace)} makes the result an
 * {@link DirtyRateSource} for the existing {@link io.livemig.model.MigrationModel}s. Estimators that need page
 * numbers say so ({@link #needsPages()}) and fail with a clear message on a counts-only trace.
 */
public sealed interface DirtyRateEstimator {

    /** A short stable name for tables, e.g. {@code average}, {@code hot-cold(10 s, 0.9)}. */
    String name();

    /** True when the estimator needs page numbers (not just counts per unit). */
    boolean needsPages();

    /** S in pages per second estimated from {@code trace}. */
    double estimate(Trace trace);

    default boolean supports(Trace trace) {
        return trace.hasPages() || !needsPages();
    }

    /** Estimates once and hands the result to a model as a fixed rate. */
    default DirtyRateSource source(Trace trace) {
        return DirtyRateSource.fixed(pagesPerSecond(trace));
    }

    /**
     * S in pages per second.
     * @throws LivemigException when the estimator needs page numbers and the trace has counts only
     */
    default double pagesPerSecond(Trace trace) {
        Check.notNull("trace", trace);
        if (!supports(trace)) {
            throw new LivemigException(trace.name() + ": estimator " + name()
                    + " needs page numbers; a counts-only trace " + "supports average and ewma only");
        }
        return estimate(trace);
    }

    /** Every estimator with the parameters the paper's authors used (10 s profile windows, hot threshold 0.9). */
    static List<DirtyRateEstimator> defaults() {
        return List.of(
                new Average(),
                new ExponentiallyWeighted(0.3),
                new DirtyProbability(10, 0.5),
                new HotCold(10, 0.9),
                new PacerFrequency(10));
    }

    /** A window of the first {@code seconds} of the trace, in whole units (at least one, at most the trace). */
    private static int unitsOf(Trace t, double seconds) {
        return (int) Math.max(
                1, Math.min(t.unitCount(), Math.round(seconds / t.header().unitSeconds())));
    }

    /** Plain average: mean pages dirtied per unit over the whole trace, per second ({@code sample-rate-dirty-prediction}). */
    record Average() implements DirtyRateEstimator {
        @Override
        public String name() {
            return "average";
        }

        @Override
        public boolean needsPages() {
            return false;
        }

        @Override
        public double estimate(Trace t) {
            return t.unitCount() == 0
                    ? 0
                    : t.events() / (double) t.unitCount() / t.header().unitSeconds();
        }
    }

    /**
     * Exponentially weighted moving average of the per-unit counts, s_k = α·c_k + (1 − α)·s_{k−1}, the last value per
     * second (the "weighted sampled rate" family).
     */
    record ExponentiallyWeighted(double alpha) implements DirtyRateEstimator {
        public ExponentiallyWeighted {
            Check.that(alpha > 0 && alpha <= 1, "alpha must be in (0, 1], got " + alpha);
        }

        @Override
        public String name() {
            return "ewma(" + alpha + ")";
        }

        @Override
        public boolean needsPages() {
            return false;
        }

        @Override
        public double estimate(Trace t) {
            if (t.unitCount() == 0) return 0;
            double s = t.dirtied(0);
            for (int k = 1; k < t.unitCount(); k++) s = alpha * t.dirtied(k) + (1 - alpha) * s;
            return s / t.header().unitSeconds();
        }
    }

    /**
     * Dirty probability ("INFOCOM", {@code infocom/}): p = the mean fraction of memory dirtied in a window of
     * {@code windowSeconds}; S = p · factor · M pages per second, with the authors' unexplained factor 0.5.
     */
    record DirtyProbability(double windowSeconds, double factor) implements DirtyRateEstimator {
        public DirtyProbability {
            Check.positive("window", windowSeconds, "s");
            Check.positive("factor", factor, "");
        }

        @Override
        public String name() {
            return "dirty-probability(" + fmt(windowSeconds) + " s)";
        }

        @Override
        public boolean needsPages() {
            return true;
        }

        @Override
        public double estimate(Trace t) {
            int w = unitsOf(t, windowSeconds);
            double sum = 0;
            int windows = 0;
            for (int j = 0; j + w <= t.unitCount(); j += w) {
                RoaringBitmap u = new RoaringBitmap();
                for (int k = j; k < j + w; k++) u.or(t.unit(k));
                sum += u.getLongCardinality();
                windows++;
            }
            double p = windows == 0 ? 0 : sum / windows / t.memoryPages();
            return p * factor * t.memoryPages();
        }
    }

    /**
     * Hot and cold pages (Aldhalaan &amp; Menascé, EPEW 2013; the authors' {@code lncsanalytical}): over the first
     * {@code windowSeconds}, cut into 1 s intervals, a page is hot when it is dirty in at least {@code threshold} of the
     * intervals. β = hot pages / memory; S_h and S_nh are the hot and non-hot pages dirtied per second;
     * S = β·S_h + (1 − β)·S_nh, as the authors' scripts combine them.
     */
    record HotCold(double windowSeconds, double threshold) implements DirtyRateEstimator {
        public HotCold {
            Check.positive("window", windowSeconds, "s");
            Check.that(threshold > 0 && threshold <= 1, "hot threshold must be in (0, 1], got " + threshold);
        }

        @Override
        public String name() {
            return "hot-cold(" + fmt(windowSeconds) + " s, " + threshold + ")";
        }

        @Override
        public boolean needsPages() {
            return true;
        }

        @Override
        public double estimate(Trace t) {
            int perSecond = (int) Math.max(1, Math.round(1 / t.header().unitSeconds()));
            int w = unitsOf(t, windowSeconds);
            int intervals = Math.max(1, w / perSecond);
            RoaringBitmap[] sets = new RoaringBitmap[intervals];
            int[] freq = new int[(int) t.memoryPages()];
            for (int i = 0; i < intervals; i++) {
                sets[i] = new RoaringBitmap();
                for (int k = i * perSecond; k < Math.min((i + 1) * perSecond, t.unitCount()); k++)
                    sets[i].or(t.unit(k));
                sets[i].forEach((int p) -> freq[p]++);
            }
            RoaringBitmap hot = new RoaringBitmap();
            for (int p = 0; p < freq.length; p++) if (freq[p] >= threshold * intervals) hot.add(p);
            double beta = hot.getLongCardinality() / (double) t.memoryPages();
            double sh = 0, snh = 0;
            for (RoaringBitmap s : sets) {
                long h = RoaringBitmap.andCardinality(s, hot);
                sh += h;
                snh += s.getLongCardinality() - h;
            }
            double seconds = intervals * perSecond * t.header().unitSeconds();
            return beta * (sh / seconds) + (1 - beta) * (snh / seconds);
        }
    }

    /**
     * Pacer's per-page frequency (Zheng et al.): over the first {@code windowSeconds}, page p is dirty in a fraction
     * q_p of the units; the expected number of distinct pages dirtied in one second is Σ_p 1 − (1 − q_p)^{1/u}.
     */
    record PacerFrequency(double windowSeconds) implements DirtyRateEstimator {
        public PacerFrequency {
            Check.positive("window", windowSeconds, "s");
        }

        @Override
        public String name() {
            return "pacer(" + fmt(windowSeconds) + " s)";
        }

        @Override
        public boolean needsPages() {
            return true;
        }

        @Override
        public double estimate(Trace t) {
            int w = unitsOf(t, windowSeconds);
            int[] freq = new int[(int) t.memoryPages()];
            int[] buf = new int[256];
            for (int k = 0; k < w; k++) {
                BatchIterator it = t.unit(k).getBatchIterator();
                while (it.hasNext()) {
                    int n = it.nextBatch(buf);
                    for (int i = 0; i < n; i++) freq[buf[i]]++;
                }
            }
            double unitsPerSecond = 1 / t.header().unitSeconds();
            double sum = 0;
            for (int f : freq) if (f > 0) sum += 1 - Math.pow(1 - f / (double) w, unitsPerSecond);
            return sum;
        }
    }

    /**
     * Migration-log weighting (the authors' {@code hpdc-predicted-dirty-rate}): the time-weighted mean of the
     * per-iteration dirty rates of an earlier migration, Σ_i t_i·(D_i/t_i) / Σ_i t_i = Σ D_i / Σ t_i over the live
     * iterations. The log is a {@link Prediction}, e.g. a simulator run; the trace is not read.
     */
    record MigrationLog(Prediction log) implements DirtyRateEstimator {
        public MigrationLog {
            Check.notNull("migration log", log);
        }

        @Override
        public String name() {
            return "migration-log";
        }

        @Override
        public boolean needsPages() {
            return false;
        }

        @Override
        public double estimate(Trace t) {
            double d = 0, s = 0;
            for (Iteration i : log.iterations()) {
                if (i.stopAndCopy()) continue;
                d += i.dirtiedPages();
                s += i.durationSeconds();
            }
            return s > 0 ? d / s : 0;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
