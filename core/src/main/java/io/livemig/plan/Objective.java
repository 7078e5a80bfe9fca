package io.livemig.plan;

import io.livemig.model.Prediction;

/** What a plan minimises or bounds; each reads one number off a {@link Prediction}. */
public enum Objective {
    /** Total migration time T_pre + T_down, seconds. */
    MIGRATION_TIME("migration time", "s"),
    /** Stop-and-copy time T_down, seconds. */
    DOWNTIME("downtime", "s"),
    /** Every page sent (live iterations and stop-and-copy), MiB. */
    TRAFFIC("traffic", "MiB");

    private final String label;
    private final String unit;

    Objective(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The objective's value for one prediction; +∞ for a migration that does not converge. */
    public double of(Prediction p) {
        if (!p.converged()) return Double.POSITIVE_INFINITY;
        return switch (this) {
            case MIGRATION_TIME -> p.migrationSeconds();
            case DOWNTIME -> p.downtimeSeconds();
            case TRAFFIC -> p.trafficBytes() / (1024.0 * 1024.0);
        };
    }

    /** Parses {@code time}, {@code migration-time}, {@code downtime} or {@code traffic}. */
    public static Objective parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "time", "migration-time", "migration" -> MIGRATION_TIME;
            case "downtime" -> DOWNTIME;
            case "traffic" -> TRAFFIC;
            default ->
                throw new IllegalArgumentException(
                        "objective: unknown '" + text + "'; expected one of migration-time, downtime, traffic");
        };
    }
}
