package io.livemig.validate;

/**
 * How one of the authors' scripts turned a run into numbers: which rate it fed its model, by which rate it divided the
 * last iteration's MB to get the measured downtime, and how it defined traffic (dataset README,
 * {@code downtime_rate_convention} and {@code traffic_definition}).
 *
 * @param modelRate    the rate the model is run at
 * @param downtimeRate the rate the measured downtime is computed with (last_iteration_mb / rate)
 * @param traffic      the traffic definition, applied to both predicted and measured values
 */
public record Conventions(Rate modelRate, Rate downtimeRate, Traffic traffic) {

    /** The two rate conventions of the repository. */
    public enum Rate {
        /** {@code rate_mbps/8} MB/s: the C programs (102/8 = 12.75 for a configured 12.5). */
        MBPS_OVER_8,
        /** {@code rate_mb_s}: the configured rate, used by the bc scripts. */
        MB_S;

        public double mbPerSecond(MeasuredRun run) {
            return this == MBPS_OVER_8 ? run.rateMbps() / 8.0 : run.rateMbS();
        }

        public String label() {
            return this == MBPS_OVER_8 ? "rate_mbps/8" : "rate_mb_s";
        }
    }

    /** The three traffic definitions of the repository: a time times a rate, never counted bytes. */
    public enum Traffic {
        TPRE_MBPS_OVER_8("Tpre*rate_mbps/8"),
        TPRE_MB_S("Tpre*rate_mb_s"),
        TMIG_MBPS_OVER_8("Tmig*rate_mbps/8");

        private final String label;

        Traffic(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Traffic in MB from a pre-copy time and a downtime (both s). */
        public double mb(MeasuredRun run, double precopySeconds, double downtimeSeconds) {
            return switch (this) {
                case TPRE_MBPS_OVER_8 -> precopySeconds * run.rateMbps() / 8.0;
                case TPRE_MB_S -> precopySeconds * run.rateMbS();
                case TMIG_MBPS_OVER_8 -> (precopySeconds + downtimeSeconds) * run.rateMbps() / 8.0;
            };
        }
    }

    /** The C programs' conventions with traffic T_pre × rate_mbps/8 (predict.c, hpdc-skip.c). */
    public static Conventions cCode() {
        return new Conventions(Rate.MBPS_OVER_8, Rate.MBPS_OVER_8, Traffic.TPRE_MBPS_OVER_8);
    }

    /** Measured downtime in s under these conventions. */
    public double measuredDowntimeSeconds(MeasuredRun run) {
        return run.lastIterationMb() / downtimeRate.mbPerSecond(run);
    }

    public double measuredMigrationSeconds(MeasuredRun run) {
        return run.precopySeconds() + measuredDowntimeSeconds(run);
    }

    public double measuredTrafficMb(MeasuredRun run) {
        return traffic.mb(run, run.precopySeconds(), measuredDowntimeSeconds(run));
    }
}
