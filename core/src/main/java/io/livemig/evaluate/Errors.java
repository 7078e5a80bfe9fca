package io.livemig.evaluate;

import io.livemig.model.Prediction;

/**
 * The one error rule of every comparison: relative error in percent, |model − truth| / truth × 100. A migration that
 * does not converge has no finite time or traffic, so when both sides say "does not converge" they agree (error 0),
 * and when only one does the error is infinite. A truth of 0 is matched only by 0.
 */
public final class Errors {
    private Errors() {}

    /** Relative error in percent of {@code model} against {@code truth}, with the convergence rule above. */
    public static double relativePct(double model, double truth, boolean truthConverged, boolean modelConverged) {
        if (!truthConverged || !modelConverged) return truthConverged == modelConverged ? 0 : Double.POSITIVE_INFINITY;
        if (truth == 0) return model == 0 ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(model - truth) / truth * 100;
    }

    /** {@link #relativePct(double, double, boolean, boolean)} with the verdicts of two predictions. */
    public static double relativePct(double model, double truth, Prediction truthRun, Prediction modelRun) {
        return relativePct(model, truth, truthRun.converged(), modelRun.converged());
    }

    /** Rounded to {@code decimals} places for people; infinity and NaN stay as they are. */
    public static double rounded(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(v) && Math.abs(v) < 1e12 ? Math.round(v * scale) / scale : v;
    }
}
