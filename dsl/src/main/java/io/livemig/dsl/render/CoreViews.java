package io.livemig.dsl.render;

import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.plan.RatePlan;
import io.livemig.plan.Selection;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.units.DataSize;
import io.livemig.validate.Validation;
import io.livemig.validate.ValidationResult;
import io.livemig.validate.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * {@link Renderable} views of livemig core results, so core types stay free of rendering: a {@link Prediction}
 * (iterations table and a per-iteration chart), a {@link DirtyProfile} (the D(T) curve), a {@link Vm}, the planner's
 * {@link RatePlan} and {@link Selection}, a {@link Trace} (dirtied per unit, D(T)), a {@link TraceFit} and a
 * {@link ValidationResult} (p90 errors, predicted against measured, error CDFs).
 */
public final class CoreViews {
    private CoreViews() {}

    /** A prediction: its summary line, per-iteration table and a chart of data sent and dirtied per iteration. */
    public static Renderable of(Prediction p) {
        return new Renderable() {
            @Override
            public String summary() {
                return p.toString();
            }

            @Override
            public Table toTable() {
                return p.toTable();
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(iterationChart(p));
            }
        };
    }

    /** Several predictions side by side: the summary table, and a chart of time and downtime per prediction. */
    public static Renderable of(List<Prediction> predictions) {
        return new Renderable() {
            @Override
            public String summary() {
                return predictions.size() + " predictions";
            }

            @Override
            public Table toTable() {
                return Prediction.summaryTable(predictions);
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(comparisonChart("Predictions", predictions));
            }
        };
    }

    /** A dirty profile: D(T) for T up to 10 s as a table and a curve, with M_w. */
    public static Renderable of(DirtyProfile profile) {
        return new Renderable() {
            @Override
            public String summary() {
                return describe(profile);
            }

            @Override
            public Table toTable() {
                return dirtiedTable(profile);
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(dirtiedChart("D(T): unique pages dirtied in an interval", profile));
            }
        };
    }

    /** A VM: its memory and profile. */
    public static Renderable of(Vm vm) {
        return new Renderable() {
            @Override
            public String summary() {
                return String.format(
                        Locale.ROOT,
                        "vm '%s': memory %s (%.0f pages of %d B); %s",
                        vm.name(),
                        vm.memory(),
                        vm.memoryPages(),
                        vm.pageSizeBytes(),
                        describe(vm.profile()));
            }

            @Override
            public Table toTable() {
                return dirtiedTable(vm.profile()).setName("vm '" + vm.name() + "': D(T)");
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(dirtiedChart("vm '" + vm.name() + "' (" + vm.memory() + "): D(T)", vm.profile()));
            }
        };
    }

    /** A rate plan: the answer line, its one-row table, and the prediction at the rate found (or at the maximum). */
    public static Renderable of(RatePlan plan) {
        return new Renderable() {
            @Override
            public String summary() {
                return plan.toString();
            }

            @Override
            public Table toTable() {
                return plan.toTable();
            }

            @Override
            public List<Table> tables() {
                return List.of(plan.toTable(), plan.prediction().toTable());
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(iterationChart(plan.prediction()));
            }
        };
    }

    /** A selection: the answer line, one row per candidate, and time and downtime per candidate. */
    public static Renderable of(Selection selection) {
        return new Renderable() {
            @Override
            public String summary() {
                return selection
                        + String.format(
                                Locale.ROOT,
                                "%nfreed %s, total %s %s %s",
                                selection.freed(),
                                selection.objective().label(),
                                Tables.number(selection.total()),
                                selection.objective().unit());
            }

            @Override
            public Table toTable() {
                return selection.toTable();
            }

            @Override
            public List<JFreeChart> charts() {
                List<Prediction> ps = selection.candidates().stream()
                        .map(Selection.Candidate::prediction)
                        .toList();
                return List.of(comparisonChart(
                        "Candidates · free " + selection.toFree() + " · minimise "
                                + selection.objective().label(),
                        ps));
            }
        };
    }

    /** A trace: pages dirtied per unit and, for a trace of page sets, the empirical D(T) beside the fitted one. */
    public static Renderable of(Trace trace) {
        return new Renderable() {
            @Override
            public String summary() {
                return trace + (trace.hasPages() ? "\n" + trace.fit() : "");
            }

            @Override
            public Table toTable() {
                return trace.summary();
            }

            @Override
            public List<Table> tables() {
                return trace.hasPages()
                        ? List.of(trace.summary(), trace.profileTable(), trace.dirtyCurve())
                        : List.of(trace.summary());
            }

            @Override
            public List<JFreeChart> charts() {
                Table s = trace.summary();
                JFreeChart perUnit = Charts.lines(
                        trace.name() + ": pages dirtied per unit ("
                                + Tables.number(trace.header().unitSeconds() * 1000) + " ms)",
                        "time (s)",
                        "pages dirtied in the unit",
                        List.of(new Charts.Series(
                                "dirtied",
                                s.doubleColumn(Trace.TIME_S).asDoubleArray(),
                                s.longColumn(Trace.DIRTIED).asDoubleArray())));
                return trace.hasPages() ? List.of(perUnit, curveChart(trace.fit())) : List.of(perUnit);
            }
        };
    }

    /** A fit: S, S_new^T and M_w, and the empirical D(T) against the fitted profile. */
    public static Renderable of(TraceFit fit) {
        return new Renderable() {
            @Override
            public String summary() {
                return fit.toString();
            }

            @Override
            public Table toTable() {
                return fit.toTable();
            }

            @Override
            public List<Table> tables() {
                return fit.hasPages() ? List.of(fit.toTable(), fit.curveTable()) : List.of(fit.toTable());
            }

            @Override
            public List<JFreeChart> charts() {
                return fit.hasPages() ? List.of(curveChart(fit)) : List.of();
            }
        };
    }

    static JFreeChart curveChart(TraceFit fit) {
        Table c = fit.curveTable();
        double[] x = c.doubleColumn(TraceFit.T_S).asDoubleArray();
        return Charts.lines(
                fit.name() + ": D(T), measured and fitted",
                "interval T (s)",
                "unique pages dirtied (" + fit.header().pageSizeBytes() + " B pages)",
                List.of(
                        new Charts.Series(
                                "empirical (trace)",
                                x,
                                c.doubleColumn(TraceFit.EMPIRICAL_PAGES).asDoubleArray()),
                        new Charts.Series(
                                "fitted profile",
                                x,
                                c.doubleColumn(TraceFit.FITTED_PAGES).asDoubleArray())));
    }

    /** Variants a scatter shows at most: more points than this many variants make an unreadable cloud. */
    static final int SCATTER_VARIANTS = 4;
    /** Points per CDF line at most (evenly spaced ranks), so an SVG of ten variants stays small. */
    static final int CDF_POINTS = 200;

    /**
     * A validation: the 90th-percentile errors, per-run errors, and two charts over the 371 runs of the paper's set:
     * predicted against measured migration time (the published variants, or the first few) and the CDF of the
     * relative error of every variant.
     */
    public static Renderable of(ValidationResult r) {
        return new Renderable() {
            @Override
            public String summary() {
                String first = r.variants().isEmpty() ? "" : r.variants().get(0).name();
                StringBuilder sb = new StringBuilder(String.format(
                        Locale.ROOT,
                        "validation: %d variants over %d measured runs",
                        r.variants().size(),
                        r.errors()
                                .where(r.errors().stringColumn("variant").isEqualTo(first))
                                .rowCount()));
                if (!r.referenceMatch().isEmpty()) {
                    sb.append(
                            "\nmatch with the authors' predictions (largest relative difference, allow-listed rows excluded):");
                    r.referenceMatch().entrySet().stream()
                            .sorted(java.util.Map.Entry.comparingByKey())
                            .forEach(e -> sb.append(String.format(
                                    Locale.ROOT, "%n  %-32s %s", e.getKey(), Tables.number(e.getValue()))));
                }
                return sb.toString();
            }

            @Override
            public Table toTable() {
                return r.summary();
            }

            @Override
            public List<Table> tables() {
                return List.of(r.summary(), r.errors());
            }

            @Override
            public List<JFreeChart> charts() {
                return List.of(validationScatter(r), errorCdf(r));
            }
        };
    }

    private static Table paperRows(ValidationResult r, String variant) {
        Table e = r.errors();
        return e.where(e.stringColumn("variant")
                .isEqualTo(variant)
                .and(e.booleanColumn("in_paper_set").isTrue()));
    }

    static JFreeChart validationScatter(ValidationResult r) {
        List<String> names = r.variants().stream()
                .map(Variant::name)
                .filter(Validation.PUBLISHED::containsKey)
                .toList();
        if (names.isEmpty())
            names = r.variants().stream()
                    .map(Variant::name)
                    .limit(SCATTER_VARIANTS)
                    .toList();
        List<Charts.Series> series = new ArrayList<>();
        double max = 0;
        for (String v : names) {
            Table t = paperRows(r, v);
            double[] x = t.doubleColumn("meas_migration_s").asDoubleArray();
            double[] y = t.doubleColumn("pred_migration_s").asDoubleArray();
            for (int i = 0; i < x.length; i++)
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) max = Math.max(max, Math.max(x[i], y[i]));
            series.add(new Charts.Series(v, x, y));
        }
        JFreeChart chart = Charts.scatter(
                "Predicted against measured migration time",
                "measured migration time (s)",
                "predicted migration time (s)",
                series);
        double min = 1;
        for (Charts.Series se : series) for (double v : se.x()) if (v > 0 && Double.isFinite(v)) min = Math.min(min, v);
        chart.getXYPlot().setDomainAxis(logAxis("measured migration time (s, log scale)"));
        chart.getXYPlot().setRangeAxis(logAxis("predicted migration time (s, log scale)"));
        chart.getXYPlot()
                .addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(
                        min, min, max, max, new java.awt.BasicStroke(1f), java.awt.Color.GRAY));
        return Charts.withSubtitle(chart, "the paper's 371 runs; on the grey line a prediction is exact");
    }

    static JFreeChart errorCdf(ValidationResult r) {
        List<Charts.Series> series = new ArrayList<>();
        for (Variant v : r.variants()) {
            double[] err = Arrays.stream(paperRows(r, v.name())
                            .doubleColumn("rel_err_migration_pct")
                            .asDoubleArray())
                    .filter(Double::isFinite)
                    .sorted()
                    .toArray();
            if (err.length == 0) continue;
            int n = Math.min(err.length, CDF_POINTS);
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                int k = n == 1 ? err.length - 1 : (int) Math.round(i * (err.length - 1) / (double) (n - 1));
                x[i] = err[k];
                y[i] = (k + 1) / (double) err.length;
            }
            series.add(new Charts.Series(v.name(), x, y));
        }
        JFreeChart chart = Charts.lines(
                "Error CDF: relative error of migration time", "relative error (%)", "fraction of runs", series);
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                .setDefaultShapesVisible(false);
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                .setAutoPopulateSeriesShape(false);
        chart.getXYPlot().setDomainAxis(logAxis("relative error (%, log scale)"));
        return Charts.withSubtitle(chart, "the paper's 371 runs; left and high is better");
    }

    /** A log axis labelled 0.1, 1, 10, 100 (not 10^x), ignoring values ≤ 0. */
    private static org.jfree.chart.axis.ValueAxis logAxis(String label) {
        org.jfree.chart.axis.LogarithmicAxis axis = new org.jfree.chart.axis.LogarithmicAxis(label);
        axis.setStrictValuesFlag(false);
        axis.setExpTickLabelsFlag(false);
        axis.setLog10TickLabelsFlag(false);
        return axis;
    }

    /** One line: S, S_new^T, M_w and the unit. */
    public static String describe(DirtyProfile p) {
        String base = String.format(
                Locale.ROOT,
                "S = %s pages per %s s, M_w = %s pages (%s)",
                Tables.number(p.sPages()),
                Tables.number(p.unitSeconds()),
                Tables.number(p.mwPages()),
                DataSize.ofPages(p.mwPages(), p.pageSizeBytes()));
        if (p instanceof LinearDirtyProfile l) {
            return base + ", S_new^T = "
                    + String.join(
                            ", ",
                            Arrays.stream(l.sNewPages())
                                    .mapToObj(Tables::number)
                                    .toList());
        }
        return base;
    }

    /** D(T) at T = u, 2u, … up to 10 s (or 100 units, whichever is longer). */
    static Table dirtiedTable(DirtyProfile p) {
        DoubleColumn t = DoubleColumn.create("interval_s");
        DoubleColumn d = DoubleColumn.create("dirtied_pages");
        DoubleColumn mib = DoubleColumn.create("dirtied_MiB");
        double u = p.unitSeconds();
        int n = (int) Math.max(100, Math.ceil(10 / u));
        for (int k = 1; k <= n; k++) {
            double sec = k * u;
            double pages = p.dirtiedPages(sec);
            t.append(sec);
            d.append(pages);
            mib.append(pages * p.pageSizeBytes() / DataSize.MIB);
        }
        return Table.create("D(T): unique pages dirtied in an interval of T seconds", t, d, mib);
    }

    static JFreeChart dirtiedChart(String title, DirtyProfile p) {
        Table t = dirtiedTable(p);
        double[] x = t.doubleColumn("interval_s").asDoubleArray();
        double[] y = t.doubleColumn("dirtied_pages").asDoubleArray();
        double[] mw = new double[x.length];
        Arrays.fill(mw, p.mwPages());
        return Charts.lines(
                title,
                "interval T (s)",
                "unique pages dirtied (" + p.pageSizeBytes() + " B pages)",
                List.of(new Charts.Series("D(T) (model)", x, y), new Charts.Series("M_w (cap)", x, mw)));
    }

    static JFreeChart iterationChart(Prediction p) {
        int n = p.iterations().size();
        double[] x = new double[n], sent = new double[n], dirtied = new double[n];
        for (int i = 0; i < n; i++) {
            Iteration it = p.iterations().get(i);
            x[i] = it.number();
            sent[i] = it.sentPages() * p.pageSizeBytes() / DataSize.MIB;
            dirtied[i] = it.stopAndCopy() ? Double.NaN : it.dirtiedPages() * p.pageSizeBytes() / DataSize.MIB;
        }
        JFreeChart chart = Charts.lines(
                p.model() + " · " + p.vm() + " @ " + p.rate() + " · " + p.policy(),
                "iteration (the last one is stop-and-copy)",
                "data (MiB)",
                List.of(
                        new Charts.Series("sent", x, sent),
                        new Charts.Series("dirtied during the iteration", x, dirtied)));
        if (!p.converged()) {
            // no migration time to state: "migration Infinity s" told the reader nothing
            return Charts.withSubtitle(
                    chart,
                    String.format(
                            Locale.ROOT,
                            "does not converge: %d iterations, %s",
                            p.iterationCount(),
                            p.stopReason().label()));
        }
        return Charts.withSubtitle(
                chart,
                String.format(
                        Locale.ROOT,
                        "migration %.3f s, downtime %.4f s, traffic %s, %d iterations, %s",
                        p.migrationSeconds(),
                        p.downtimeSeconds(),
                        p.traffic(),
                        p.iterationCount(),
                        p.stopReason().label()));
    }

    /** Migration time and downtime per prediction, labelled by model (and VM, rate, policy when they differ). */
    public static JFreeChart comparisonChart(String title, List<Prediction> ps) {
        boolean vms = ps.stream().map(Prediction::vm).distinct().count() > 1;
        boolean rates = ps.stream().map(Prediction::rate).distinct().count() > 1;
        boolean policies = ps.stream().map(Prediction::policy).distinct().count() > 1;
        List<String> cats = new ArrayList<>();
        double[][] v = new double[2][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            Prediction p = ps.get(i);
            String label = p.model()
                    + (vms ? " " + p.vm() : "")
                    + (rates ? " @" + p.rate() : "")
                    + (policies ? " " + p.policy() : "");
            while (cats.contains(label)) label = label + "'";
            cats.add(label);
            v[0][i] = p.precopySeconds();
            v[1][i] = p.downtimeSeconds();
        }
        JFreeChart chart = Charts.bars(title, "", "time (s)", List.of("pre-copy time", "downtime"), cats, v);
        if (ps.stream().anyMatch(p -> !p.converged())) {
            Charts.withSubtitle(chart, "a missing pre-copy bar: that migration does not converge");
        }
        return chart;
    }
}
