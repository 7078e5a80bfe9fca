package io.livemig.dsl.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * JFreeChart charts drawn on the server side: built with titles, axis labels that carry units and legends, and
 * written as SVG (JFreeSVG) or PNG. No JavaScript and no network, so they survive nbconvert's HTML export.
 */
public final class Charts {
    public static final int WIDTH = 720, HEIGHT = 440;
    private static final AtomicLong SVG_IDS = new AtomicLong();
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    /** Distinct, print-safe colours (no yellow on white), the same order in every panel so a legend fits all. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0xff7f0e),
        new Color(0x9467bd),
        new Color(0x8c564b),
        new Color(0xe377c2),
        new Color(0x7f7f7f),
        new Color(0xbcbd22),
        new Color(0x17becf)
    };

    static {
        // Charts are drawn off-screen; without this a JVM on a machine without a display fails on the first font.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        // JFreeChart draws rotated text (y-axis labels) as glyph outlines by default, a workaround for an old JDK
        // bug; as real <text> the SVG stays searchable and small.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {}

    /** One line (or set of points) of a chart: x and y of the same length; points that are not finite are left out. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x and y must have the same length, got "
                        + x.length + " and " + y.length);
            }
        }
    }

    /** One panel of a stacked chart: its y-axis label (with unit) and its series. */
    public record Panel(String yLabel, List<Series> series) {}

    /** Series up to this long get a marker on every point; on longer ones the markers would only blot the line. */
    public static final int MAX_MARKED_POINTS = 40;

    /** A line chart, with point markers on short series. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, dataset(series), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(lineRenderer(true, markers(series)));
        styleXY(plot);
        return styled(chart);
    }

    /** A scatter chart (points only), e.g. predicted against measured. */
    public static JFreeChart scatter(String title, String xLabel, String yLabel, List<Series> series) {
        JFreeChart chart = ChartFactory.createScatterPlot(
                title, xLabel, yLabel, dataset(series), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        styleXY(plot);
        plot.setRenderer(lineRenderer(false, true));
        return styled(chart);
    }

    /** Panels stacked over a shared x axis: e.g. migration time, downtime and traffic against rate. */
    public static JFreeChart stacked(String title, String xLabel, List<Panel> panels) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis(xLabel));
        combined.setGap(12);
        LegendItemCollection legend = null;
        for (Panel p : panels) {
            NumberAxis y = new NumberAxis(p.yLabel());
            y.setAutoRangeIncludesZero(true);
            XYPlot sub = new XYPlot(dataset(p.series()), null, y, lineRenderer(true, markers(p.series())));
            styleXY(sub);
            combined.add(sub, 1);
            if (legend == null) legend = sub.getLegendItems();
        }
        styleXY(combined);
        // every panel has the same series in the same colours: one legend, not one per panel
        if (legend != null) combined.setFixedLegendItems(legend);
        return styled(new JFreeChart(title, TITLE, combined, true));
    }

    /**
     * Grouped bars: {@code values[s][c]} is series {@code s} at category {@code c}.
     */
    public static JFreeChart bars(
            String title,
            String categoryLabel,
            String valueLabel,
            List<String> seriesNames,
            List<String> categories,
            double[][] values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int s = 0; s < seriesNames.size(); s++) {
            for (int c = 0; c < categories.size(); c++) {
                double v = values[s][c];
                data.addValue(Double.isFinite(v) ? v : null, seriesNames.get(s), categories.get(c));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        for (int i = 0; i < PALETTE.length; i++) bars.setSeriesPaint(i, PALETTE[i]);
        plot.setRangeGridlinePaint(GRID);
        return styled(chart);
    }

    /** Adds a second line under the title, e.g. what was left out or which policy. */
    public static JFreeChart withSubtitle(JFreeChart chart, String subtitle) {
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    /** The chart as an {@code <svg>} element, self-contained (ids are unique per call, so several can share a page). */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix("livemig" + SVG_IDS.incrementAndGet() + "_");
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGElement();
    }

    public static String svg(JFreeChart chart) {
        return svg(chart, WIDTH, HEIGHT);
    }

    /** The chart as PNG bytes. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        try {
            return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + title(chart) + "': cannot encode PNG", e);
        }
    }

    public static byte[] png(JFreeChart chart) {
        return png(chart, WIDTH, HEIGHT);
    }

    public static String title(JFreeChart chart) {
        return chart.getTitle() == null ? "chart" : chart.getTitle().getText();
    }

    /**
     * Points per series drawn at most: JFreeSVG writes every segment as its own element (about 1 KB), so a
     * 2,400-iteration run made a 6 MB chart. Longer series keep the lowest and highest point of each of
     * {@code MAX_POINTS / 2} equal runs of points, so peaks and the envelope survive.
     */
    public static final int MAX_POINTS = 300;

    private static XYSeriesCollection dataset(List<Series> series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i : shownPoints(s.y())) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) xy.add(s.x()[i], s.y()[i]);
            }
            c.addSeries(xy);
        }
        return c;
    }

    /** Indices of the points drawn: all of them, or per bucket the lowest and highest, in order, and the last. */
    static int[] shownPoints(double[] y) {
        int n = y.length;
        if (n <= MAX_POINTS) return java.util.stream.IntStream.range(0, n).toArray();
        int buckets = MAX_POINTS / 2;
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>();
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets), to = (int) ((long) (b + 1) * n / buckets);
            int lo = from, hi = from;
            for (int i = from; i < to; i++) {
                if (!(y[i] >= y[lo])) lo = i; // NaN never wins
                if (!(y[i] <= y[hi])) hi = i;
            }
            keep.add(lo);
            keep.add(hi);
        }
        keep.add(0);
        keep.add(n - 1);
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean markers(List<Series> series) {
        return series.stream().allMatch(s -> s.x().length <= MAX_MARKED_POINTS);
    }

    private static XYLineAndShapeRenderer lineRenderer(boolean lines, boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, shapes);
        // one SVG path per series instead of one element per segment: a tenth of the size
        r.setDrawSeriesLineAsPath(true);
        r.setDefaultStroke(new BasicStroke(2f));
        r.setAutoPopulateSeriesStroke(false);
        for (int i = 0; i < PALETTE.length; i++) r.setSeriesPaint(i, PALETTE[i]);
        return r;
    }

    private static void styleXY(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    private static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) chart.getTitle().setFont(TITLE);
        chart.setAntiAlias(true);
        return chart;
    }
}
