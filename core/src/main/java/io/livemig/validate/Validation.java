package io.livemig.validate;

import io.livemig.Check;
import io.livemig.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs variants over the measured runs and compares: per-row errors, their 90th percentiles over the 361- and
 * 371-row sets, and, for the reference variants, how closely this code reproduces the authors' own predictions.
 *
 * <p>Errors follow the dataset README: abs = |pred − meas|, rel = abs / meas × 100, measured values under the
 * variant's {@link Conventions}. A reference row matches when each of pre-copy time, downtime and traffic is
 * within 0.1 % relative, or 0.01 s / 0.1 MB absolute, of the authors' value.
 */
public final class Validation {
    /** Relative tolerance of the reference match. */
    public static final double MATCH_RELATIVE = 1e-3;
    /** Absolute tolerances of the reference match: seconds and MB. */
    public static final double MATCH_SECONDS = 0.01, MATCH_MB = 0.1;

    private Validation() {}

    /** The published 90th percentiles (abstract and poster): time %, time s (NaN where not published), traffic MB. */
    public static final Map<String, String> PUBLISHED = Map.of(
            "existing_kvm_infocom_pacer10", "existing KVM: 46 % / 43 s / 1413 MB",
            "existing_xen_hpdc_pacer10", "existing Xen: 159 % / 112 s / 1839 MB",
            "proposed_noskip", "proposed KVM: 13 % / 8 s / 349 MB",
            "proposed_skip_B", "proposed Xen: 19 % / 14 s / 434 MB");

    /** Runs every variant over the dataset. */
    public static ValidationResult run(Dataset dataset, List<Variant> variants) {
        return run(dataset.runs(), dataset.references(), variants, allowList().keySet());
    }

    /**
     * The documented reference rows that are known not to match, key {@code variant/workload@rate_mbps} → reason
     * (resource {@code reference-allow-list.txt} beside this class).
     */
    public static Map<String, String> allowList() {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = Validation.class.getResourceAsStream("reference-allow-list.txt")) {
            if (in == null)
                throw new IllegalStateException("validation: resource reference-allow-list.txt missing from the jar");
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int sp = l.indexOf(' ');
                out.put(
                        sp < 0 ? l : l.substring(0, sp),
                        sp < 0 ? "" : l.substring(sp).strip());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * @param allowList keys {@code variant/workload@rate_mbps} of reference rows known not to match (their reason is
     *                  documented where the list lives); they are counted apart and left out of the match figure
     */
    public static ValidationResult run(
            List<MeasuredRun> runs,
            Map<String, Map<String, ReferenceRow>> references,
            List<Variant> variants,
            Set<String> allowList) {
        Check.notNull("variants", variants);
        ErrorTable errors = new ErrorTable();
        Map<String, Double> match = new LinkedHashMap<>();
        for (Variant v : variants) {
            Map<String, ReferenceRow> refs = references.getOrDefault(v.name(), Map.of());
            double worst = 0;
            for (MeasuredRun run : runs) {
                if (run.skip() != v.skip()) continue;
                ReferenceRow ref = refs.get(run.key());
                if (!refs.isEmpty() && ref == null) continue; // a reference variant covers only its file's rows
                if (refs.isEmpty() && !run.inPaperSet()) continue; // our variants: the paper's 53 workloads
                boolean allowed = ref != null && allowList.contains(v.name() + "/" + run.key());
                double diff = errors.add(v, run, ref, allowed);
                if (ref != null && !allowed) worst = Math.max(worst, diff);
            }
            if (!refs.isEmpty()) match.put(v.name(), worst);
        }
        return new ValidationResult(variants, errors.table, summarise(variants, errors.table), match);
    }

    /** The per-row error table: one row per (variant, measured run), its columns resolved once (lookups scan). */
    private static final class ErrorTable {
        final Table table = Table.create(
                "errors",
                StringColumn.create("variant"),
                StringColumn.create("hypervisor"),
                StringColumn.create("workload"),
                StringColumn.create("family"),
                DoubleColumn.create("memory_mb"),
                DoubleColumn.create("rate_mbps"),
                BooleanColumn.create("in_paper_set"),
                BooleanColumn.create("in_repo_361"),
                IntColumn.create("pred_iterations"),
                DoubleColumn.create("pred_precopy_s"),
                DoubleColumn.create("pred_downtime_s"),
                DoubleColumn.create("pred_migration_s"),
                DoubleColumn.create("pred_traffic_mb"),
                DoubleColumn.create("meas_migration_s"),
                DoubleColumn.create("meas_downtime_s"),
                DoubleColumn.create("meas_traffic_mb"),
                DoubleColumn.create("abs_err_migration_s"),
                DoubleColumn.create("rel_err_migration_pct"),
                DoubleColumn.create("abs_err_traffic_mb"),
                DoubleColumn.create("abs_err_downtime_s"),
                DoubleColumn.create("ref_precopy_s"),
                DoubleColumn.create("ref_downtime_s"),
                DoubleColumn.create("ref_traffic_mb"),
                DoubleColumn.create("ref_rel_diff"),
                BooleanColumn.create("ref_match"),
                BooleanColumn.create("ref_allow_listed"));
        final StringColumn variant = table.stringColumn("variant"),
                hypervisor = table.stringColumn("hypervisor"),
                workload = table.stringColumn("workload"),
                family = table.stringColumn("family");
        final DoubleColumn memoryMb = table.doubleColumn("memory_mb"), rateMbps = table.doubleColumn("rate_mbps");
        final BooleanColumn inPaperSet = table.booleanColumn("in_paper_set"),
                inRepo361 = table.booleanColumn("in_repo_361");
        final IntColumn predIterations = table.intColumn("pred_iterations");
        final DoubleColumn predPrecopyS = table.doubleColumn("pred_precopy_s"),
                predDowntimeS = table.doubleColumn("pred_downtime_s"),
                predMigrationS = table.doubleColumn("pred_migration_s"),
                predTrafficMb = table.doubleColumn("pred_traffic_mb"),
                measMigrationS = table.doubleColumn("meas_migration_s"),
                measDowntimeS = table.doubleColumn("meas_downtime_s"),
                measTrafficMb = table.doubleColumn("meas_traffic_mb"),
                absErrMigrationS = table.doubleColumn("abs_err_migration_s"),
                relErrMigrationPct = table.doubleColumn("rel_err_migration_pct"),
                absErrTrafficMb = table.doubleColumn("abs_err_traffic_mb"),
                absErrDowntimeS = table.doubleColumn("abs_err_downtime_s"),
                refPrecopyS = table.doubleColumn("ref_precopy_s"),
                refDowntimeS = table.doubleColumn("ref_downtime_s"),
                refTrafficMb = table.doubleColumn("ref_traffic_mb"),
                refRelDiff = table.doubleColumn("ref_rel_diff");
        final BooleanColumn refMatch = table.booleanColumn("ref_match"),
                refAllowListed = table.booleanColumn("ref_allow_listed");

        /** Predicts {@code run} with {@code v}, appends its row, and returns how far it is from the reference (NaN: none). */
        double add(Variant v, MeasuredRun run, ReferenceRow ref, boolean allowed) {
            Variant.Outcome o = v.predictor().predict(run, ref);
            Conventions c = v.conventions();
            double traffic = o.broken() ? Double.NaN : c.traffic().mb(run, o.precopySeconds(), o.downtimeSeconds());
            double predMig = o.precopySeconds() + o.downtimeSeconds();
            double measMig = c.measuredMigrationSeconds(run), measDown = c.measuredDowntimeSeconds(run);
            double measTraffic = c.measuredTrafficMb(run);
            variant.append(v.name());
            hypervisor.append(v.hypervisor());
            workload.append(run.workload());
            family.append(run.family());
            memoryMb.append(run.memoryMb());
            rateMbps.append(run.rateMbps());
            inPaperSet.append(run.inPaperSet());
            inRepo361.append(run.inRepo361());
            predIterations.append(o.iterations());
            predPrecopyS.append(o.precopySeconds());
            predDowntimeS.append(o.downtimeSeconds());
            predMigrationS.append(predMig);
            predTrafficMb.append(traffic);
            measMigrationS.append(measMig);
            measDowntimeS.append(measDown);
            measTrafficMb.append(measTraffic);
            absErrMigrationS.append(Math.abs(predMig - measMig));
            relErrMigrationPct.append(Math.abs(predMig - measMig) / measMig * 100);
            absErrTrafficMb.append(Math.abs(traffic - measTraffic));
            absErrDowntimeS.append(Math.abs(o.downtimeSeconds() - measDown));
            double diff = Double.NaN;
            if (ref != null) {
                diff = Math.max(
                        relDiff(o.precopySeconds(), ref.precopySeconds(), MATCH_SECONDS),
                        Math.max(
                                relDiff(o.downtimeSeconds(), ref.downtimeSeconds(), MATCH_SECONDS),
                                relDiff(traffic, ref.trafficMb(), MATCH_MB)));
            }
            refPrecopyS.append(ref == null ? Double.NaN : ref.precopySeconds());
            refDowntimeS.append(ref == null ? Double.NaN : ref.downtimeSeconds());
            refTrafficMb.append(ref == null ? Double.NaN : ref.trafficMb());
            refRelDiff.append(diff);
            refMatch.append(ref == null || diff <= MATCH_RELATIVE);
            refAllowListed.append(allowed);
            return diff;
        }
    }

    /**
     * 0 when within the absolute tolerance or both NaN (a row the authors' script could not compute either), else the
     * relative difference; +∞ when only one side is NaN.
     */
    static double relDiff(double ours, double theirs, double absTolerance) {
        if (Double.isNaN(ours) && Double.isNaN(theirs)) return 0;
        if (Double.isNaN(ours) || Double.isNaN(theirs)) return Double.POSITIVE_INFINITY;
        double abs = Math.abs(ours - theirs);
        if (abs <= absTolerance) return 0;
        return abs / Math.abs(theirs);
    }

    /** One row per (variant, row set): n, p90 of the four errors, published figure. */
    static Table summarise(List<Variant> variants, Table errors) {
        Table t = Table.create(
                "p90 errors",
                StringColumn.create("variant"),
                StringColumn.create("hypervisor"),
                IntColumn.create("rows"),
                IntColumn.create("n"),
                DoubleColumn.create("p90_time_pct"),
                DoubleColumn.create("p90_time_s"),
                DoubleColumn.create("p90_traffic_mb"),
                DoubleColumn.create("p90_downtime_s"),
                BooleanColumn.create("cross_validated"),
                StringColumn.create("published"));
        // one pass over the rows, grouped by variant (a filter per variant and row set scanned the table 88 times)
        StringColumn name = errors.stringColumn("variant");
        BooleanColumn in361 = errors.booleanColumn("in_repo_361"), inPaper = errors.booleanColumn("in_paper_set");
        DoubleColumn predicted = errors.doubleColumn("pred_migration_s");
        List<DoubleColumn> measures = List.of(
                errors.doubleColumn("rel_err_migration_pct"),
                errors.doubleColumn("abs_err_migration_s"),
                errors.doubleColumn("abs_err_traffic_mb"),
                errors.doubleColumn("abs_err_downtime_s"));
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        for (int i = 0; i < errors.rowCount(); i++) {
            rowsOf.computeIfAbsent(name.get(i), k -> new ArrayList<>()).add(i);
        }
        for (Variant v : variants) {
            for (int set : new int[] {361, 371}) {
                BooleanColumn in = set == 361 ? in361 : inPaper;
                List<Integer> rows = new ArrayList<>();
                for (int i : rowsOf.getOrDefault(v.name(), List.of())) {
                    if (Boolean.TRUE.equals(in.get(i)) && !predicted.isMissing(i)) rows.add(i);
                }
                double[] p90 = new double[measures.size()];
                for (int c = 0; c < p90.length; c++) {
                    double[] values = new double[rows.size()];
                    for (int r = 0; r < values.length; r++)
                        values[r] = measures.get(c).getDouble(rows.get(r));
                    p90[c] = Percentiles.nearestRank(values, 0.9);
                }
                t.stringColumn("variant").append(v.name());
                t.stringColumn("hypervisor").append(v.hypervisor());
                t.intColumn("rows").append(set);
                t.intColumn("n").append(rows.size());
                t.doubleColumn("p90_time_pct").append(p90[0]);
                t.doubleColumn("p90_time_s").append(p90[1]);
                t.doubleColumn("p90_traffic_mb").append(p90[2]);
                t.doubleColumn("p90_downtime_s").append(p90[3]);
                t.booleanColumn("cross_validated").append(v.crossValidated());
                t.stringColumn("published").append(PUBLISHED.getOrDefault(v.name(), ""));
            }
        }
        return t;
    }
}
