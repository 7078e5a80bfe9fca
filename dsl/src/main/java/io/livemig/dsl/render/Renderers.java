package io.livemig.dsl.render;

import io.livemig.model.Prediction;
import io.livemig.plan.RatePlan;
import io.livemig.plan.Selection;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.validate.ValidationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * Turns a value into a {@link Rendered}: the one entry point the command line and the Jupyter kernel share.
 * Understands Tablesaw {@link Table}s, JFreeChart {@link JFreeChart}s, core results ({@link Prediction}, lists of
 * them, {@link Vm}, {@link DirtyProfile}, {@link RatePlan}, {@link Selection}, {@link Trace}, {@link TraceFit}, {@link ValidationResult}) and
 * every {@link Renderable}. Pure: nothing is written or printed.
 */
public final class Renderers {
    private Renderers() {}

    /** {@link #render(Object, int)} with {@link Tables#DEFAULT_MAX_ROWS}. */
    public static Optional<Rendered> render(Object value) {
        return render(value, Tables.DEFAULT_MAX_ROWS);
    }

    /**
     * @param maxRows rows shown per table before "… N more rows"
     * @return empty when livemig has no rendering for the value (callers then fall back to {@code toString()})
     */
    public static Optional<Rendered> render(Object value, int maxRows) {
        if (value == null) return Optional.empty();
        if (value instanceof Rendered r) return Optional.of(r);
        if (value instanceof Table t) {
            return Optional.of(new Rendered(Tables.text(t, maxRows), Tables.html(t, maxRows), null, null));
        }
        if (value instanceof JFreeChart c) {
            String svg = Charts.svg(c);
            return Optional.of(new Rendered("chart: " + Charts.title(c), chartHtml(svg), svg, c));
        }
        return view(value).map(v -> compose(v, maxRows));
    }

    /** The {@link Renderable} for a value, if livemig knows one: DSL results are their own, core results get a view. */
    public static Optional<Renderable> view(Object value) {
        if (value instanceof Renderable r) return Optional.of(r);
        if (value instanceof Prediction p) return Optional.of(CoreViews.of(p));
        if (value instanceof Vm vm) return Optional.of(CoreViews.of(vm));
        if (value instanceof DirtyProfile p) return Optional.of(CoreViews.of(p));
        if (value instanceof RatePlan p) return Optional.of(CoreViews.of(p));
        if (value instanceof Selection s) return Optional.of(CoreViews.of(s));
        if (value instanceof Trace t) return Optional.of(CoreViews.of(t));
        if (value instanceof TraceFit f) return Optional.of(CoreViews.of(f));
        if (value instanceof ValidationResult r) return Optional.of(CoreViews.of(r));
        if (value instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(Prediction.class::isInstance)) {
            List<Prediction> ps = new ArrayList<>();
            for (Object o : c) ps.add((Prediction) o);
            return Optional.of(CoreViews.of(ps));
        }
        return Optional.empty();
    }

    /** Text: the summary then each table; HTML: the same with every chart inlined as SVG; SVG and PNG: the main chart. */
    public static Rendered compose(Renderable r, int maxRows) {
        StringBuilder text = new StringBuilder(r.summary());
        StringBuilder html = new StringBuilder("<div class=\"livemig-result\"><pre class=\"livemig-summary\">")
                .append(Tables.escape(r.summary()))
                .append("</pre>");
        for (Table t : r.tables()) {
            text.append("\n\n").append(Tables.text(t, maxRows));
            html.append(Tables.html(t, maxRows));
        }
        List<JFreeChart> charts = r.charts();
        String mainSvg = null;
        JFreeChart main = null;
        for (JFreeChart c : charts) {
            String svg = Charts.svg(c);
            if (mainSvg == null) {
                mainSvg = svg;
                main = c;
            }
            html.append(chartHtml(svg));
        }
        html.append("</div>");
        return new Rendered(text.toString(), html.toString(), mainSvg, main);
    }

    /** A chart inside HTML: the SVG in its {@code livemig-chart} block. */
    public static String chartHtml(String svg) {
        return "<div class=\"livemig-chart\">" + svg + "</div>";
    }

    /** Plain text for any value: its rendering's text, else {@code String.valueOf}. */
    public static String text(Object value) {
        return render(value).map(Rendered::text).orElse(String.valueOf(value));
    }
}
