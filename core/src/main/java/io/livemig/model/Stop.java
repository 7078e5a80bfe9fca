package io.livemig.model;

import io.livemig.Check;

/**
 * Why and how pre-copy stopped: the reason, for code, and one line for a person naming the rule that fired with its
 * numbers (e.g. {@code 12 pages dirty, at most 50}).
 */
public record Stop(StopReason reason, String detail) {
    public Stop {
        Check.notNull("stop reason", reason);
        Check.notNull("stop detail", detail);
    }

    public static Stop converged(String detail) {
        return new Stop(StopReason.CONVERGED, detail);
    }

    public static Stop iterationCap(String detail) {
        return new Stop(StopReason.ITERATION_CAP, detail);
    }

    public static Stop trafficCap(String detail) {
        return new Stop(StopReason.TRAFFIC_CAP, detail);
    }

    public static Stop doesNotConverge(String detail) {
        return new Stop(StopReason.DOES_NOT_CONVERGE, detail);
    }

    @Override
    public String toString() {
        return reason.label() + ": " + detail;
    }
}
